"""The migration that adds breakdown tallies, with data in the tables: background answers stored before
it are crossed with the indicator answers of their responses, exactly as intake counts them now."""

from __future__ import annotations

import uuid
from datetime import timedelta

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select

from survey_app.core.clock import city_today
from survey_app.demo.services import load_demo_data, load_demo_session
from survey_app.extensions import db
from survey_app.fieldwork import intake
from survey_app.fieldwork.models import BreakdownTally
from survey_app.fieldwork.tallies import check_tallies
from survey_app.models_base import utcnow
from tests.test_migration_submission_ids import MIGRATIONS, migrated_app  # noqa: F401 (fixture)


def _crossed() -> dict:
    return {(t.band, t.by_value, t.item_code, t.value): (t.count, t.key_sum)
            for t in db.session.scalars(select(BreakdownTally))}


def test_background_answers_stored_before_are_crossed(migrated_app):  # noqa: F811
    upgrade(directory=MIGRATIONS)
    load_demo_data()
    session = load_demo_session()
    db.session.commit()
    for answers in ({"GENDER": "girl", "S01": "a", "O06": ["safety", "nature"]}, {"GENDER": "boy", "S01": "d"},
                    {"GENDER": "_pn", "S01": "a"}, {"S01": "a"}):
        payload = {"submission_id": str(uuid.uuid4()), "band": "D", "answers": answers}
        intake.submit_response(session, payload, now=utcnow(), today=city_today(), grace=timedelta(minutes=5))
    db.session.commit()
    before = _crossed()
    assert before[("D", "girl", "O06", "_answered")][0] == 1 and before[("D", "boy", "S01", "d")][0] == 1
    db.session.remove()

    downgrade(directory=MIGRATIONS, revision="d8a2f4c6e0b3")
    assert "breakdown_tallies" not in inspect(db.engine).get_table_names()
    db.session.remove()
    upgrade(directory=MIGRATIONS)

    assert _crossed() == before
    assert check_tallies() == []
