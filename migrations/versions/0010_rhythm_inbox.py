"""inbox: snoozed reminders

Revision ID: 0010_rhythm_inbox
Revises: 0009_target_points_corrections
Create Date: 2026-12-03 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_rhythm_inbox'
down_revision = '0009_target_points_corrections'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'inbox_snoozes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('item_key', sa.String(length=120), nullable=False),
        sa.Column('until', sa.Date(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_inbox_snoozes_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_inbox_snoozes')),
        sa.UniqueConstraint('user_id', 'item_key', name=op.f('uq_inbox_snoozes_user_id')),
    )
    with op.batch_alter_table('inbox_snoozes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inbox_snoozes_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('inbox_snoozes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inbox_snoozes_user_id'))
    op.drop_table('inbox_snoozes')
