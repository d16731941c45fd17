"""Facilitators plan and run sessions: own sessions only, consent before opening, live counts only."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from survey_app.auth.models import Role
from survey_app.core.clock import as_utc
from survey_app.fieldwork import services
from survey_app.fieldwork.codes import JOIN_ALPHABET, new_join_code, normalise_join_code
from survey_app.fieldwork.models import AnswerSession
from survey_app.models_base import utcnow


def _form(shipped_version, **overrides):
    data = {"title": "园岭小学 四年级", "version_id": shipped_version.id, "bands": ["A", "B"],
            "street": "440304002", "community": "440304002016", "setting": "school", "setting_name": "园岭小学",
            "grade": "四年级", "opens_at": "2026-12-01T09:00", "closes_at": "2026-12-01T11:00",
            "expected_count": "40", "default_language": "zh", "pin": "135790"}
    data.update(overrides)
    return data


def test_facilitator_creates_a_draft_session_with_a_join_code(client, db, login_as, shipped_version):
    user = login_as(Role.FACILITATOR)
    response = client.post("/sessions/new", data=_form(shipped_version))
    assert response.status_code == 302
    session = db.session.scalar(select(AnswerSession))
    assert session.facilitator_id == user.id and session.status == "draft"
    assert len(session.join_code) >= 6 and set(session.join_code) <= set(JOIN_ALPHABET)
    assert not set("0O1I") & set(session.join_code)
    assert (session.district_code, session.street_code, session.community_code) == (
        "440304", "440304002", "440304002016")
    assert session.opens_at.hour == 1  # 09:00 in Shenzhen is 01:00 UTC
    assert "135790" not in session.kiosk_pin_hash


@pytest.mark.parametrize("overrides, message", [
    ({"closes_at": "2026-12-01T08:00"}, "must close after it opens"),
    ({"bands": ["Z"]}, "is not a valid choice"),
    ({"street": "999999999", "community": ""}, "Choose a street"),
    ({"expected_count": "0"}, "Number must be between 1 and 5000"),
    ({"pin": "12"}, "Use 6 to 8 digits"),
    ({"pin": "1357"}, "Use 6 to 8 digits"),
    ({"pin": ""}, "Choose a PIN"),
    ({"title": "<script>alert(1)</script>" * 10}, "Field cannot be longer than 120 characters"),
    ({"opens_at": "tomorrow"}, "Not a valid datetime value"),
])
def test_bad_session_forms_show_errors_not_500(client, db, login_as, shipped_version, overrides, message):
    login_as(Role.FACILITATOR)
    client.get("/lang/en")
    response = client.post("/sessions/new", data=_form(shipped_version, **overrides))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(AnswerSession)) is None


def test_session_cannot_open_before_consent_is_recorded(client, db, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user, state="draft")
    client.get("/lang/en")
    page = client.post(f"/sessions/{session.id}/action", data={"open": "Open"}, follow_redirects=True)
    assert "Record how guardian consent was obtained" in page.get_data(as_text=True)
    db.session.refresh(session)
    assert session.status == "draft"
    client.post(f"/sessions/{session.id}/consent", data={"consent_method": "Paper slips from the school",
                                                          "opted_out_count": "0"})
    client.post(f"/sessions/{session.id}/action", data={"open": "Open"})
    db.session.refresh(session)
    assert session.status == "open" and session.opted_out_count == 0


def test_close_and_extend(client, db, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user)
    client.post(f"/sessions/{session.id}/action", data={"close": "Close"})
    db.session.refresh(session)
    assert services.session_state(session) == "closed"
    client.post(f"/sessions/{session.id}/action", data={"extend": "Extend", "minutes": "45"})
    db.session.refresh(session)
    assert services.session_state(session) == "open"
    assert as_utc(session.closes_at) > utcnow() + timedelta(minutes=40)


def test_facilitators_see_only_their_own_sessions_and_admins_see_all(app, client, db, make_user, make_session, auth):
    mine, theirs = make_user(Role.FACILITATOR), make_user(Role.FACILITATOR)
    own = make_session(facilitator=mine, title="我的场次")
    other = make_session(facilitator=theirs, title="别人的场次")
    auth.login(mine.email)
    listing = client.get("/sessions/").get_data(as_text=True)
    assert "我的场次" in listing and "别人的场次" not in listing
    for url in (f"/sessions/{other.id}", f"/sessions/{other.id}/edit", f"/sessions/{other.id}/sheet",
                f"/sessions/{other.id}/progress"):
        assert client.get(url).status_code == 404
    assert client.post(f"/sessions/{other.id}/action", data={"close": "Close"}).status_code == 404
    auth.logout()
    admin = make_user(Role.ADMIN)
    auth.login(admin.email)
    listing = client.get("/sessions/").get_data(as_text=True)
    assert "我的场次" in listing and "别人的场次" in listing
    assert client.get(f"/sessions/{own.id}").status_code == 200


def test_live_view_shows_counts_by_band_never_answers(client, db, login_as, make_session, kiosk_submit):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user, expected=1)
    for answers in ({"S01": "yes"}, {"S01": "no"}, {"S01": "sometimes"}, {"S01": "yes"}):
        kiosk_submit(session, "A", answers)
    page = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert 'data-live="completed">4<' in page
    assert "有时这样" not in page and "sometimes" not in page
    progress = client.get(f"/sessions/{session.id}/progress").json
    assert progress["completed"] == 4 and progress["by_band"]["A"] == 4 and progress["overflow"] is True


def test_join_sheet_has_qr_code_and_join_code(client, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user)
    html = client.get(f"/sessions/{session.id}/sheet").get_data(as_text=True)
    assert "<svg" in html and session.join_code[:4] in html and f"/k/{session.join_code}/unlock" in html
    assert "加入码" in html and "Join code" in html


def test_guardian_letter_says_what_is_and_is_not_collected(client, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user)
    html = client.get(f"/sessions/{session.id}/letter").get_data(as_text=True)
    for text in ("不记录", "IP 地址", "汇总", "如何让孩子不参加", "does <strong>not</strong> record",
                 "How to keep your child out", "Who sees results"):
        assert text in html


@pytest.mark.parametrize("text, expected", [("abcd efgh", "ABCDEFGH"), ("ab-cd-ef-gh", "ABCDEFGH"),
                                            ("ABCDEFG0", None), ("short", None), ("", None), (None, None)])
def test_join_codes_are_normalised(text, expected):
    assert normalise_join_code(text) == expected


def test_join_codes_are_long_and_unambiguous():
    codes = {new_join_code() for _ in range(200)}
    assert len(codes) == 200  # 32**8 possibilities: collisions (and guesses) are hopeless
    assert all(re.fullmatch(f"[{JOIN_ALPHABET}]{{8}}", code) for code in codes)
    assert not set("0O1I") & set("".join(codes))
