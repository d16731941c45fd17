"""The facilitator's side as a teacher uses it: locked details, honest buttons, duplicate, printouts."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from survey_app.auth.models import Role
from survey_app.core.clock import to_city_time
from survey_app.fieldwork import services
from survey_app.fieldwork.models import AnswerSession, AnswerTally, Response
from tests.fieldwork.test_sessions import _form


def _edit_form(session, shipped_version, **overrides):
    local = to_city_time(session.opens_at)
    closes = to_city_time(session.closes_at)
    data = _form(shipped_version, bands=session.bands, street=session.street_code,
                 community=session.community_code or "", opens_at=local.strftime("%Y-%m-%dT%H:%M"),
                 closes_at=closes.strftime("%Y-%m-%dT%H:%M"), pin="")
    data.update(overrides)
    return data


# 2. Once children have answered, what their answers belong to is fixed.

@pytest.mark.parametrize("overrides", [
    {"street": "440304001", "community": ""},
    {"community": ""},
    {"bands": ["A", "B"]},
])
def test_answers_are_not_moved_when_street_or_bands_change_after_answers(
        client, db, login_as, make_session, kiosk_submit, shipped_version, overrides):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user)
    kiosk_submit(session, "A", {"S01": "yes"})
    client.get("/lang/en")
    response = client.post(f"/sessions/{session.id}/edit", data=_edit_form(session, shipped_version, **overrides))
    assert response.status_code == 200
    assert "Children have already answered" in response.get_data(as_text=True)
    db.session.expire_all()
    stored = db.session.get(AnswerSession, session.id)
    assert (stored.street_code, stored.community_code, stored.bands) == ("440304002", "440304002016",
                                                                         ["A", "B", "C", "D"])
    assert db.session.scalar(select(func.count()).select_from(Response)
                             .where(Response.session_id == session.id, Response.band == "A")) == 1


def test_update_session_refuses_a_new_questionnaire_after_answers(db, make_session, kiosk_submit, shipped_version):
    session = make_session()
    kiosk_submit(session, "A", {"S01": "yes"})
    other = db.session.scalar(select(type(shipped_version)).where(type(shipped_version).id != shipped_version.id))
    details = services.SessionDetails(
        title="x", version_id=other.id, bands=session.bands, place_code=session.place_code, setting="school",
        setting_name="", grade=None, opens_at=session.opens_at, closes_at=session.closes_at, expected_count=10,
        default_language="zh")
    with pytest.raises(services.SessionError, match="不能再更改"):
        services.update_session(session, details, actor=session.facilitator)


def test_other_details_still_change_after_answers_and_locked_fields_are_disabled(
        client, db, login_as, make_session, kiosk_submit, shipped_version):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user)
    kiosk_submit(session, "A", {"S01": "yes"})
    page = client.get(f"/sessions/{session.id}/edit").get_data(as_text=True)
    assert "本场次已有孩子作答" in page and "disabled" in page
    data = _edit_form(session, shipped_version, title="新名字", expected_count="25")
    for name in ("version_id", "bands", "street", "community"):  # a browser does not send disabled fields
        data.pop(name)
    response = client.post(f"/sessions/{session.id}/edit", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    stored = db.session.get(AnswerSession, session.id)
    assert (stored.title, stored.expected_count, stored.bands) == ("新名字", 25, ["A", "B", "C", "D"])
    assert db.session.scalar(select(func.sum(AnswerTally.count)).where(AnswerTally.session_id == session.id)) >= 1


def test_street_and_bands_still_change_before_anyone_answers(client, db, login_as, make_session, shipped_version):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user, state="draft")
    page = client.get(f"/sessions/{session.id}/edit").get_data(as_text=True)
    assert "本场次已有孩子作答" not in page and " disabled" not in page
    response = client.post(f"/sessions/{session.id}/edit",
                           data=_edit_form(session, shipped_version, street="440304001", community="", bands=["B"]))
    assert response.status_code == 302
    db.session.expire_all()
    stored = db.session.get(AnswerSession, session.id)
    assert (stored.street_code, stored.community_code, stored.bands) == ("440304001", None, ["B"])


# 3. Buttons that say what they do and never offer what would fail.

def _buttons(page: str) -> set[str]:
    return {name for name in ("open", "close", "extend") if f'name="{name}"' in page}


@pytest.mark.parametrize("state, buttons", [
    ("draft", {"open", "extend"}),
    ("open", {"close", "extend"}),
    ("closed", {"extend"}),
])
def test_detail_page_offers_only_buttons_that_work(client, login_as, make_session, state, buttons):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user, state=state)
    assert _buttons(client.get(f"/sessions/{session.id}").get_data(as_text=True)) == buttons


def test_a_draft_past_its_closing_time_offers_no_open_button(client, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user, state="draft", opens_in=timedelta(hours=-3))
    assert _buttons(client.get(f"/sessions/{session.id}").get_data(as_text=True)) == {"extend"}


def test_extend_says_what_it_does_in_both_languages(client, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user, state="closed")
    assert "已结束的场次会重新开放" in client.get(f"/sessions/{session.id}").get_data(as_text=True)
    client.get("/lang/en")
    page = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "the closing time moves later by this many minutes" in page and "a closed session reopens" in page
    assert "Extend the closing time" in page


def test_extending_a_closed_session_reopens_it_and_says_so(client, db, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user)
    client.post(f"/sessions/{session.id}/action", data={"close": "Close"})
    client.get("/lang/en")
    page = client.post(f"/sessions/{session.id}/action", data={"extend": "1", "minutes": "20"},
                       follow_redirects=True).get_data(as_text=True)
    assert "The session is open again and now closes at" in page
    db.session.refresh(session)
    assert session.status == "open"


def test_opening_a_closed_session_is_refused_with_a_way_out(client, db, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user, state="closed")
    client.get("/lang/en")
    page = client.post(f"/sessions/{session.id}/action", data={"open": "Open"},
                       follow_redirects=True).get_data(as_text=True)
    assert "This session is closed. Extend it" in page
    db.session.refresh(session)
    assert session.status == "closed"
