"""monthly department targets

Revision ID: 0005_targets
Revises: 0004_teams
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = '0005_targets'
down_revision = '0004_teams'
branch_labels = None
depends_on = None


def upgrade():
    pass  # filled in by the feature that owns this revision


def downgrade():
    pass
