"""responses rollup

Results read the number of respondents per session and band from the running tallies (item
'_responses', value '_n') instead of counting the responses table. Intake keeps it from now on; this
adds it for the responses already stored, with their record keys' sum.

Revision ID: a1d9e3f7c5b2
Revises: f6c2d8e4b1a3
Create Date: 2026-12-04 18:45:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a1d9e3f7c5b2'
down_revision = 'f6c2d8e4b1a3'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("INSERT INTO answer_tallies (session_id, band, item_code, value, count, key_sum) "
               "SELECT session_id, band, '_responses', '_n', count(*), sum(record_key) FROM responses "
               "GROUP BY session_id, band "
               "ON CONFLICT (session_id, band, item_code, value) DO NOTHING")


def downgrade():
    op.execute("DELETE FROM answer_tallies WHERE item_code = '_responses'")
