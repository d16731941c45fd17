"""The submission endpoint: exactly once, anonymous by construction, tampering refused with 4xx."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import DateTime, func, inspect, select

from survey_app.fieldwork.models import Answer, AnswerTally, Response, TextAnswer
from survey_app.safeguarding.models import SafeguardingConcern
from tests.fixtures.sessions import ORIGIN


def _post(client, session, payload):
    return client.post(f"/k/{session.join_code}/submit", json=payload, headers=ORIGIN)


def _payload(band="D", answers=None, submission_id=None):
    return {"submission_id": submission_id or str(uuid.uuid4()), "band": band,
            "answers": answers if answers is not None else {"S01": "a", "P08": ["court", "books"]}}


def _count(db, model=Response):
    return db.session.scalar(select(func.count()).select_from(model))


def test_submission_is_stored_with_answers_and_tallies(kiosk, db):
    client, session = kiosk
    response = _post(client, session, _payload(answers={"S01": "a", "P08": ["court", "books"], "O06": ["voice",
                                                        "safety", "nature"]}))
    assert response.status_code == 201 and response.json["stored"] is True
    stored = db.session.scalar(select(Response))
    assert (stored.session_id, stored.band, stored.version_id) == (session.id, "D", session.version_id)
    answers = {(a.item_code, a.value): a.rank for a in db.session.scalars(select(Answer))}
    assert answers[("S01", "a")] is None and answers[("P08", "court")] is None
    assert [answers[("O06", v)] for v in ("voice", "safety", "nature")] == [1, 2, 3]
    tallies = {(t.item_code, t.value): t.count for t in db.session.scalars(select(AnswerTally))}
    assert tallies[("P08", "books")] == 1


def test_retry_with_same_content_is_success_without_a_second_row(kiosk, db):
    client, session = kiosk
    payload = _payload()
    assert _post(client, session, payload).status_code == 201
    again = _post(client, session, payload)
    assert again.status_code == 200 and again.json["stored"] is False
    assert _count(db) == 1
    assert db.session.scalar(select(AnswerTally.count).where(AnswerTally.item_code == "S01")) == 1


def test_same_id_with_other_content_is_refused(kiosk, db):
    client, session = kiosk
    payload = _payload()
    _post(client, session, payload)
    payload["answers"] = {"S01": "sd"}
    assert _post(client, session, payload).status_code == 409
    assert db.session.scalar(select(Answer.value).where(Answer.item_code == "S01")) == "a"


@pytest.mark.parametrize("payload, status", [
    ({"band": "D", "answers": {}}, 400),                                        # no id
    ({"submission_id": "1", "band": "D", "answers": {}}, 400),                  # not a uuid4
    ({"submission_id": str(uuid.uuid4()), "band": "Z", "answers": {}}, 422),    # band not in session
    ({"submission_id": str(uuid.uuid4()), "band": "D", "answers": {"NOPE": "x"}}, 422),
    ({"submission_id": str(uuid.uuid4()), "band": "D", "answers": {"S01": "maybe"}}, 422),
    ({"submission_id": str(uuid.uuid4()), "band": "D", "answers": {"S01": ["a"]}}, 422),
    ({"submission_id": str(uuid.uuid4()), "band": "D", "answers": {"O04": "x" * 5001}}, 422),
    ({"submission_id": str(uuid.uuid4()), "band": "D", "answers": {"R04": "a"}}, 422),  # hidden: R08 not 'yes'
    ({"submission_id": str(uuid.uuid4()), "band": "A", "answers": {"O04": "text"}}, 422),  # no typing in band A
    ({"submission_id": str(uuid.uuid4()), "band": "D", "answers": "S01=a"}, 422),
    ({"submission_id": str(uuid.uuid4()), "band": "D", "answers": {}, "device": "ipad-7"}, 400),
    ([1, 2, 3], 400),
    ("not json", 400),
])
def test_tampered_payloads_get_a_clear_4xx_and_store_nothing(kiosk, db, payload, status):
    client, session = kiosk
    response = _post(client, session, payload)
    assert response.status_code == status
    assert response.json["error"]
    assert _count(db) == 0 and _count(db, Answer) == 0 and _count(db, AnswerTally) == 0


def test_oversize_body_is_413(kiosk, app, db):
    client, session = kiosk
    body = _payload(answers={"O04": "字" * (app.config["MAX_CONTENT_LENGTH"])})
    assert _post(client, session, body).status_code == 413
    assert _count(db) == 0


def test_a_text_past_its_limit_is_screened_whole_then_cut(kiosk, db):
    client, session = kiosk
    limit = 200  # O04 has no max_length of its own
    harmless = "希望公园多一些树" * 40 + "电话13800138000"
    assert _post(client, session, _payload(answers={"O04": harmless})).status_code == 201
    stored = db.session.scalar(select(TextAnswer.redacted))
    assert len(stored) == limit and stored == harmless[:limit]
    long_disclosure = "希望公园多一些树。" * 30 + "我爸每天晚上都打我"
    assert _post(client, session, _payload(answers={"O04": long_disclosure})).json["help"] is True
    concern = db.session.scalar(select(SafeguardingConcern))
    assert concern.original_text == long_disclosure and "home_violence" in concern.matched_terms


def test_a_cut_never_leaves_part_of_a_phone_number(kiosk, db):
    client, session = kiosk
    text = "好" * 195 + "13800138000"  # the limit falls inside the number
    assert _post(client, session, _payload(answers={"O04": text})).status_code == 201
    stored = db.session.scalar(select(TextAnswer.redacted))
    assert "1380" not in stored and stored.startswith("好" * 195)


def test_free_text_is_screened_before_it_is_stored(kiosk, db):
    client, session = kiosk
    text = "我叫张伟，电话13800138000，希望公园多一些树"
    assert _post(client, session, _payload(answers={"O04": text})).status_code == 201
    stored = db.session.scalar(select(TextAnswer))
    assert "13800138000" not in stored.redacted and "张伟" not in stored.redacted
    assert "〔手机号〕" in stored.redacted and "树" in stored.redacted
    assert set(stored.detected.split(",")) >= {"mobile", "name"}


def test_no_submission_outside_the_window(app, db, make_session):
    """A scheduled or long-closed session cannot be unlocked, so its endpoint refuses (404 without the lock)."""
    later = make_session(opens_in=timedelta(hours=1))
    past = make_session(opens_in=-timedelta(hours=6), lasts=timedelta(hours=1))
    app.config["SUBMISSION_GRACE_MINUTES"] = 0
    client = app.test_client()
    for session in (later, past):
        assert client.post(f"/k/{session.join_code}/unlock", data={"pin": "246813"}, headers=ORIGIN).status_code == 410
        assert _post(client, session, _payload()).status_code == 404
    assert _count(db) == 0


def test_far_more_than_expected_is_flagged_and_nothing_dropped(db, make_session, kiosk_submit):
    from survey_app.fieldwork.services import session_progress

    session = make_session(expected=2)
    for _ in range(7):
        kiosk_submit(session, "B", {"S01": "yes"})
    progress = session_progress(session)
    assert progress.completed == 7 and progress.overflow


def test_stored_rows_hold_no_time_of_day_address_agent_or_device(kiosk, db, app):
    """Anonymous by construction: inspect the schema and the stored row."""
    client, session = kiosk
    _post(client, session, _payload())
    # record_key is a random 1-255 drawn at intake for cell-key perturbation: it says nothing about the child.
    tables = {"responses": {"id", "session_id", "version_id", "band", "submitted_on", "payload_digest", "from_paper",
                            "record_key"},
              "answers": {"response_id", "item_code", "value", "rank"},
              "text_answers": {"response_id", "item_code", "redacted", "detected"}}
    inspector = inspect(db.engine)
    for table, expected in tables.items():
        columns = {c["name"]: c for c in inspector.get_columns(table)}
        assert set(columns) == expected, table
        assert not [c for c in columns.values() if isinstance(c["type"], DateTime)], table
    row = db.session.execute(select(Response.__table__)).mappings().one()
    flat = " ".join(str(v) for v in row.values())
    assert "127.0.0.1" not in flat and "Werkzeug" not in flat and ":" not in str(row["submitted_on"])


def test_child_routes_set_no_cookie_but_the_tablet_lock(app, db, make_session):
    session = make_session()
    client = app.test_client()
    cookies = []
    for method, url, data in [("GET", "/k/", None), ("POST", "/k/", {"code": session.join_code}),
                              ("GET", f"/k/{session.join_code}/unlock", None),
                              ("POST", f"/k/{session.join_code}/unlock", {"pin": "246813"}),
                              ("GET", f"/k/{session.join_code}/", None),
                              ("POST", f"/k/{session.join_code}/submit", None)]:
        response = client.open(url, method=method, data=data, headers=ORIGIN,
                               json=_payload() if url.endswith("submit") else None)
        cookies += response.headers.getlist("Set-Cookie")
    assert len(cookies) == 1 and cookies[0].startswith("kiosk=")
    assert "HttpOnly" in cookies[0] and "SameSite=Strict" in cookies[0]
    # Each tablet's lock has its own random key, so one tablet's wrong PINs never lock out another;
    # the key is used by the PIN throttle only and is in no stored row.
    other = app.test_client()
    other.post(f"/k/{session.join_code}/unlock", data={"pin": "246813"}, headers=ORIGIN)
    lock = client.get_cookie("kiosk", path="/k/").value
    assert other.get_cookie("kiosk", path="/k/").value != lock
    stored = db.session.execute(select(Response.__table__)).all()
    assert stored and all(lock.split(".")[0] not in str(row) for row in stored)


def test_cross_site_posts_are_refused(app, make_session):
    session = make_session()
    client = app.test_client()
    for headers in ({}, {"Origin": "http://evil.example"}, {"Origin": "null"}):
        response = client.post(f"/k/{session.join_code}/unlock", data={"pin": "246813"}, headers=headers)
        assert response.status_code == 403
        assert "kiosk=" not in " ".join(response.headers.getlist("Set-Cookie"))
