"""Joining, locking and releasing a tablet; friendly pages for closed or unknown codes; the no-JS flow."""

import json
import re

from sqlalchemy import func, select

from survey_app.fieldwork.models import Answer, Response
from tests.fixtures.sessions import ORIGIN, PIN


def test_join_code_leads_to_pin_then_to_the_survey(app, make_session):
    session = make_session()
    client = app.test_client()
    joined = client.post("/k/", data={"code": session.join_code.lower()[:4] + " " + session.join_code[4:]},
                         headers=ORIGIN)
    assert joined.headers["Location"].endswith(f"/k/{session.join_code}/unlock")
    assert client.get(f"/k/{session.join_code}/").status_code == 302  # not unlocked yet
    assert client.post(f"/k/{session.join_code}/unlock", data={"pin": "0000"}, headers=ORIGIN).status_code == 403
    client.post(f"/k/{session.join_code}/unlock", data={"pin": PIN}, headers=ORIGIN)
    page = client.get(f"/k/{session.join_code}/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'id="survey-data"' in html
    data = json.loads(re.search(r'<script type="application/json" id="survey-data">(.*?)</script>', html, re.S)[1])
    assert [b["id"] for b in data["bands"]] == ["A", "B", "C", "D"]
    assert data["strings"]["zh"]["start"] == "开始" and data["strings"]["en"]["start"] == "Start"
    assert client.get("/k/").headers["Location"].endswith(f"/k/{session.join_code}/")  # stays locked


def test_unknown_and_closed_codes_get_friendly_pages(app, make_session):
    closed = make_session(state="closed")
    client = app.test_client()
    unknown = client.post("/k/", data={"code": "ZZZZZZZZ"}, headers=ORIGIN)
    assert unknown.status_code == 404 and "没有找到这个加入码" in unknown.get_data(as_text=True)
    page = client.get(f"/k/{closed.join_code}/unlock")
    assert page.status_code == 410 and "本场次现在没有开放" in page.get_data(as_text=True)
    assert "工作人员登录" not in page.get_data(as_text=True)  # no staff header on children's pages


def test_guessing_join_codes_is_throttled(app, db):
    client = app.test_client()
    for _ in range(app.config["JOIN_MAX_FAILURES"]):
        assert client.post("/k/", data={"code": "ABCDEFGH"}, headers=ORIGIN).status_code == 404
    assert client.post("/k/", data={"code": "ABCDEFGH"}, headers=ORIGIN).status_code == 429


def test_guessing_the_pin_is_throttled(app, make_session):
    session = make_session()
    client = app.test_client()
    for _ in range(app.config["KIOSK_PIN_FREE_FAILURES"]):
        client.post(f"/k/{session.join_code}/unlock", data={"pin": "999999"}, headers=ORIGIN)
    blocked = client.post(f"/k/{session.join_code}/unlock", data={"pin": PIN}, headers=ORIGIN)
    assert blocked.status_code == 403 and "秒后再试" in blocked.get_data(as_text=True)


def test_release_needs_the_pin(kiosk):
    client, session = kiosk
    client.post(f"/k/{session.join_code}/release", data={"pin": "1111"}, headers=ORIGIN)
    assert client.get(f"/k/{session.join_code}/").status_code == 200  # still locked
    released = client.post(f"/k/{session.join_code}/release", data={"pin": PIN}, headers=ORIGIN)
    assert released.headers["Location"].endswith("/k/")
    assert client.get(f"/k/{session.join_code}/").status_code == 302


def _basic(client, session, state, step, **data):
    response = client.post(f"/k/{session.join_code}/basic", data={"state": state, "step": step, **data},
                           headers=ORIGIN)
    html = response.get_data(as_text=True)
    found = re.search(r'name="state" value="([^"]*)"', html)
    from html import unescape

    return response, html, unescape(found[1]) if found else None


def _basic_start(client, session) -> str:
    """The state field of the no-JavaScript welcome page."""
    from html import unescape

    start = client.get(f"/k/{session.join_code}/basic").get_data(as_text=True)
    return unescape(re.search(r'name="state" value="([^"]*)"', start)[1])


def test_survey_works_without_javascript(kiosk, db):
    client, session = kiosk
    state = _basic_start(client, session)
    _, html, state = _basic(client, session, state, "welcome", action="start")
    assert "你几岁了" in html
    _, html, state = _basic(client, session, state, "age", action="age:13")
    _, html, state = _basic(client, session, state, "assent", action="agree")
    _, html, state = _basic(client, session, state, "item", action="next", answer="a")   # S01
    _, html, state = _basic(client, session, state, "item", action="skip")
    for _ in range(40):
        if "你答完了" in html:
            break
        _, html, state = _basic(client, session, state, "item", action="skip")
    response, html, _ = _basic(client, session, state, "done", action="send")
    assert response.status_code == 200 and "谢谢你" in html
    stored = db.session.scalar(select(Response))
    assert stored.band == "C"
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 1


def test_no_javascript_back_and_resubmit_after_sending_shows_nothing_of_that_child(kiosk, db):
    client, session = kiosk
    state = _basic_start(client, session)
    _, html, state = _basic(client, session, state, "welcome", action="start")
    _, html, state = _basic(client, session, state, "age", action="age:13")
    _, html, on_question = _basic(client, session, state, "assent", action="agree")
    _, html, state = _basic(client, session, on_question, "item", action="next", answer="a")
    while "你答完了" not in html:
        _, html, state = _basic(client, session, state, "item", action="skip")
    _basic(client, session, state, "done", action="send")
    # The next child presses Back, and the browser offers to send the earlier page again.
    for old_state, step, data in [(state, "done", {"action": "send"}), (on_question, "item", {"action": "back"})]:
        response, html, fresh = _basic(client, session, old_state, step, **data)
        assert response.status_code == 200 and "可以交给下一位同学了" in html
        assert '"answers":{}' in fresh and '"a"' not in fresh
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1


def test_no_javascript_assent_is_a_paragraph_and_a_wrong_age_can_be_corrected(kiosk):
    client, session = kiosk
    state = _basic_start(client, session)
    _, _, state = _basic(client, session, state, "welcome", action="start")
    _, html, state = _basic(client, session, state, "age", action="age:16")
    assert "<h1>开始之前</h1>" in html and '<p class="lead assent">' in html
    _, html, state = _basic(client, session, state, "assent", action="back")
    assert "你几岁了" in html


def test_no_javascript_flow_refuses_out_of_range_answers_on_the_page(kiosk):
    client, session = kiosk
    state = _basic_start(client, session)
    _, _, state = _basic(client, session, state, "welcome", action="start")
    _, _, state = _basic(client, session, state, "age", action="age:16")
    _, _, state = _basic(client, session, state, "assent", action="agree")
    _, html, _ = _basic(client, session, state, "item", action="next", answer="not-a-choice")
    assert "这个答案不在选项里" in html


def test_no_javascript_child_who_started_before_closing_finishes_after_it(kiosk, db):
    from survey_app.fieldwork import services
    from survey_app.fieldwork.models import AnswerSession

    client, session = kiosk
    state = _basic_start(client, session)
    _, _, state = _basic(client, session, state, "welcome", action="start")
    _, _, state = _basic(client, session, state, "age", action="age:13")
    _, html, state = _basic(client, session, state, "assent", action="agree")
    services.close_session(db.session.get(AnswerSession, session.id))  # the facilitator closes meanwhile
    db.session.commit()
    _, html, state = _basic(client, session, state, "item", action="next", answer="a")
    while "你答完了" not in html:
        _, html, state = _basic(client, session, state, "item", action="skip")
    response, html, _ = _basic(client, session, state, "done", action="send")
    assert response.status_code == 200 and "谢谢你" in html
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1
    fresh = client.post(f"/k/{session.join_code}/basic", data={"state": "", "step": "welcome", "action": "start"},
                        headers=ORIGIN)
    assert fresh.status_code in (302, 410)  # a new child does not start after closing
