"""The migration that counts rank positions in the tallies, with data in the tables: rankings stored
before it get their '_r1:…' rows per session and per area, exactly as intake counts them now."""

from __future__ import annotations

import uuid
from datetime import timedelta

from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from survey_app.core.clock import city_today
from survey_app.demo.services import load_demo_data, load_demo_session
from survey_app.extensions import db
from survey_app.fieldwork import intake
from survey_app.fieldwork.models import AnswerTally, AreaTally
from survey_app.fieldwork.tallies import check_tallies
from survey_app.models_base import utcnow
from tests.test_migration_submission_ids import MIGRATIONS, migrated_app  # noqa: F401 (fixture)


def _ranked(model) -> dict:
    return {(row.band, row.value): (row.count, row.key_sum) for row in db.session.scalars(
        select(model).where(model.value.startswith("_r", autoescape=True)))}


def test_rankings_stored_before_get_their_positions_counted(migrated_app):  # noqa: F811
    upgrade(directory=MIGRATIONS)
    load_demo_data()
    session = load_demo_session()
    db.session.commit()
    for order in (["safety", "nature", "voice"], ["nature", "safety"], ["safety"], "_pn"):
        payload = {"submission_id": str(uuid.uuid4()), "band": "D", "answers": {"O06": order}}
        intake.submit_response(session, payload, now=utcnow(), today=city_today(), grace=timedelta(minutes=5))
    db.session.commit()
    by_session, by_area = _ranked(AnswerTally), _ranked(AreaTally)
    assert by_session[("D", "_r1:safety")][0] == 2 and by_session[("D", "_r3:voice")][0] == 1
    db.session.remove()

    downgrade(directory=MIGRATIONS, revision="b7e2c4a8d6f1")
    assert _ranked(AnswerTally) == {} and _ranked(AreaTally) == {}
    db.session.remove()
    upgrade(directory=MIGRATIONS)

    assert _ranked(AnswerTally) == by_session and _ranked(AreaTally) == by_area
    assert check_tallies() == []
