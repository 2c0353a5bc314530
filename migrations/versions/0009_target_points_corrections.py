"""targets: the points scale in the settings; updates corrected or withdrawn with a reason

Revision ID: 0009_target_points_corrections
Revises: 0008_alignment_reports
Create Date: 2026-11-30 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_target_points_corrections'
down_revision = '0008_alignment_reports'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('target_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('points_cap', sa.Integer(), server_default='50', nullable=False))
        batch_op.add_column(sa.Column('points_cap_month', sa.Integer(), server_default='150', nullable=False))
        batch_op.add_column(sa.Column('points_allowed', sa.String(length=200), server_default='', nullable=False))

    with op.batch_alter_table('target_updates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('corrects_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('withdrawal_reason', sa.Text(), server_default='', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_target_updates_corrects_id_target_updates'), 'target_updates',
                                    ['corrects_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_target_updates_withdrawn_by_id_users'), 'users',
                                    ['withdrawn_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('target_updates', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_target_updates_withdrawn_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_target_updates_corrects_id_target_updates'), type_='foreignkey')
        batch_op.drop_column('withdrawal_reason')
        batch_op.drop_column('withdrawn_by_id')
        batch_op.drop_column('withdrawn_at')
        batch_op.drop_column('corrects_id')
        batch_op.drop_column('reason')

    with op.batch_alter_table('target_settings', schema=None) as batch_op:
        batch_op.drop_column('points_allowed')
        batch_op.drop_column('points_cap_month')
        batch_op.drop_column('points_cap')
