"""The facilitator's side as a teacher uses it: locked details, honest buttons, duplicate, printouts."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from survey_app.auth.models import Role
from survey_app.core.clock import as_utc, to_city_time
from survey_app.fieldwork import services
from survey_app.fieldwork.models import AnswerSession, AnswerTally, Response
from survey_app.models_base import utcnow
from tests.fieldwork.test_sessions import _form
from tests.fixtures.sessions import PIN


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


# 1. Duplicate a session for the next class; the list shows school, state and completed / expected.

def test_duplicate_copies_the_details_not_the_consent(client, db, login_as, make_session, kiosk_submit):
    user = login_as(Role.FACILITATOR)
    source = make_session(facilitator=user, bands=("A", "B"), expected=32, language="en", title="园岭小学 四年级 1班")
    kiosk_submit(source, "A", {"S01": "yes"})
    response = client.post(f"/sessions/{source.id}/duplicate", data={"pin": "975310"})
    copy = db.session.scalar(select(AnswerSession).where(AnswerSession.id != source.id))
    assert response.status_code == 302 and response.location.endswith(f"/sessions/{copy.id}")
    for name in ("version_id", "allowed_bands", "district_code", "street_code", "community_code", "setting",
                 "setting_name", "default_language", "expected_count", "facilitator_id"):
        assert getattr(copy, name) == getattr(source, name), name
    assert copy.title == "园岭小学 四年级 1班 (2)"
    assert copy.status == "draft" and copy.consent_method is None and copy.opted_out_count is None
    assert copy.join_code != source.join_code
    assert services.check_pin(copy, "975310") and not services.check_pin(copy, "246813")
    assert to_city_time(copy.opens_at) == to_city_time(source.opens_at) + timedelta(days=1)
    assert copy.closes_at - copy.opens_at == source.closes_at - source.opens_at
    assert services.session_progress(copy).completed == 0  # the first class's answers stay with it
    page = client.get(response.location).get_data(as_text=True)
    assert "园岭小学 四年级 1班 (2)" in page and 'name="open"' in page


def test_duplicate_without_a_pin_keeps_the_pin_and_finds_the_next_free_day(client, db, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    source = make_session(facilitator=user, title="四年级 (2)")
    client.post(f"/sessions/{source.id}/duplicate", data={"pin": ""})
    client.post(f"/sessions/{source.id}/duplicate", data={"pin": ""})
    copies = list(db.session.scalars(select(AnswerSession).where(AnswerSession.id != source.id)
                                     .order_by(AnswerSession.opens_at)))
    assert [c.title for c in copies] == ["四年级 (3)", "四年级 (3)"]
    assert [to_city_time(c.opens_at) - to_city_time(source.opens_at) for c in copies] == [timedelta(days=1),
                                                                                            timedelta(days=2)]
    assert all(services.check_pin(c, PIN) for c in copies)


def test_duplicating_a_session_from_last_month_plans_it_ahead(db, make_session):
    source = make_session(opens_in=timedelta(days=-30))
    copy = services.duplicate_session(source, None, actor=source.facilitator)
    assert as_utc(copy.opens_at) > as_utc(source.opens_at) + timedelta(days=29)
    assert as_utc(copy.opens_at) > utcnow()
    assert to_city_time(copy.opens_at).time() == to_city_time(source.opens_at).time()


def test_duplicate_with_a_bad_pin_creates_nothing(client, db, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    source = make_session(facilitator=user)
    client.get("/lang/en")
    page = client.post(f"/sessions/{source.id}/duplicate", data={"pin": "12"}, follow_redirects=True)
    assert "Use 6 to 8 digits for the PIN" in page.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(AnswerSession)) == 1


def test_duplicate_of_another_facilitators_session_is_404(client, db, make_user, make_session, auth):
    mine, theirs = make_user(Role.FACILITATOR), make_user(Role.FACILITATOR)
    other = make_session(facilitator=theirs)
    auth.login(mine.email)
    assert client.post(f"/sessions/{other.id}/duplicate", data={"pin": ""}).status_code == 404
    assert client.post("/sessions/999999/duplicate", data={"pin": ""}).status_code == 404
    assert db.session.scalar(select(func.count()).select_from(AnswerSession)) == 1


@pytest.mark.parametrize("role", [Role.RESEARCHER, Role.SAFEGUARDING])
def test_duplicate_is_refused_to_other_roles(client, db, login_as, make_session, role):
    session = make_session()
    login_as(role)
    assert client.post(f"/sessions/{session.id}/duplicate", data={"pin": ""}).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(AnswerSession)) == 1


def test_duplicate_needs_a_signed_in_user(client, db, make_session):
    session = make_session()
    assert client.post(f"/sessions/{session.id}/duplicate", data={"pin": ""}).status_code in (302, 401)
    assert db.session.scalar(select(func.count()).select_from(AnswerSession)) == 1


def test_admin_duplicate_stays_with_the_schools_facilitator(client, db, login_as, make_session):
    source = make_session()
    login_as(Role.ADMIN)
    assert client.post(f"/sessions/{source.id}/duplicate", data={"pin": ""}).status_code == 302
    copy = db.session.scalar(select(AnswerSession).where(AnswerSession.id != source.id))
    assert copy.facilitator_id == source.facilitator_id


@pytest.fixture
def statements(db):
    """Collect the SQL statements run while the test's block runs."""
    from sqlalchemy import event

    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)


def test_session_list_shows_school_state_and_completed_in_one_count_query(
        client, db, login_as, make_session, kiosk_submit, statements):
    user = login_as(Role.FACILITATOR)
    first = make_session(facilitator=user, title="一班", expected=30)
    make_session(facilitator=user, title="二班", expected=25, state="draft")
    make_session(facilitator=user, title="三班", expected=20, state="closed")
    for _ in range(3):
        kiosk_submit(first, "A", {"S01": "yes"})
    statements.clear()
    page = client.get("/sessions/").get_data(as_text=True)
    assert "测试小学" in page and "3 / 30" in page and "0 / 25" in page and "0 / 20" in page
    assert "草稿" in page and "已关闭" in page
    counting = [s for s in statements if "responses" in s]
    assert len(counting) == 1 and "GROUP BY" in counting[0].upper()
    client.get("/lang/en")
    page = client.get("/sessions/").get_data(as_text=True)
    assert "School or place" in page and "Completed / expected" in page and "Draft" in page


# 4. The guardian letter names the school and a contact guardians can use.

@pytest.mark.parametrize("typed, stored", [
    ("0755-83551234", "0755 8355 1234"),
    ("13800138000", "138 0013 8000"),
    ("+86 138 0013 8000", "138 0013 8000"),
    ("+44 20 7946 0958", "+44 20 7946 0958"),
    ("Office@Yuanling-School.cn", "Office@yuanling-school.cn"),
    ("", None),
])
def test_contact_is_stored_as_printed(client, db, login_as, shipped_version, typed, stored):
    login_as(Role.FACILITATOR)
    assert client.post("/sessions/new", data=_form(shipped_version, contact=typed)).status_code == 302
    assert db.session.scalar(select(AnswerSession.contact)) == stored


@pytest.mark.parametrize("typed", ["12345", "call the school", "a@b", "not@an@email.cn", "1" * 130])
def test_a_contact_that_is_no_phone_or_email_is_refused(client, db, login_as, shipped_version, typed):
    login_as(Role.FACILITATOR)
    client.get("/lang/en")
    response = client.post("/sessions/new", data=_form(shipped_version, contact=typed))
    assert response.status_code == 200
    assert "Give a phone number" in response.get_data(as_text=True) or "longer than 120" in response.get_data(
        as_text=True)
    assert db.session.scalar(select(AnswerSession)) is None


def test_the_contact_can_be_changed_on_the_edit_page(client, db, login_as, make_session, shipped_version):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user, state="draft")
    data = _edit_form(session, shipped_version, contact="0755 8355 1234")
    assert client.post(f"/sessions/{session.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(AnswerSession, session.id).contact == "0755 8355 1234"
    assert 'value="0755 8355 1234"' in client.get(f"/sessions/{session.id}/edit").get_data(as_text=True)


def test_letter_names_the_school_and_the_contact(client, db, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user)
    session.setting_name, session.contact = "园岭小学", "0755 8355 1234"
    db.session.commit()
    html = client.get(f"/sessions/{session.id}/letter").get_data(as_text=True)
    assert html.count("园岭小学") >= 4  # heading and "where" in both letters
    assert "请联系组织者" in html and "please contact the organiser" in html
    assert html.count("0755 8355 1234") == 2
    assert "请询问" not in html and "please ask" not in html


def test_letter_without_a_contact_says_to_ask_the_school(client, db, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user)
    html = client.get(f"/sessions/{session.id}/letter").get_data(as_text=True)
    assert "请询问测试小学" in html and "please ask 测试小学" in html
    session.setting_name = ""
    db.session.commit()
    html = client.get(f"/sessions/{session.id}/letter").get_data(as_text=True)
    assert "请询问学校" in html and "please ask the school" in html


def test_duplicate_keeps_the_contact(db, make_session):
    source = make_session()
    source.contact = "office@school.cn"
    copy = services.duplicate_session(source, None, actor=source.facilitator)
    assert copy.contact == "office@school.cn"


# 6. Printed links use the configured public address.

@pytest.fixture
def public_url(app):
    app.config["PUBLIC_URL"] = "https://survey.school.lan"
    yield "https://survey.school.lan"
    app.config["PUBLIC_URL"] = None


def test_sheet_and_letter_use_the_public_url(client, login_as, make_session, public_url):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user)
    sheet = client.get(f"/sessions/{session.id}/sheet").get_data(as_text=True)
    assert f"https://survey.school.lan/k/{session.join_code}/unlock" in sheet
    assert "localhost" not in sheet and "SURVEY_PUBLIC_URL" not in sheet
    letter = client.get(f"/sessions/{session.id}/letter").get_data(as_text=True)
    assert letter.count("https://survey.school.lan/k/") == 2 and session.join_code not in letter


def test_the_qr_code_holds_the_public_url(client, login_as, make_session, public_url):
    from survey_app.fieldwork.printouts import qr_svg

    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user)
    page = client.get(f"/sessions/{session.id}/sheet").get_data(as_text=True)
    assert str(qr_svg(f"https://survey.school.lan/k/{session.join_code}/unlock")) in page
    assert str(qr_svg(f"http://localhost/k/{session.join_code}/unlock")) not in page


def test_a_public_url_with_a_path_keeps_it(app, client, login_as, make_session):
    app.config["PUBLIC_URL"] = "https://school.lan/survey/"
    try:
        user = login_as(Role.FACILITATOR)
        session = make_session(facilitator=user)
        sheet = client.get(f"/sessions/{session.id}/sheet").get_data(as_text=True)
        assert f"https://school.lan/survey/k/{session.join_code}/unlock" in sheet
    finally:
        app.config["PUBLIC_URL"] = None


def test_without_a_public_url_the_sheet_warns_on_screen_only(client, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user)
    client.get("/lang/en")
    sheet = client.get(f"/sessions/{session.id}/sheet").get_data(as_text=True)
    assert f"http://localhost/k/{session.join_code}/unlock" in sheet
    warning = re.search(r'<p class="([^"]*)"[^>]*id="public-url-warning">(.*?)</p>', sheet, re.S)
    assert warning and "no-print" in warning[1].split()
    assert "Tablets may not reach that address" in warning[2] and "SURVEY_PUBLIC_URL" in warning[2]


def test_public_url_is_read_from_the_environment(monkeypatch, database_url):
    from survey_app import create_app

    monkeypatch.setenv("SURVEY_PUBLIC_URL", "https://survey.school.lan")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    assert app.config["PUBLIC_URL"] == "https://survey.school.lan"


@pytest.mark.parametrize("bad", ["survey.school.lan", "ftp://survey.school.lan", "https://", "https://a.lan/?x=1"])
def test_a_public_url_that_is_no_address_stops_the_app(monkeypatch, database_url, bad):
    from survey_app import create_app

    monkeypatch.setenv("SURVEY_PUBLIC_URL", bad)
    with pytest.raises(RuntimeError, match="SURVEY_PUBLIC_URL"):
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})


# 5. The join sheet follows its language choice and fits one A4 page.

CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


def _article(page: str) -> str:
    return re.search(r"<article.*?</article>", page, re.S)[0]


@pytest.mark.parametrize("choice", ["en", "EN", "en-GB"])
def test_sheet_in_english_has_no_chinese_even_for_a_chinese_speaker(client, login_as, make_session, choice):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user, title="Class 4B, spring")
    page = client.get(f"/sessions/{session.id}/sheet?lang={choice}").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert not CJK.findall(_article(page)), CJK.findall(_article(page))
    for text in ("Me and My City · tablet join sheet", "Join code", "Enter this session's tablet PIN", "Open</span>:",
                 ">Print<", "Back to the session", "Tablets may not reach that address"):
        assert text in page, text


def test_sheet_in_chinese_has_no_english_even_for_an_english_speaker(client, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user)
    client.get("/lang/en")
    page = client.get(f"/sessions/{session.id}/sheet?lang=zh").get_data(as_text=True)
    assert '<html lang="zh-Hans">' in page
    article = _article(page)
    for text in ("加入码", "输入本场次的平板 PIN 码", "开放时间", ">打印<", "返回场次", "平板可能无法访问这个地址"):
        assert text in page, text
    spaced = f"{session.join_code[:4]} {session.join_code[4:]}"
    without_links = (article.replace(session.join_code, "").replace(spaced, "")
                     .replace("http://localhost/k/", "").replace("/unlock", ""))
    words = set(re.findall(r">[^<]*\b([A-Za-z]{3,})\b", without_links))
    assert not words - {"PIN", "QR"}, words - {"PIN", "QR"}


def test_sheet_without_a_choice_is_in_both_languages(client, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user)
    article = _article(client.get(f"/sessions/{session.id}/sheet?lang=fr").get_data(as_text=True))
    assert "加入码" in article and "Join code" in article and "输入本场次" in article and "Enter this" in article


def test_sheet_has_an_a4_page_rule_and_shrinks_long_titles(client, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user, title="园岭小学" * 30)
    page = client.get(f"/sessions/{session.id}/sheet").get_data(as_text=True)
    assert 'class="sheet-title sheet-title-long"' in page and "css/printouts.css" in page
    response = client.get("/static/css/printouts.css")
    css = response.get_data(as_text=True)
    response.close()
    assert "@page" in css and "size: A4" in css
