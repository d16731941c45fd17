"""The migration to UUID submission ids, with data in the tables, on the suite's database.

Real rows go in through the intake at head; the database goes down to string ids, where the old
bug's second spelling of one id (``<uuid>\\n``) is planted with its answers and counts; then up again.
Nothing of the real surveys may be lost, the second spelling must go, and the tallies must come out
as they were before it was planted.
"""

from __future__ import annotations

import os
import uuid
from datetime import timedelta

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, text

from survey_app import create_app
from survey_app.core.clock import city_today
from survey_app.demo.services import load_demo_data, load_demo_session
from survey_app.extensions import db
from survey_app.fieldwork import intake
from survey_app.fieldwork.models import Answer, AnswerTally, Response, TextAnswer
from survey_app.models_base import utcnow
from tests.conftest import _create_postgres_database

MIGRATIONS = os.path.join(os.path.dirname(__file__), "..", "migrations")
BEFORE = "5b2f2e2b9e4b"


@pytest.fixture
def migrated_app(tmp_path):
    base = os.environ.get("SURVEY_TEST_DATABASE_URL", "")
    url, drop = _create_postgres_database(base) if base.startswith("postgres") else \
        (f"sqlite:///{tmp_path}/migrated.sqlite", lambda: None)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "MIGRATIONS_DIR": MIGRATIONS})
    try:
        with app.app_context():
            yield app
            db.session.remove()
            db.engine.dispose()
    finally:
        drop()


def _tallies() -> dict:
    return {(t.session_id, t.band, t.item_code, t.value): t.count for t in db.session.scalars(select(AnswerTally))}


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _plant_second_spelling(response_id: str) -> None:
    """What the landed intake allowed: the same survey again under ``<uuid>\\n``, counted again.

    PostgreSQL's VARCHAR(36) refused the 37th character, so there the twin is spelled in capitals.
    """
    twin = response_id.upper() if db.engine.dialect.name == "postgresql" else response_id + "\n"
    with db.engine.begin() as connection:
        columns = "session_id, version_id, band, submitted_on, payload_digest"
        connection.execute(text(f"INSERT INTO responses (id, {columns}) SELECT :twin, {columns} "
                                "FROM responses WHERE id = :id"), {"twin": twin, "id": response_id})
        connection.execute(text("INSERT INTO answers (response_id, item_code, value, rank) "
                                "SELECT :twin, item_code, value, rank FROM answers WHERE response_id = :id"),
                           {"twin": twin, "id": response_id})
        connection.execute(text("UPDATE answer_tallies SET count = count + 1 WHERE item_code = 'S01'"))


def test_string_ids_become_uuids_with_every_survey_kept(migrated_app):
    upgrade(directory=MIGRATIONS)
    load_demo_data()
    session = load_demo_session()
    db.session.commit()
    ids = []
    for text_answer in ["多建公园", "我的电话是13812345678", None]:
        answers = {"S01": "a", **({"O04": text_answer} if text_answer else {})}
        payload = {"submission_id": str(uuid.uuid4()), "band": "D", "answers": answers}
        intake.submit_response(session, payload, now=utcnow(), today=city_today(), grace=timedelta(minutes=5))
        ids.append(payload["submission_id"])
    db.session.commit()
    counts, tallies = (_count(Response), _count(Answer), _count(TextAnswer)), _tallies()
    db.session.remove()

    downgrade(directory=MIGRATIONS, revision=BEFORE)
    with db.engine.connect() as connection:
        stored = sorted(row[0] for row in connection.execute(text("SELECT id FROM responses")))
    assert stored == sorted(ids)  # back to the 36-character text form
    _plant_second_spelling(ids[0])

    upgrade(directory=MIGRATIONS)
    assert (_count(Response), _count(Answer), _count(TextAnswer)) == counts
    assert sorted(db.session.scalars(select(Response.id))) == sorted(uuid.UUID(i) for i in ids)
    assert _tallies() == tallies
    redacted = db.session.scalars(select(TextAnswer.redacted)).all()
    assert sorted(redacted) == sorted(["多建公园", "我的电话是〔手机号〕"])
