"""HR culture workshops

Revision ID: 0006_workshops
Revises: 0005_targets
"""
from alembic import op
import sqlalchemy as sa

revision = '0006_workshops'
down_revision = '0005_targets'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('workshop_goals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_month', sa.String(length=7), nullable=False),
    sa.Column('per_month', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_goals')),
    sa.UniqueConstraint('from_month', name=op.f('uq_workshop_goals_from_month'))
    )
    op.create_table('workshops',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('topic', sa.Text(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('online_url', sa.String(length=500), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=True),
    sa.Column('method', sa.String(length=30), nullable=False),
    sa.Column('method_note', sa.String(length=200), nullable=False),
    sa.Column('employees_count', sa.Integer(), nullable=False),
    sa.Column('customers_count', sa.Integer(), nullable=False),
    sa.Column('experts_count', sa.Integer(), nullable=False),
    sa.Column('core_users_count', sa.Integer(), nullable=False),
    sa.Column('cocreator_notes', sa.Text(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('capacity >= 1', name=op.f('ck_workshops_capacity_positive')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_workshops_ends_after_start')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_workshops_created_by_id_users')),
    sa.ForeignKeyConstraint(['facilitator_id'], ['users.id'], name=op.f('fk_workshops_facilitator_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshops'))
    )
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshops_facilitator_id'), ['facilitator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshops_starts_at'), ['starts_at'], unique=False)

    op.create_table('workshop_attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('walk_in', sa.Boolean(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_workshop_attendance_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_workshop_attendance_user_id_users')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_attendance_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_attendance')),
    sa.UniqueConstraint('workshop_id', 'user_id', name='uq_workshop_attendance_workshop_id_user_id')
    )
    with op.batch_alter_table('workshop_attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_attendance_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_attendance_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('workshop_departments',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_workshop_departments_department_id_departments')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_departments_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('workshop_id', 'department_id', name=op.f('pk_workshop_departments'))
    )
    op.create_table('workshop_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('rating >= 1 AND rating <= 5', name=op.f('ck_workshop_feedback_rating_range')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_workshop_feedback_user_id_users')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_feedback_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_feedback')),
    sa.UniqueConstraint('workshop_id', 'user_id', name='uq_workshop_feedback_workshop_id_user_id')
    )
    with op.batch_alter_table('workshop_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_feedback_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_feedback_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('workshop_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('rsvp', sa.String(length=10), nullable=False),
    sa.Column('rsvp_note', sa.String(length=500), nullable=False),
    sa.Column('rsvp_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_workshop_invitations_user_id_users')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_invitations_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_invitations')),
    sa.UniqueConstraint('workshop_id', 'user_id', name='uq_workshop_invitations_workshop_id_user_id')
    )
    with op.batch_alter_table('workshop_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_invitations_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_invitations_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('workshop_ideas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('touchpoint', sa.String(length=200), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('dot_votes', sa.Integer(), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=True),
    sa.Column('effort', sa.Integer(), nullable=True),
    sa.Column('decision', sa.String(length=12), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('promoted_at', sa.DateTime(), nullable=True),
    sa.Column('promoted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('dot_votes >= 0', name=op.f('ck_workshop_ideas_dot_votes_positive')),
    sa.CheckConstraint('effort IS NULL OR (effort >= 1 AND effort <= 5)', name=op.f('ck_workshop_ideas_effort_range')),
    sa.CheckConstraint('impact IS NULL OR (impact >= 1 AND impact <= 5)', name=op.f('ck_workshop_ideas_impact_range')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_workshop_ideas_created_by_id_users')),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_workshop_ideas_department_id_departments')),
    sa.ForeignKeyConstraint(['promoted_by_id'], ['users.id'], name=op.f('fk_workshop_ideas_promoted_by_id_users')),
    sa.ForeignKeyConstraint(['target_id'], ['targets.id'], name=op.f('fk_workshop_ideas_target_id_targets'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_ideas_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_ideas'))
    )
    with op.batch_alter_table('workshop_ideas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_ideas_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_ideas_target_id'), ['target_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_ideas_workshop_id'), ['workshop_id'], unique=False)



def downgrade():
    with op.batch_alter_table('workshop_ideas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_ideas_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_ideas_target_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_ideas_department_id'))

    op.drop_table('workshop_ideas')
    with op.batch_alter_table('workshop_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_invitations_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_invitations_user_id'))

    op.drop_table('workshop_invitations')
    with op.batch_alter_table('workshop_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_feedback_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_feedback_user_id'))

    op.drop_table('workshop_feedback')
    op.drop_table('workshop_departments')
    with op.batch_alter_table('workshop_attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_attendance_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_attendance_user_id'))

    op.drop_table('workshop_attendance')
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshops_starts_at'))
        batch_op.drop_index(batch_op.f('ix_workshops_facilitator_id'))

    op.drop_table('workshops')
    op.drop_table('workshop_goals')
