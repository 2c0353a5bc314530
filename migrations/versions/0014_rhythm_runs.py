"""scheduler: the log of each run of a rhythm job

Revision ID: 0014_rhythm_runs
Revises: 0013_rhythm_calendar
Create Date: 2026-12-03 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_rhythm_runs'
down_revision = '0013_rhythm_calendar'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'rhythm_runs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('job', sa.String(length=40), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('trigger', sa.String(length=10), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('counts', sa.JSON(), nullable=False),
        sa.Column('error', sa.Text(), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=False),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('rhythm_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rhythm_runs_job'), ['job'], unique=False)
        batch_op.create_index(batch_op.f('ix_rhythm_runs_day'), ['day'], unique=False)


def downgrade():
    with op.batch_alter_table('rhythm_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rhythm_runs_day'))
        batch_op.drop_index(batch_op.f('ix_rhythm_runs_job'))
    op.drop_table('rhythm_runs')
