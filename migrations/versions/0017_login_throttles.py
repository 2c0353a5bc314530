"""auth: sign-in guesses counted per account and per address in the database

Revision ID: 0017_login_throttles
Revises: 0016_assessment_results
Create Date: 2026-12-03 18:40:00

The counters were recomputed from login_attempts, non-atomically, and a success reset the address's count; each
counter is now one row changed by single UPDATE statements (cxgov/auth/throttle.py). Starts empty.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_login_throttles'
down_revision = '0016_assessment_results'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'login_throttles',
        sa.Column('key', sa.String(length=300), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('window_start', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_login_throttles')),
    )
    with op.batch_alter_table('login_throttles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_throttles_window_start'), ['window_start'], unique=False)


def downgrade():
    with op.batch_alter_table('login_throttles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_throttles_window_start'))
    op.drop_table('login_throttles')
