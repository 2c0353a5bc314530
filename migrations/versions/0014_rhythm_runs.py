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
    pass


def downgrade():
    pass
