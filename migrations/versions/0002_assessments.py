"""assessments: frameworks, cycles, respondents, answers, calibrations

Revision ID: 0002_assessments
Revises: 0001_foundation
Create Date: 2026-11-22 12:22:07.542490

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002_assessments'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('frameworks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('description_zh', sa.Text(), nullable=False),
    sa.Column('level_names', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_frameworks')),
    sa.UniqueConstraint('key', 'version', name='uq_frameworks_key_version')
    )
    op.create_table('assessment_cycles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('framework_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_assessment_cycles_created_by_id_users')),
    sa.ForeignKeyConstraint(['framework_id'], ['frameworks.id'], name=op.f('fk_assessment_cycles_framework_id_frameworks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_cycles'))
    )
    with op.batch_alter_table('assessment_cycles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_cycles_framework_id'), ['framework_id'], unique=False)

    op.create_table('dimensions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('framework_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('description_zh', sa.Text(), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['framework_id'], ['frameworks.id'], name=op.f('fk_dimensions_framework_id_frameworks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dimensions')),
    sa.UniqueConstraint('framework_id', 'code', name='uq_dimensions_framework_id_code')
    )
    with op.batch_alter_table('dimensions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dimensions_framework_id'), ['framework_id'], unique=False)

    op.create_table('calibrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('dimension_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cycle_id'], ['assessment_cycles.id'], name=op.f('fk_calibrations_cycle_id_assessment_cycles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_calibrations_department_id_departments')),
    sa.ForeignKeyConstraint(['dimension_id'], ['dimensions.id'], name=op.f('fk_calibrations_dimension_id_dimensions')),
    sa.ForeignKeyConstraint(['set_by_id'], ['users.id'], name=op.f('fk_calibrations_set_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calibrations')),
    sa.UniqueConstraint('cycle_id', 'department_id', 'dimension_id', name='uq_calibrations_cycle_id_department_id_dimension_id')
    )
    with op.batch_alter_table('calibrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calibrations_cycle_id'), ['cycle_id'], unique=False)

    op.create_table('cycle_departments',
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cycle_id'], ['assessment_cycles.id'], name=op.f('fk_cycle_departments_cycle_id_assessment_cycles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_cycle_departments_department_id_departments')),
    sa.PrimaryKeyConstraint('cycle_id', 'department_id', name=op.f('pk_cycle_departments'))
    )
    op.create_table('cycle_targets',
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('dimension_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['cycle_id'], ['assessment_cycles.id'], name=op.f('fk_cycle_targets_cycle_id_assessment_cycles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['dimension_id'], ['dimensions.id'], name=op.f('fk_cycle_targets_dimension_id_dimensions')),
    sa.PrimaryKeyConstraint('cycle_id', 'dimension_id', name=op.f('pk_cycle_targets'))
    )
    op.create_table('practices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dimension_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('statement_en', sa.Text(), nullable=False),
    sa.Column('statement_zh', sa.Text(), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.Column('levels', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['dimension_id'], ['dimensions.id'], name=op.f('fk_practices_dimension_id_dimensions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practices')),
    sa.UniqueConstraint('dimension_id', 'code', name='uq_practices_dimension_id_code')
    )
    with op.batch_alter_table('practices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practices_dimension_id'), ['dimension_id'], unique=False)

    op.create_table('respondents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('perspective', sa.String(length=12), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cycle_id'], ['assessment_cycles.id'], name=op.f('fk_respondents_cycle_id_assessment_cycles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_respondents_department_id_departments')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_respondents_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_respondents')),
    sa.UniqueConstraint('cycle_id', 'user_id', 'department_id', name='uq_respondents_cycle_id_user_id_department_id')
    )
    with op.batch_alter_table('respondents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_respondents_cycle_id'), ['cycle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_respondents_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_respondents_user_id'), ['user_id'], unique=False)

    op.create_table('answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('respondent_id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=True),
    sa.Column('not_applicable', sa.Boolean(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('level IS NULL OR (level >= 1 AND level <= 5)', name=op.f('ck_answers_level_range')),
    sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], name=op.f('fk_answers_practice_id_practices')),
    sa.ForeignKeyConstraint(['respondent_id'], ['respondents.id'], name=op.f('fk_answers_respondent_id_respondents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answers')),
    sa.UniqueConstraint('respondent_id', 'practice_id', name='uq_answers_respondent_id_practice_id')
    )
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answers_practice_id'), ['practice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_answers_respondent_id'), ['respondent_id'], unique=False)



def downgrade():
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answers_respondent_id'))
        batch_op.drop_index(batch_op.f('ix_answers_practice_id'))

    op.drop_table('answers')
    with op.batch_alter_table('respondents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_respondents_user_id'))
        batch_op.drop_index(batch_op.f('ix_respondents_department_id'))
        batch_op.drop_index(batch_op.f('ix_respondents_cycle_id'))

    op.drop_table('respondents')
    with op.batch_alter_table('practices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practices_dimension_id'))

    op.drop_table('practices')
    op.drop_table('cycle_targets')
    op.drop_table('cycle_departments')
    with op.batch_alter_table('calibrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calibrations_cycle_id'))

    op.drop_table('calibrations')
    with op.batch_alter_table('dimensions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dimensions_framework_id'))

    op.drop_table('dimensions')
    with op.batch_alter_table('assessment_cycles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_cycles_framework_id'))

    op.drop_table('assessment_cycles')
    op.drop_table('frameworks')
