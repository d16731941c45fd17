"""rank positions in tallies

Results give the share ranking each option first and its mean points from the tallies: intake now
counts a ranked option again at its position ('_r1:park'). The tally value grows to 40 characters to
hold a 32-character choice code with its position; this counts the positions of the answers already
stored, per session and then per area, as intake would have.

Revision ID: c3f9a1e7b5d4
Revises: b7e2c4a8d6f1
Create Date: 2026-12-06 02:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c3f9a1e7b5d4'
down_revision = 'b7e2c4a8d6f1'
branch_labels = None
depends_on = None

POSITIONED = "'_r' || CAST(a.rank AS VARCHAR(4)) || ':' || a.value"


def _ranked(value: str) -> str:
    return f"{value} LIKE '\\_r%' ESCAPE '\\' AND {value} LIKE '%:%'"


def upgrade():
    _value_length(32, 40)
    op.execute("INSERT INTO answer_tallies (session_id, band, item_code, value, count, key_sum) "
               f"SELECT r.session_id, r.band, a.item_code, {POSITIONED}, count(*), sum(r.record_key) "
               "FROM answers a JOIN responses r ON r.id = a.response_id "
               "WHERE a.rank IS NOT NULL AND a.value NOT LIKE '\\_%' ESCAPE '\\' "
               f"GROUP BY r.session_id, r.band, a.item_code, {POSITIONED} "
               "ON CONFLICT (session_id, band, item_code, value) DO NOTHING")
    op.execute("INSERT INTO area_tallies (version_id, area_code, band, item_code, value, count, key_sum) "
               "SELECT s.version_id, coalesce(s.community_code, s.street_code), t.band, t.item_code, t.value, "
               "sum(t.count), sum(t.key_sum) FROM answer_tallies t JOIN answer_sessions s ON s.id = t.session_id "
               f"WHERE {_ranked('t.value')} "
               "GROUP BY s.version_id, coalesce(s.community_code, s.street_code), t.band, t.item_code, t.value "
               "ON CONFLICT (version_id, area_code, band, item_code, value) DO NOTHING")


def downgrade():
    for table in ("answer_tallies", "area_tallies"):
        op.execute(f"DELETE FROM {table} WHERE {_ranked('value')}")
    _value_length(40, 32)


def _value_length(before: int, after: int) -> None:
    """On PostgreSQL a plain ALTER (widening a VARCHAR rewrites nothing); SQLite copies the table."""
    for table in ("answer_tallies", "area_tallies"):
        with op.batch_alter_table(table) as batch:
            batch.alter_column("value", type_=sa.String(after), existing_type=sa.String(before),
                               existing_nullable=False)
