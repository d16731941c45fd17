"""A safeguarding item cannot be joined back to the child's response.

The lead's item keeps session, place, date, question and the words (what is needed to act); the
research copy of that text holds a placeholder; no column, key or order ties the two together.
"""

import uuid
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import select, text

from survey_app import create_app
from survey_app.extensions import db as _db
from survey_app.fieldwork.models import Answer, Response, TextAnswer
from survey_app.safeguarding.models import SafeguardingConcern
from tests.fixtures.sessions import ORIGIN

MIGRATIONS = str(Path(__file__).resolve().parents[2] / "migrations")
PLACEHOLDER = "〔已转交保护负责人〕"
#: Concerning words that also hold a mobile number, which screening alone would report as "mobile".
DISCLOSURES = [f"我爸爸天天打我，我不想活了，我的电话是1380013{n:04d}" for n in range(12)]
ORDINARY = "希望公园里多一些滑梯和树"


def _send(client, session, answers):
    payload = {"submission_id": str(uuid.uuid4()), "band": "D", "answers": answers}
    response = client.post(f"/k/{session.join_code}/submit", json=payload, headers=ORIGIN)
    assert response.status_code == 201, response.get_data(as_text=True)
    return payload["submission_id"]


@pytest.fixture
def mixed_day(kiosk, db):
    """One session-day: ordinary answers around twelve disclosures, sent in a known order."""
    client, session = kiosk
    sent = []
    for words in DISCLOSURES:
        _send(client, session, {"O04": ORDINARY, "S01": "a"})
        sent.append((_send(client, session, {"O04": words, "S01": "d"}), words))
    return session, sent


def test_the_research_copy_holds_the_placeholder_never_the_words(mixed_day, db):
    _, sent = mixed_day
    for response_id, _words in sent:
        row = db.session.get(TextAnswer, (uuid.UUID(response_id), "O04"))
        assert (row.redacted, row.detected) == (PLACEHOLDER, "safeguarding")
    stored = db.session.scalars(select(TextAnswer.redacted)).all() + db.session.scalars(select(Answer.value)).all()
    assert not [value for value in stored if "打我" in value or "不想活" in value]


def test_no_concern_matches_one_response_by_its_words(mixed_day, db):
    for concern in db.session.scalars(select(SafeguardingConcern)):
        candidates = db.session.scalars(
            select(Response.id).join(TextAnswer).where(
                Response.session_id == concern.session_id, Response.submitted_on == concern.submitted_on,
                TextAnswer.item_code == concern.item_code,
                TextAnswer.redacted.contains(concern.original_text[:8]))).all()
        assert candidates == []


def test_the_lead_keeps_what_is_needed_to_act(mixed_day, db):
    session, sent = mixed_day
    concerns = db.session.scalars(select(SafeguardingConcern)).all()
    assert sorted(c.original_text for c in concerns) == sorted(words for _, words in sent)
    assert {(c.session_id, c.street_code, c.item_code) for c in concerns} == {(session.id, session.street_code, "O04")}


def test_concern_keys_do_not_follow_the_order_of_arrival(mixed_day, db):
    """Sequential ids would pair the n-th concern of a day with the n-th marked response of that day."""
    _, sent = mixed_day
    arrival = [words for _, words in sent]
    by_key = db.session.scalars(select(SafeguardingConcern.original_text).order_by(SafeguardingConcern.id)).all()
    assert by_key != arrival and sorted(by_key) == sorted(arrival)
    assert all(isinstance(c, uuid.UUID) for c in db.session.scalars(select(SafeguardingConcern.id)))


def test_stored_order_does_not_follow_arrival_after_housekeeping(mixed_day, db, runner):
    """A plain SELECT returns rows as stored (SQLite: by key; PostgreSQL: heap order until rewritten)."""
    _, sent = mixed_day
    assert runner.invoke(args=["safeguarding", "purge"]).exit_code == 0
    db.session.expire_all()
    as_stored = [row[0] for row in db.session.execute(text("SELECT original_text FROM safeguarding_concerns"))]
    assert as_stored != [words for _, words in sent] and len(as_stored) == len(sent)


def test_sqlite_keeps_no_hidden_rowid_in_arrival_order(mixed_day, db, is_postgres):
    if is_postgres:
        pytest.skip("SQLite only: PostgreSQL has no rowid (see the xmin test)")
    with pytest.raises(Exception, match="rowid"):
        db.session.execute(text("SELECT rowid FROM safeguarding_concerns")).all()
    db.session.rollback()


def test_the_migrated_sqlite_table_has_no_rowid_either(tmp_path):
    """The schema built by the migrations, not only by create_all, keeps rows in key order."""
    url = f"sqlite:///{tmp_path}/migrated.sqlite"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "MIGRATIONS_DIR": MIGRATIONS})
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        schema = _db.session.execute(text("SELECT sql FROM sqlite_master WHERE name = 'safeguarding_concerns'"))
        assert schema.scalar().rstrip().endswith("WITHOUT ROWID")
        _db.session.remove()
        _db.engine.dispose()


def test_postgres_transaction_ids_no_longer_pair_concerns_after_housekeeping(mixed_day, db, runner, is_postgres):
    """Rows written in one transaction share xmin; the daily housekeeping rewrites the queue's rows."""
    if not is_postgres:
        pytest.skip("PostgreSQL only: SQLite has no transaction ids on rows")

    def xmins(table):
        return {row[0] for row in db.session.execute(text(f"SELECT xmin::text FROM {table}"))}

    assert xmins("safeguarding_concerns") <= xmins("responses")  # the residual the housekeeping removes
    db.session.rollback()
    assert runner.invoke(args=["safeguarding", "purge"]).exit_code == 0
    assert not xmins("safeguarding_concerns") & xmins("responses")
