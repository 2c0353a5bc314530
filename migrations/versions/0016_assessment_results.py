"""assessments: published cycles' results stored at publication, under a digest of what they depend on

Revision ID: 0016_assessment_results
Revises: 0015_rendered_pdfs
Create Date: 2026-12-03 18:30:00

Existing databases get an empty table: `flask --app wsgi cxgov store-results` fills it (until then, readers
compute the results from the answers, as before).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_assessment_results'
down_revision = '0015_rendered_pdfs'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'assessment_results',
        sa.Column('cycle_id', sa.Integer(), nullable=False),
        sa.Column('inputs', sa.String(length=64), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('computed_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['cycle_id'], ['assessment_cycles.id'], ondelete='CASCADE',
                                name=op.f('fk_assessment_results_cycle_id_assessment_cycles')),
        sa.PrimaryKeyConstraint('cycle_id', name=op.f('pk_assessment_results')),
    )


def downgrade():
    op.drop_table('assessment_results')
