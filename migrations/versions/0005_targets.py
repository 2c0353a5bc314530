"""monthly department targets

Revision ID: 0005_targets
Revises: 0004_teams
"""
from alembic import op
import sqlalchemy as sa

revision = '0005_targets'
down_revision = '0004_teams'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('target_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('max_per_department', sa.Integer(), nullable=False),
    sa.Column('min_per_department', sa.Integer(), nullable=False),
    sa.Column('window_opens_day', sa.Integer(), nullable=False),
    sa.Column('window_closes_day', sa.Integer(), nullable=False),
    sa.Column('close_day', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target_settings'))
    )
    op.create_table('month_closes',
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=False),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_month_closes_closed_by_id_users')),
    sa.PrimaryKeyConstraint('month', name=op.f('pk_month_closes'))
    )
    op.create_table('targets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('unit', sa.String(length=30), nullable=False),
    sa.Column('direction', sa.String(length=6), nullable=False),
    sa.Column('baseline', sa.Float(), nullable=True),
    sa.Column('target_value', sa.Float(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('dimension_code', sa.String(length=30), nullable=True),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('approval', sa.String(length=10), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('review_comment', sa.Text(), nullable=False),
    sa.Column('final_status', sa.String(length=12), nullable=True),
    sa.Column('carried_from_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_targets_approved_by_id_users')),
    sa.ForeignKeyConstraint(['carried_from_id'], ['targets.id'], name=op.f('fk_targets_carried_from_id_targets')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_targets_created_by_id_users')),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_targets_department_id_departments')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_targets_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_targets'))
    )
    with op.batch_alter_table('targets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_targets_department_id'), ['department_id'], unique=False)
        batch_op.create_index('ix_targets_department_id_month', ['department_id', 'month'], unique=False)
        batch_op.create_index(batch_op.f('ix_targets_month'), ['month'], unique=False)
        batch_op.create_index(batch_op.f('ix_targets_owner_id'), ['owner_id'], unique=False)

    op.create_table('target_updates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('done', sa.Boolean(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_target_updates_by_id_users')),
    sa.ForeignKeyConstraint(['target_id'], ['targets.id'], name=op.f('fk_target_updates_target_id_targets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target_updates'))
    )
    with op.batch_alter_table('target_updates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_target_updates_target_id'), ['target_id'], unique=False)



def downgrade():
    with op.batch_alter_table('target_updates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_target_updates_target_id'))

    op.drop_table('target_updates')
    with op.batch_alter_table('targets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_targets_owner_id'))
        batch_op.drop_index(batch_op.f('ix_targets_month'))
        batch_op.drop_index('ix_targets_department_id_month')
        batch_op.drop_index(batch_op.f('ix_targets_department_id'))

    op.drop_table('targets')
    op.drop_table('month_closes')
    op.drop_table('target_settings')
