"""asked counts in tallies

Results say how many children were asked each item as well as how many answered: intake now counts
'_asked' for each item with a relevance rule that a child was shown (an item without a rule is asked of
every response of its band, which '_responses' counts). This counts the responses already stored, per
session and then per area, by evaluating each version's rules over the stored answers as intake did.

Revision ID: d8a2f4c6e0b3
Revises: c3f9a1e7b5d4
Create Date: 2026-12-06 23:00:00

"""
import sqlalchemy as sa
from alembic import op

from survey_app.fieldwork.asked import asked_from_answers
from survey_app.questionnaires.loader import parse_definition


# revision identifiers, used by Alembic.
revision = 'd8a2f4c6e0b3'
down_revision = 'c3f9a1e7b5d4'
branch_labels = None
depends_on = None

ASKED = "_asked"  # as survey_app.fieldwork.intake.ASKED when this was written


def upgrade():
    connection = op.get_bind()
    versions = sa.table("questionnaire_versions", sa.column("id", sa.Integer), sa.column("definition", sa.JSON))
    definitions = {}
    for version_id, data in connection.execute(sa.select(versions.c.id, versions.c.definition)):
        instrument, _problems = parse_definition(data, f"stored version {version_id}")
        if instrument is not None:
            definitions[version_id] = instrument
    counted = asked_from_answers(connection, definitions, ASKED)
    if counted:
        connection.execute(
            sa.text("INSERT INTO answer_tallies (session_id, band, item_code, value, count, key_sum) "
                    "VALUES (:session, :band, :item, :value, :count, :key) "
                    "ON CONFLICT (session_id, band, item_code, value) DO NOTHING"),
            [{"session": s, "band": b, "item": i, "value": v, "count": n, "key": k}
             for (s, b, i, v), (n, k) in counted.items()])
    op.execute("INSERT INTO area_tallies (version_id, area_code, band, item_code, value, count, key_sum) "
               "SELECT s.version_id, coalesce(s.community_code, s.street_code), t.band, t.item_code, t.value, "
               "sum(t.count), sum(t.key_sum) FROM answer_tallies t JOIN answer_sessions s ON s.id = t.session_id "
               f"WHERE t.value = '{ASKED}' "
               "GROUP BY s.version_id, coalesce(s.community_code, s.street_code), t.band, t.item_code, t.value "
               "ON CONFLICT (version_id, area_code, band, item_code, value) DO NOTHING")


def downgrade():
    for table in ("answer_tallies", "area_tallies"):
        op.execute(f"DELETE FROM {table} WHERE value = '{ASKED}'")
