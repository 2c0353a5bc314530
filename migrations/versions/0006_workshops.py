"""HR culture workshops

Revision ID: 0006_workshops
Revises: 0005_targets
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = '0006_workshops'
down_revision = '0005_targets'
branch_labels = None
depends_on = None


def upgrade():
    pass  # filled in by the feature that owns this revision


def downgrade():
    pass
