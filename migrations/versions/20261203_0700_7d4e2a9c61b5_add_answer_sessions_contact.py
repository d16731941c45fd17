"""add answer_sessions contact

A phone number or e-mail address guardians can use, printed on the guardian letter. Nullable:
sessions planned before it existed have none, and their letter asks guardians to ask the school.

Revision ID: 7d4e2a9c61b5
Revises: d4e8b2a61c55
Create Date: 2026-12-03 06:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7d4e2a9c61b5'
down_revision = 'd4e8b2a61c55'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('answer_sessions', sa.Column('contact', sa.String(length=120), nullable=True))


def downgrade():
    # A plain DROP COLUMN (SQLite 3.35+ has it), not batch mode: rebuilding answer_sessions would
    # mean dropping a table that responses and tallies point at, which SQLite's foreign keys refuse.
    op.execute('ALTER TABLE answer_sessions DROP COLUMN contact')
