"""responses from_paper

Marks a response a facilitator typed in from a paper questionnaire. Existing responses came from
tablets, so the column is false for them (server default), and NOT NULL.

Revision ID: a7c3e5f19d20
Revises: 7d4e2a9c61b5
Create Date: 2026-12-03 07:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e5f19d20'
down_revision = '7d4e2a9c61b5'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('responses', sa.Column('from_paper', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    # A plain DROP COLUMN (SQLite 3.35+), not batch mode: rebuilding responses would mean dropping a
    # table that answers and text_answers point at, which SQLite's foreign keys refuse.
    op.execute('ALTER TABLE responses DROP COLUMN from_paper')
