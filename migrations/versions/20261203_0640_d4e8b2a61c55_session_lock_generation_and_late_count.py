"""session lock generation and the count of surveys that arrived after closing

A tablet's lock names the session and a generation that a new PIN or closing moves on, and the
session counts queued surveys that arrived after it closed (for the facilitator's live view).

Revision ID: d4e8b2a61c55
Revises: c3a91d0e7f21
Create Date: 2026-12-03 06:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4e8b2a61c55'
down_revision = 'c3a91d0e7f21'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('answer_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lock_generation', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('lock_rotated_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('arrived_after_close', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    # Not a batch: on SQLite that rebuilds answer_sessions, which responses still point to
    # (foreign keys are on). SQLite 3.35+ drops a plain column in place.
    for column in ('arrived_after_close', 'lock_rotated_at', 'lock_generation'):
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE answer_sessions DROP COLUMN {column}')
        else:
            op.drop_column('answer_sessions', column)
