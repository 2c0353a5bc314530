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
    pass


def downgrade():
    pass
