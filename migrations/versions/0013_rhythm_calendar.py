"""calendar feeds: private per-person feed tokens

Revision ID: 0013_rhythm_calendar
Revises: 0012_rhythm_chat
Create Date: 2026-12-03 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_rhythm_calendar'
down_revision = '0012_rhythm_chat'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'calendar_feeds',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('scope', sa.String(length=10), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('prefix', sa.String(length=8), nullable=False),
        sa.Column('changed_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("(scope = 'person') = (user_id IS NOT NULL)",
                           name=op.f('ck_calendar_feeds_person_has_user')),
        sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'],
                                name=op.f('fk_calendar_feeds_changed_by_id_users')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_feeds_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feeds')),
        sa.UniqueConstraint('scope', 'user_id', name='uq_calendar_feeds_scope_user_id'),
        sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feeds_token_hash')),
    )
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_feeds_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_feeds_user_id'))

    op.drop_table('calendar_feeds')
