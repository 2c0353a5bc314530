"""calendar feeds: private per-person feed tokens

Revision ID: 0013_rhythm_calendar
Revises: 0012_rhythm_chat
Create Date: 2026-12-03 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_rhythm_calendar'
down_revision = '0012_rhythm_chat'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
