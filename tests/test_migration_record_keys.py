"""The migration that adds record keys, with data in the tables, on the suite's database.

Surveys go in at head, the database goes down to the revision before record keys (the keys and key
sums are dropped), and up again: every response gets a key in 1-255 and every tally the sum of its
responses' keys, recomputed from the stored answers and texts.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from survey_app.core.clock import city_today
from survey_app.demo.services import load_demo_data, load_demo_session
from survey_app.extensions import db
from survey_app.fieldwork import intake
from survey_app.fieldwork.models import Answer, AnswerTally, Response, TextAnswer
from survey_app.models_base import utcnow
from tests.test_migration_submission_ids import MIGRATIONS, migrated_app  # noqa: F401 (fixture)

BEFORE = "a7c3e5f19d20"


def test_existing_responses_get_keys_and_tallies_their_sums(migrated_app):  # noqa: F811
    upgrade(directory=MIGRATIONS)
    load_demo_data()
    session = load_demo_session()
    db.session.commit()
    for i, words in enumerate(["多建公园", None, "图书馆", None, None]):
        answers = {"S01": ["a", "sa", "d"][i % 3], **({"O04": words} if words else {})}
        payload = {"submission_id": str(uuid.uuid4()), "band": "D", "answers": answers}
        intake.submit_response(session, payload, now=utcnow(), today=city_today(), grace=timedelta(minutes=5))
    db.session.commit()
    counts = {(t.session_id, t.band, t.item_code, t.value): t.count for t in db.session.scalars(select(AnswerTally))}
    db.session.remove()

    downgrade(directory=MIGRATIONS, revision=BEFORE)
    upgrade(directory=MIGRATIONS)

    keys = dict(db.session.execute(select(Response.id, Response.record_key)).all())
    assert len(keys) == 5 and all(1 <= key <= 255 for key in keys.values())
    counted: dict[tuple, list[int]] = {}
    for response_id, code, value in db.session.execute(select(Answer.response_id, Answer.item_code, Answer.value)):
        counted.setdefault((code, value), []).append(keys[response_id])
    for response_id, code in db.session.execute(select(TextAnswer.response_id, TextAnswer.item_code)):
        counted.setdefault((code, "_text"), []).append(keys[response_id])
    counted[("_responses", "_n")] = list(keys.values())
    tallies = list(db.session.scalars(select(AnswerTally)))
    assert {(t.session_id, t.band, t.item_code, t.value): t.count for t in tallies} == counts
    for tally in tallies:
        assert tally.key_sum == sum(counted[(tally.item_code, tally.value)]), tally.item_code


def test_existing_responses_are_counted_in_the_responses_rollup(migrated_app):  # noqa: F811
    upgrade(directory=MIGRATIONS)
    load_demo_data()
    session = load_demo_session()
    db.session.commit()
    for band in ["D", "D", "C"]:
        payload = {"submission_id": str(uuid.uuid4()), "band": band, "answers": {"S01": "a"}}
        intake.submit_response(session, payload, now=utcnow(), today=city_today(), grace=timedelta(minutes=5))
    db.session.commit()
    db.session.remove()
    downgrade(directory=MIGRATIONS, revision="f6c2d8e4b1a3")  # before the rollup: its rows are removed
    assert not db.session.scalars(select(AnswerTally).where(AnswerTally.item_code == "_responses")).all()
    db.session.remove()
    upgrade(directory=MIGRATIONS)
    rows = {t.band: (t.count, t.key_sum) for t in db.session.scalars(
        select(AnswerTally).where(AnswerTally.item_code == "_responses"))}
    keys = {band: [k for b, k in db.session.execute(select(Response.band, Response.record_key)) if b == band]
            for band in ("C", "D")}
    assert rows == {"C": (1, sum(keys["C"])), "D": (2, sum(keys["D"]))}
