"""workplace chat: channels and their deliveries

Revision ID: 0012_rhythm_chat
Revises: 0011_rhythm_mail
Create Date: 2026-12-03 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_rhythm_chat'
down_revision = '0011_rhythm_mail'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
