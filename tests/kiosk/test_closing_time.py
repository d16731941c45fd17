"""Closing time on a tablet: queued surveys still go in, brand-new ones do not, and the facilitator is told."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from survey_app.config import DEFAULTS
from survey_app.fieldwork import services
from survey_app.fieldwork.models import Answer, AnswerSession, Response
from survey_app.models_base import utcnow
from tests.fixtures.sessions import ORIGIN, PIN
from tests.fixtures.users import PASSWORD


def _post(client, session, payload):
    return client.post(f"/k/{session.join_code}/submit", json=payload, headers=ORIGIN)


def _payload(started=None, submission_id=None):
    payload = {"submission_id": submission_id or str(uuid.uuid4()), "band": "D", "answers": {"S01": "a"}}
    if started is not None:
        payload["started"] = started.isoformat() if hasattr(started, "isoformat") else started
    return payload


def _count(db, model=Response):
    return db.session.scalar(select(func.count()).select_from(model))


def _closed_half_an_hour_ago(db, session):
    session.opens_at = utcnow() - timedelta(hours=3)
    session.closes_at = utcnow() - timedelta(minutes=30)
    db.session.commit()


def test_the_default_grace_covers_a_tablet_left_offline_over_a_weekend():
    friday_afternoon_to_monday_morning = timedelta(days=2, hours=18)
    assert timedelta(minutes=DEFAULTS["SUBMISSION_GRACE_MINUTES"]) > friday_afternoon_to_monday_morning


def test_a_survey_started_before_closing_goes_in_after_it_and_is_counted_for_the_facilitator(app, db, kiosk):
    client, session = kiosk
    _closed_half_an_hour_ago(db, session)
    response = _post(client, session, _payload(started=utcnow() - timedelta(minutes=40)))
    assert response.status_code == 201 and _count(db) == 1
    db.session.expire_all()
    assert db.session.get(AnswerSession, session.id).arrived_after_close == 1
    staff = app.test_client()
    staff.post("/auth/login", data={"email": session.facilitator.email, "password": PASSWORD})
    progress = staff.get(f"/sessions/{session.id}/progress").get_json()
    assert progress["arrived_after_close"] == 1
    live_view = staff.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "关闭后才送达的问卷" in live_view and 'data-live="late">1<' in live_view


@pytest.mark.parametrize("started", [None, "after closing"])
def test_a_brand_new_survey_after_closing_is_refused_and_nothing_is_stored(db, kiosk, started):
    client, session = kiosk
    _closed_half_an_hour_ago(db, session)
    payload = _payload(started=utcnow() - timedelta(minutes=10) if started else None)
    assert _post(client, session, payload).status_code == 410
    assert _count(db) == 0 and _count(db, Answer) == 0


def test_after_the_grace_nothing_new_goes_in_but_a_stored_survey_is_still_confirmed(app, db, kiosk):
    client, session = kiosk
    stored = _payload(started=utcnow())
    assert _post(client, session, stored).status_code == 201
    session.opens_at = utcnow() - timedelta(days=10)
    session.closes_at = utcnow() - timedelta(minutes=app.config["SUBMISSION_GRACE_MINUTES"] - 10)
    db.session.commit()
    assert _post(client, session, stored).status_code == 200  # the tablet's retry: it is stored
    late = _post(client, session, _payload(started=session.closes_at - timedelta(minutes=5)))
    assert late.status_code == 201  # still inside the grace
    session.closes_at = utcnow() - timedelta(minutes=app.config["SUBMISSION_GRACE_MINUTES"] + 1)
    db.session.commit()
    assert _post(client, session, _payload(started=session.closes_at - timedelta(minutes=5))).status_code == 404
    assert _count(db) == 2


@pytest.mark.parametrize("started", ["yesterday", "", 12, ["2026-12-01"], "9" * 100_000,
                                     "0001-01-01T00:00:00+14:00", {"at": 1}])
def test_a_start_time_that_is_not_a_time_is_refused_with_400(db, kiosk, started):
    client, session = kiosk
    response = _post(client, session, _payload(started=started))
    assert response.status_code in (400, 413) and _count(db) == 0


def test_the_start_time_is_never_stored(db, kiosk):
    client, session = kiosk
    started = utcnow().replace(second=0, microsecond=0)
    _post(client, session, _payload(started=started))
    row = db.session.execute(select(Response.__table__)).one()
    assert started.isoformat() not in str(tuple(row)) and "started" not in Response.__table__.c


def test_a_locked_tablet_on_a_closed_session_is_offered_the_release_not_a_loop(app, db, kiosk):
    client, session = kiosk
    services.close_session(db.session.get(AnswerSession, session.id))
    db.session.commit()
    page = client.get("/k/")
    html = page.get_data(as_text=True)
    assert page.status_code == 410 and "本场次现在没有开放" in html and f"/k/{session.join_code}/release" in html
    wrong = client.post(f"/k/{session.join_code}/release", data={"pin": "000000"}, headers=ORIGIN)
    assert wrong.status_code == 403 and "PIN 码不对" in wrong.get_data(as_text=True)
    released = client.post(f"/k/{session.join_code}/release", data={"pin": PIN}, headers=ORIGIN)
    assert released.status_code == 302 and released.headers["Location"].endswith("/k/")
    join = client.get("/k/")
    assert join.status_code == 200 and 'name="code"' in join.get_data(as_text=True)


def test_a_lock_past_closing_plus_grace_is_forgotten(app, db, kiosk):
    client, session = kiosk
    session.opens_at = utcnow() - timedelta(days=30)
    session.closes_at = utcnow() - timedelta(minutes=app.config["SUBMISSION_GRACE_MINUTES"] + 1)
    db.session.commit()
    join = client.get("/k/")
    assert join.status_code == 200 and 'name="code"' in join.get_data(as_text=True)
    assert "kiosk=;" in join.headers.get("Set-Cookie", "")


def test_the_tablet_learns_that_the_session_closed_or_was_extended(db, kiosk):
    client, session = kiosk
    facts = client.get(f"/k/{session.join_code}/state").get_json()
    assert facts["state"] == "open" and facts["locked"] is True
    services.close_session(db.session.get(AnswerSession, session.id))
    db.session.commit()
    facts = client.get(f"/k/{session.join_code}/state").get_json()
    assert facts["state"] == "closed"
    assert app_client_without_lock(client).get(f"/k/{session.join_code}/state").status_code == 404


def app_client_without_lock(client):
    return client.application.test_client()
