"""virtual CX team and rotation: team assignments, rotation plans, pool, leave periods, terms, handovers

Revision ID: 0004_teams
Revises: 0003_api_tokens
"""
from alembic import op
import sqlalchemy as sa

revision = '0004_teams'
down_revision = '0003_api_tokens'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('leave_periods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_leave_periods_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leave_periods'))
    )
    with op.batch_alter_table('leave_periods', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_leave_periods_user_id'), ['user_id'], unique=False)

    op.create_table('rotation_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('cadence', sa.String(length=20), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_rotation_plans_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rotation_plans'))
    )
    op.create_table('rotation_pool',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['rotation_plans.id'], name=op.f('fk_rotation_pool_plan_id_rotation_plans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_rotation_pool_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rotation_pool')),
    sa.UniqueConstraint('plan_id', 'user_id', name='uq_rotation_pool_plan_id_user_id')
    )
    with op.batch_alter_table('rotation_pool', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rotation_pool_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rotation_pool_user_id'), ['user_id'], unique=False)

    op.create_table('rotation_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('director_id', sa.Integer(), nullable=True),
    sa.Column('skipped', sa.JSON(), nullable=False),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.Column('change_reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['director_id'], ['users.id'], name=op.f('fk_rotation_terms_director_id_users')),
    sa.ForeignKeyConstraint(['plan_id'], ['rotation_plans.id'], name=op.f('fk_rotation_terms_plan_id_rotation_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rotation_terms')),
    sa.UniqueConstraint('plan_id', 'number', name='uq_rotation_terms_plan_id_number')
    )
    with op.batch_alter_table('rotation_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rotation_terms_director_id'), ['director_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rotation_terms_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index('ix_rotation_terms_starts_on_ends_on', ['starts_on', 'ends_on'], unique=False)

    op.create_table('team_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_team_assignments_department_id_departments')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_team_assignments_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_assignments'))
    )
    with op.batch_alter_table('team_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_team_assignments_department_id'), ['department_id'], unique=False)
        batch_op.create_index('ix_team_assignments_role_starts_on', ['role', 'starts_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_team_assignments_user_id'), ['user_id'], unique=False)

    op.create_table('handovers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('open_items', sa.JSON(), nullable=False),
    sa.Column('written_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('acknowledged_by_id', sa.Integer(), nullable=True),
    sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
    sa.Column('acknowledgement', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['acknowledged_by_id'], ['users.id'], name=op.f('fk_handovers_acknowledged_by_id_users')),
    sa.ForeignKeyConstraint(['term_id'], ['rotation_terms.id'], name=op.f('fk_handovers_term_id_rotation_terms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['written_by_id'], ['users.id'], name=op.f('fk_handovers_written_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handovers')),
    sa.UniqueConstraint('term_id', name=op.f('uq_handovers_term_id'))
    )


def downgrade():
    op.drop_table('handovers')
    with op.batch_alter_table('team_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_assignments_user_id'))
        batch_op.drop_index('ix_team_assignments_role_starts_on')
        batch_op.drop_index(batch_op.f('ix_team_assignments_department_id'))

    op.drop_table('team_assignments')
    with op.batch_alter_table('rotation_terms', schema=None) as batch_op:
        batch_op.drop_index('ix_rotation_terms_starts_on_ends_on')
        batch_op.drop_index(batch_op.f('ix_rotation_terms_plan_id'))
        batch_op.drop_index(batch_op.f('ix_rotation_terms_director_id'))

    op.drop_table('rotation_terms')
    with op.batch_alter_table('rotation_pool', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rotation_pool_user_id'))
        batch_op.drop_index(batch_op.f('ix_rotation_pool_plan_id'))

    op.drop_table('rotation_pool')
    op.drop_table('rotation_plans')
    with op.batch_alter_table('leave_periods', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_leave_periods_user_id'))

    op.drop_table('leave_periods')
