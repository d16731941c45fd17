"""The migration that counts '_asked' in the tallies, with data in the tables: responses stored before it
get, per session and per area, the number of children each item with a relevance rule was shown to,
exactly as intake counts them now."""

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


def _asked(model) -> dict:
    return {(row.band, row.item_code): (row.count, row.key_sum) for row in db.session.scalars(
        select(model).where(model.value == intake.ASKED))}


def test_responses_stored_before_get_their_asked_counts(migrated_app):  # noqa: F811
    upgrade(directory=MIGRATIONS)
    load_demo_data()
    session = load_demo_session()
    db.session.commit()
    for answers in ({"R08": "yes", "R04": "m"}, {"R08": "yes"}, {"R08": "no"}, {},
                    {"S07": ["dark"], "S07_IDEA": "more lights"}, {"S07": ["safe"]}):
        payload = {"submission_id": str(uuid.uuid4()), "band": "D", "answers": answers}
        intake.submit_response(session, payload, now=utcnow(), today=city_today(), grace=timedelta(minutes=5))
    db.session.commit()
    by_session, by_area = _asked(AnswerTally), _asked(AreaTally)
    assert by_session[("D", "R04")][0] == 2 and by_session[("D", "S07_IDEA")][0] == 1
    assert by_session == by_area
    db.session.remove()

    downgrade(directory=MIGRATIONS, revision="c3f9a1e7b5d4")
    assert _asked(AnswerTally) == {} and _asked(AreaTally) == {}
    db.session.remove()
    upgrade(directory=MIGRATIONS)

    assert _asked(AnswerTally) == by_session and _asked(AreaTally) == by_area
    assert check_tallies() == []
