"""e-mail digests: per-person preferences and the sent-log

Revision ID: 0011_rhythm_mail
Revises: 0010_rhythm_inbox
Create Date: 2026-12-03 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_rhythm_mail'
down_revision = '0010_rhythm_inbox'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
