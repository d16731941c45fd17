"""An admin discards a closed session's answers (a practice run): its responses, answers and tallies go,
the area tallies lose exactly what it added, the results stop counting it, and nothing else changes."""

import threading
import time
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from survey_app.auth.models import Role
from survey_app.core.clock import city_today
from survey_app.core.models import AuditEvent
from survey_app.extensions import db
from survey_app.fieldwork import intake
from survey_app.fieldwork.discard import discard_session_responses
from survey_app.fieldwork.models import Answer, AnswerTally, AreaTally, BreakdownTally, Response, TextAnswer
from survey_app.fieldwork.tallies import check_tallies
from survey_app.models_base import utcnow
from survey_app.safeguarding.models import SafeguardingConcern


def _fill(make_session, kiosk_submit, n, answer="yes", **extra):
    session = make_session()
    for i in range(n):
        kiosk_submit(session, "B", {"S01": answer, **({"O04": "多建公园"} if i == 0 else {}), **extra})
    return session


def _close_long_ago(session):
    session.status = "closed"
    session.opens_at, session.closes_at = utcnow() - timedelta(hours=2), utcnow() - timedelta(hours=1)
    db.session.commit()


def _area_counts():
    return {(t.band, t.item_code, t.value): t.count for t in db.session.scalars(select(AreaTally))}


def _breakdown_counts():
    return {(t.by_item, t.by_value, t.item_code, t.value): t.count for t in db.session.scalars(select(BreakdownTally))}


def _discard(client, session, code=None):
    return client.post(f"/sessions/{session.id}/discard", data={"join_code": code or session.join_code})


def test_discarding_removes_the_session_and_leaves_the_others_counted(client, login_as, make_session,
                                                                       kiosk_submit):
    kept = _fill(make_session, kiosk_submit, 5, "no", GENDER="girl")
    before, breakdowns_before = _area_counts(), _breakdown_counts()
    practice = _fill(make_session, kiosk_submit, 7, "yes", GENDER="girl")
    assert _breakdown_counts()[("GENDER", "girl", "S01", "yes")] == 7
    kiosk_submit(practice, "B", {"O04": "我爸每天晚上都打我"})  # reaches the lead
    concerns = db.session.scalar(select(func.count()).select_from(SafeguardingConcern))
    _close_long_ago(practice)
    login_as(Role.ADMIN)
    client.get("/lang/en")
    page = client.get(f"/sessions/{practice.id}").get_data(as_text=True)
    assert "Discard this session&#39;s answers" in page or "Discard this session's answers" in page
    response = _discard(client, practice, practice.join_code.lower())
    assert response.status_code == 302
    assert "8 answers were discarded" in client.get(response.location).get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).where(Response.session_id == practice.id)) == 0
    assert db.session.scalar(select(func.count()).where(AnswerTally.session_id == practice.id)) == 0
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 10  # the kept S01 and GENDER
    assert db.session.scalar(select(func.count()).select_from(TextAnswer)) == 1  # the kept session's
    assert _area_counts() == before and check_tallies() == []
    assert _breakdown_counts() == breakdowns_before
    assert db.session.scalar(select(func.count()).select_from(SafeguardingConcern)) == concerns
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "discard_session_responses"))
    assert event is not None and event.detail == {"responses": 8}
    assert db.session.scalar(select(func.count()).where(Response.session_id == kept.id)) == 5


def test_nothing_is_discarded_while_children_may_be_answering(client, login_as, make_session, kiosk_submit):
    session = _fill(make_session, kiosk_submit, 3)
    login_as(Role.ADMIN)
    client.get("/lang/en")
    page = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "Close the session first" in page and f"/sessions/{session.id}/discard" not in page
    response = _discard(client, session)  # open: refused
    assert "Close the session first" in client.get(response.location).get_data(as_text=True)
    assert db.session.scalar(select(func.count()).where(Response.session_id == session.id)) == 3


def test_a_survey_queued_on_a_tablet_arrives_after_the_discard_and_is_counted(client, login_as, make_session,
                                                                              kiosk_submit):
    session = _fill(make_session, kiosk_submit, 3)
    started = utcnow().isoformat()
    session.status = "closed"  # closed just now: a tablet still holds one finished survey
    db.session.commit()
    login_as(Role.ADMIN)
    _discard(client, session)
    assert db.session.scalar(select(func.count()).where(Response.session_id == session.id)) == 0
    late = {"submission_id": str(uuid.uuid4()), "band": "B", "answers": {"S01": "no"}, "started": started}
    intake.submit_response(session, late, now=utcnow(), today=city_today(), grace=timedelta(days=4))
    db.session.commit()
    assert db.session.scalar(select(func.count()).where(Response.session_id == session.id)) == 1
    assert check_tallies() == []


@pytest.mark.parametrize("code", ["", "WRONG1", "x" * 5000, "\x00", "😀"])
def test_a_wrong_confirmation_discards_nothing(client, login_as, make_session, kiosk_submit, code):
    session = _fill(make_session, kiosk_submit, 3)
    _close_long_ago(session)
    login_as(Role.ADMIN)
    client.get("/lang/en")
    response = client.post(f"/sessions/{session.id}/discard", data={"join_code": code})
    assert response.status_code == 302
    assert "Nothing was discarded" in client.get(response.location).get_data(as_text=True)
    assert db.session.scalar(select(func.count()).where(Response.session_id == session.id)) == 3


def test_a_facilitator_cannot_discard_even_their_own_session(client, login_as, make_session, kiosk_submit):
    facilitator = login_as(Role.FACILITATOR)
    session = make_session(facilitator=facilitator)
    kiosk_submit(session, "B", {"S01": "yes"})
    _close_long_ago(session)
    assert f"/sessions/{session.id}/discard" not in client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert _discard(client, session).status_code == 403
    assert db.session.scalar(select(func.count()).where(Response.session_id == session.id)) == 1


def test_a_survey_stored_elsewhere_during_a_discard_is_counted_once(app, make_session, kiosk_submit, make_user):
    """PostgreSQL: the discard locks the tallies, so a survey for another session in the same place waits."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: a discard and a submission cannot interleave")
    practice = _fill(make_session, kiosk_submit, 4, "yes")
    other = _fill(make_session, kiosk_submit, 2, "yes")
    _close_long_ago(practice)
    admin, practice_id = make_user(Role.ADMIN), practice.id
    locked, problems = threading.Event(), []

    def discard():
        with app.app_context():
            try:
                from survey_app.fieldwork.models import AnswerSession
                discard_session_responses(db.session.get(AnswerSession, practice_id), actor=db.session.merge(admin),
                                          now=utcnow())
                locked.set()
                time.sleep(0.5)  # the submission below arrives while the discard holds the lock
                db.session.commit()
            except Exception as error:  # reported below: a thread's exception would vanish
                problems.append(error)
                locked.set()

    worker = threading.Thread(target=discard)
    worker.start()
    assert locked.wait(10)
    kiosk_submit(other, "B", {"S01": "yes"})
    worker.join(10)
    assert not problems
    db.session.expire_all()
    assert check_tallies() == []
    assert _area_counts()[("B", "S01", "yes")] == 3
