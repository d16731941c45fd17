"""add answer_sessions contact

A phone number or e-mail address guardians can use, printed on the guardian letter. Nullable:
sessions planned before it existed have none, and their letter asks guardians to ask the school.

Revision ID: 7d4e2a9c61b5
Revises: c3a91d0e7f21
Create Date: 2026-12-03 06:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7d4e2a9c61b5'
down_revision = 'c3a91d0e7f21'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('answer_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact', sa.String(length=120), nullable=True))


def downgrade():
    with op.batch_alter_table('answer_sessions', schema=None) as batch_op:
        batch_op.drop_column('contact')
