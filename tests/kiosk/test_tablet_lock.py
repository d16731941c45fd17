"""The tablet lock moves on with a new PIN and at closing; wrong PINs are throttled per tablet, not per session."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from survey_app.core.models import ThrottleHit
from survey_app.fieldwork import services
from survey_app.fieldwork.models import AnswerSession, Response
from survey_app.models_base import utcnow
from tests.fixtures.sessions import ORIGIN, PIN

NEW_PIN = "731905"


def _tablet(app, session):
    client = app.test_client()
    assert client.post(f"/k/{session.join_code}/unlock", data={"pin": PIN}, headers=ORIGIN).status_code == 302
    return client


def _submit(client, session, started):
    payload = {"submission_id": str(uuid.uuid4()), "band": "D", "answers": {"S01": "a"},
               "started": started.isoformat()}
    return client.post(f"/k/{session.join_code}/submit", json=payload, headers=ORIGIN)


def _count(db):
    return db.session.scalar(select(func.count()).select_from(Response))


def _guess(client, session, pin):
    return client.post(f"/k/{session.join_code}/facilitator", json={"pin": pin}, headers=ORIGIN)


def test_two_tablets_of_a_session_carry_different_locks(app, make_session):
    session = make_session()
    first, second = _tablet(app, session), _tablet(app, session)
    assert first.get_cookie("kiosk", path="/k/").value != second.get_cookie("kiosk", path="/k/").value


def test_a_new_pin_moves_the_lock_on_but_queued_surveys_still_go_in(app, db, make_session):
    session = make_session()
    tablet = _tablet(app, session)
    before = utcnow() - timedelta(minutes=1)
    services.set_pin(db.session.get(AnswerSession, session.id), NEW_PIN)
    db.session.commit()
    assert tablet.get(f"/k/{session.join_code}/").status_code == 302  # back to the PIN page
    assert _submit(tablet, session, started=before).status_code == 201  # started under the old lock
    assert _submit(tablet, session, started=utcnow() + timedelta(minutes=5)).status_code == 404
    assert tablet.post(f"/k/{session.join_code}/unlock", data={"pin": PIN}, headers=ORIGIN).status_code == 403
    assert tablet.post(f"/k/{session.join_code}/unlock", data={"pin": NEW_PIN}, headers=ORIGIN).status_code == 302
    assert tablet.get(f"/k/{session.join_code}/").status_code == 200
    assert _count(db) == 1


def test_closing_moves_the_lock_on_and_surveys_started_before_still_arrive(app, db, make_session):
    session = make_session()
    tablet = _tablet(app, session)
    started = utcnow() - timedelta(minutes=2)
    services.close_session(db.session.get(AnswerSession, session.id))
    db.session.commit()
    assert db.session.get(AnswerSession, session.id).lock_generation == 1
    assert _submit(tablet, session, started=started).status_code == 201
    assert tablet.get(f"/k/{session.join_code}/").status_code in (302, 410)  # no survey page any more


def test_a_forged_or_foreign_lock_is_no_lock(app, db, make_session):
    session, other = make_session(), make_session()
    tablet = _tablet(app, other)
    assert _submit(tablet, session, started=utcnow()).status_code == 404
    stranger = app.test_client()
    stranger.set_cookie("kiosk", "WzEsMCwieCJd.forged", path="/k/")
    assert _submit(stranger, session, started=utcnow()).status_code == 404
    assert _count(db) == 0


def test_wrong_pins_on_one_tablet_never_lock_out_another(app, make_session):
    session = make_session()
    child, facilitator = _tablet(app, session), _tablet(app, session)
    for _ in range(12):
        assert _guess(child, session, "000000").status_code == 403
    refused = _guess(child, session, PIN)
    assert refused.status_code == 403 and "秒后再试" in refused.get_json()["error"]
    assert _guess(facilitator, session, PIN).get_json()["ok"] is True


def test_a_wrong_pin_says_so(app, make_session):
    session = make_session()
    answer = _guess(_tablet(app, session), session, "123123")
    assert answer.status_code == 403 and answer.get_json()["error"] == "PIN 码不对。"


def test_waits_grow_and_then_pass(app, db, make_session):
    session = make_session()
    tablet = _tablet(app, session)
    for _ in range(app.config["KIOSK_PIN_FREE_FAILURES"]):
        assert _guess(tablet, session, "000000").get_json()["error"] == "PIN 码不对。"
    waits = []
    for _ in range(3):
        waits.append(_seconds(_guess(tablet, session, PIN)))  # refused while waiting, even the right PIN
        _let_time_pass(db, waits[-1] + 1)
        assert _guess(tablet, session, "000000").get_json()["error"] == "PIN 码不对。"
    assert waits[0] < waits[1] < waits[2]
    _let_time_pass(db, 2 * waits[2] + 1)
    assert _guess(tablet, session, PIN).get_json()["ok"] is True


def _let_time_pass(db, seconds):
    """Move every recorded failure back in time (row by row: SQLite cannot subtract from its date strings)."""
    for hit in db.session.scalars(select(ThrottleHit)):
        hit.hit_at = hit.hit_at - timedelta(seconds=seconds)
    db.session.commit()


def _seconds(response) -> int:
    assert response.status_code == 403
    return int("".join(ch for ch in response.get_json()["error"] if ch.isdigit()))


def test_all_tablets_together_have_a_daily_allowance(app, make_session):
    """Spent only by a deliberate attack: six-digit PINs then stay out of reach over a month-long session."""
    app.config["KIOSK_PIN_SESSION_DAILY_FAILURES"] = 6
    session = make_session()
    tablets = [_tablet(app, session) for _ in range(3)]
    for tablet in tablets:
        _guess(tablet, session, "000000")
        _guess(tablet, session, "000001")
    assert _guess(tablets[0], session, PIN).status_code == 403
    fresh = app.test_client().post(f"/k/{session.join_code}/unlock", data={"pin": PIN}, headers=ORIGIN)
    assert fresh.status_code == 403 and "秒后再试" in fresh.get_data(as_text=True)


def test_the_facilitator_check_needs_a_lock_of_this_session(app, make_session):
    session = make_session()
    assert app.test_client().post(f"/k/{session.join_code}/facilitator", json={"pin": PIN},
                                  headers=ORIGIN).status_code == 404
    assert _guess(_tablet(app, session), session, ["not", "a", "pin"]).status_code == 403


HOSTILE_BODIES = ['{"pin":' * 5000 + '"1"' + "}" * 5000, '{"pin": "\\ud800"}', '{"pin": 1e999999}',
                  '{"pin": "' + "9" * 200_000 + '"}', '{"pin": {"a": [1, 2]}}', "[]", "not json"]


@pytest.mark.parametrize("body", HOSTILE_BODIES, ids=["deep", "surrogate", "huge-number", "oversize", "wrong-type",
                                                      "array", "not-json"])
@pytest.mark.parametrize("route", ["facilitator", "release"])
def test_hostile_pin_bodies_are_a_4xx_and_count_as_wrong(app, make_session, route, body):
    session = make_session()
    tablet = _tablet(app, session)
    headers = {**ORIGIN, "Accept": "application/json"}
    response = tablet.post(f"/k/{session.join_code}/{route}", data=body, headers=headers,
                           content_type="application/json")
    assert 400 <= response.status_code < 500
    assert tablet.get(f"/k/{session.join_code}/").status_code == 200  # still locked: nothing was released


def test_a_replayed_right_pin_after_release_opens_nothing(app, make_session):
    session = make_session()
    tablet = _tablet(app, session)
    assert tablet.post(f"/k/{session.join_code}/release", json={"pin": PIN}, headers=ORIGIN).get_json()["ok"]
    assert _guess(tablet, session, PIN).status_code == 404  # no lock any more: the panel is gone too
    assert tablet.get(f"/k/{session.join_code}/state").status_code == 404
