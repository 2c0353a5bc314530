"""reports: PDFs made by the task worker, kept by the fingerprint of their HTML

Revision ID: 0015_rendered_pdfs
Revises: 0014_rhythm_runs
Create Date: 2026-12-03 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_rendered_pdfs'
down_revision = '0014_rhythm_runs'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'rendered_pdfs',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('pages', sa.Integer(), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('pdf', sa.LargeBinary(), nullable=True),
        sa.Column('render_seconds', sa.Float(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('key'),
    )
    with op.batch_alter_table('rendered_pdfs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rendered_pdfs_created_at'), ['created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('rendered_pdfs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rendered_pdfs_created_at'))
    op.drop_table('rendered_pdfs')
