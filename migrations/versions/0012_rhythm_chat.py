"""workplace chat: channels and their deliveries

Revision ID: 0012_rhythm_chat
Revises: 0011_rhythm_mail
Create Date: 2026-12-03 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_rhythm_chat'
down_revision = '0011_rhythm_mail'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('chat_channels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('webhook_url', sa.String(length=1000), nullable=False),
    sa.Column('secret_stored', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('digest', sa.Boolean(), nullable=False),
    sa.Column('digest_weekday', sa.Integer(), nullable=False),
    sa.Column('events', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_chat_channels_department_id_departments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_channels'))
    )
    with op.batch_alter_table('chat_channels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_channels_department_id'), ['department_id'], unique=False)

    op.create_table('chat_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.Column('message_json', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=True),
    sa.Column('dedupe_key', sa.String(length=80), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['channel_id'], ['chat_channels.id'], name=op.f('fk_chat_deliveries_channel_id_chat_channels'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_deliveries')),
    sa.UniqueConstraint('channel_id', 'dedupe_key', name=op.f('uq_chat_deliveries_channel_id'))
    )
    with op.batch_alter_table('chat_deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_deliveries_channel_id'), ['channel_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_chat_deliveries_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_chat_deliveries_state'), ['state'], unique=False)


def downgrade():
    with op.batch_alter_table('chat_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_deliveries_state'))
        batch_op.drop_index(batch_op.f('ix_chat_deliveries_created_at'))
        batch_op.drop_index(batch_op.f('ix_chat_deliveries_channel_id'))

    op.drop_table('chat_deliveries')
    with op.batch_alter_table('chat_channels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_channels_department_id'))

    op.drop_table('chat_channels')
