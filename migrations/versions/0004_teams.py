"""virtual CX team and rotation

Revision ID: 0004_teams
Revises: 0003_api_tokens
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = '0004_teams'
down_revision = '0003_api_tokens'
branch_labels = None
depends_on = None


def upgrade():
    pass  # filled in by the feature that owns this revision


def downgrade():
    pass
