"""targets: an index holding each target's month, stored final status, approval, department, owner and points

Revision ID: 0018_targets_outcome_index
Revises: 0017_login_throttles
Create Date: 2026-12-03 18:35:00

The company grid sums a year's outcomes (at a large company ~10,000 targets) by month, department and owner;
with every column it reads in one narrow index, those sums read the index instead of the wide target rows.
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0018_targets_outcome_index'
down_revision = '0017_login_throttles'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_targets_outcome', 'targets',
                    ['month', 'final_status', 'approval', 'department_id', 'owner_id', 'points'], unique=False)


def downgrade():
    op.drop_index('ix_targets_outcome', table_name='targets')
