"""Paper forms: every band prints, and a typed-in form is stored once, screened and marked, as a tablet's would be."""

import re
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from survey_app.auth.models import Role
from survey_app.core.models import AuditEvent
from survey_app.fieldwork.models import Answer, AnswerTally, Response, TextAnswer
from survey_app.questionnaires.services import get_definition
from survey_app.safeguarding.models import SafeguardingConcern

SID = re.compile(r'name="submission_id" type="hidden" value="([^"]+)"')


def _count(db, model=Response):
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def facilitated(login_as, make_session):
    """A signed-in facilitator and an open session of theirs with every band."""
    user = login_as(Role.FACILITATOR)
    return make_session(facilitator=user)


def _entry(client, session, band="D"):
    page = client.get(f"/sessions/{session.id}/paper/{band}/enter")
    assert page.status_code == 200
    return SID.search(page.get_data(as_text=True))[1]


def _post(client, session, data, band="D", sid=None):
    data = {"submission_id": sid or _entry(client, session, band), **data}
    return client.post(f"/sessions/{session.id}/paper/{band}/enter", data=data)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_paper_print_shows_every_item_code_and_text_in_every_band(client, facilitated, lang):
    session = facilitated
    definition = get_definition(session.version)
    for band in definition.bands:
        page = client.get(f"/sessions/{session.id}/paper/{band.id}?lang={lang}")
        assert page.status_code == 200, band.id
        html = page.get_data(as_text=True)
        for item in definition.items_for(band.id):
            assert item.code in html and _escaped(item.text[lang]) in html, (band.id, item.code)
        assert "http://" not in html and "https://" not in html and "//" not in re.sub(r"</?\w[^>]*>", "", html)
        assert 'src="http' not in html and "<use href=\"#" in html
        article = html[html.index("<article"):]
        assert "<input" not in article and "<textarea" not in article  # no field for a name, or anything


def _escaped(text):
    from markupsafe import escape

    return str(escape(text))


def test_paper_print_turns_relevance_into_an_instruction(client, facilitated):
    html = client.get(f"/sessions/{facilitated.id}/paper/D?lang=en").get_data(as_text=True)
    assert "Only answer this question if you answered “Yes” to question" in html
    assert "R08 = " not in html and "answered(" not in html


def test_paper_print_links_on_the_session_page(client, facilitated):
    html = client.get(f"/sessions/{facilitated.id}").get_data(as_text=True)
    for band in facilitated.bands:
        assert f"/sessions/{facilitated.id}/paper/{band}" in html
        assert f"/sessions/{facilitated.id}/paper/{band}/enter" in html


def test_paper_entry_stores_once_for_the_same_submission_id(client, db, facilitated):
    sid = _entry(client, facilitated)
    first = _post(client, facilitated, {"a-S01": "a"}, sid=sid)
    again = _post(client, facilitated, {"a-S01": "a"}, sid=sid)
    assert first.status_code == 302 and again.status_code == 302
    assert _count(db) == 1
    assert "已保存过" in client.get(again.headers["Location"]).get_data(as_text=True)
    stored = db.session.scalar(select(Response))
    assert stored.from_paper is True and str(stored.id) == sid


def test_paper_entry_says_how_many_from_paper(client, db, facilitated):
    _post(client, facilitated, {"a-S01": "a"})
    page = client.get(f"/sessions/{facilitated.id}/paper/D/enter").get_data(as_text=True)
    assert "1" in page and ("entered from paper" in page or "份纸质" in page)
    detail = client.get(f"/sessions/{facilitated.id}").get_data(as_text=True)
    assert 'data-live="from-paper">1<' in detail


ANSWERS = {"S01": "a", "P08": ["court", "books"], "O06": ["voice", "safety", "nature"], "GENDER": "_pn",
           "O04": "希望公园多一些树", "HOME_STREET": "440304002"}


def _as_form(answers):
    data = {"a-S01": "a", "a-P08": ["court", "books"], "a-GENDER": "_pn", "a-O04": "希望公园多一些树",
            "a-HOME_STREET": "440304002"}
    for position, code in enumerate(answers["O06"], start=1):
        data[f"a-O06-{code}"] = str(position)
    return data


def _rows(db, response_id):
    answers = sorted((a.item_code, a.value, a.rank) for a in db.session.scalars(
        select(Answer).where(Answer.response_id == response_id)))
    texts = sorted((t.item_code, t.redacted) for t in db.session.scalars(
        select(TextAnswer).where(TextAnswer.response_id == response_id)))
    return answers, texts


def test_paper_entry_stores_the_values_a_tablet_would(client, db, facilitated, kiosk_submit):
    assert _post(client, facilitated, _as_form(ANSWERS)).status_code == 302
    kiosk_submit(facilitated, "D", ANSWERS)
    paper, tablet = db.session.scalars(select(Response).order_by(Response.from_paper.desc())).all()
    assert paper.from_paper and not tablet.from_paper
    assert _rows(db, paper.id) == _rows(db, tablet.id)
    assert paper.payload_digest == tablet.payload_digest
    tallies = {(t.item_code, t.value): t.count for t in db.session.scalars(select(AnswerTally))}
    assert tallies[("S01", "a")] == 2 and tallies[("O06", "voice")] == 2


def test_a_tablet_cannot_mark_its_survey_from_paper(db, facilitated, kiosk_submit):
    payload_extra = {"submission_id": str(uuid.uuid4()), "band": "D", "answers": {}, "from_paper": True}
    kiosk_submit(facilitated, "D", {"S01": "a"})
    assert not db.session.scalar(select(Response)).from_paper
    from survey_app.fieldwork.intake import SubmissionRefused, submit_response

    with pytest.raises(SubmissionRefused) as refused:
        from datetime import date

        from survey_app.models_base import utcnow

        submit_response(facilitated, payload_extra, now=utcnow(), today=date.today(), grace=timedelta(0))
    assert refused.value.status == 400


def test_paper_entry_screens_a_phone_number(client, db, facilitated):
    assert _post(client, facilitated, {"a-O04": "电话13800138000，希望公园多一些树"}).status_code == 302
    stored = db.session.scalar(select(TextAnswer))
    assert "13800138000" not in stored.redacted and "〔手机号〕" in stored.redacted


def test_paper_entry_with_a_worrying_text_tells_the_facilitator(client, db, facilitated):
    response = _post(client, facilitated, {"a-O04": "我爸爸天天打我，我不想活了"})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "12355" in page
    assert _count(db, SafeguardingConcern) == 1 and _count(db) == 1


def test_paper_entry_refuses_an_unknown_choice_and_stores_nothing(client, db, facilitated):
    response = _post(client, facilitated, {"a-S01": "bogus", "a-P08": "court"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="item-S01"' in html and re.search(r'id="item-S01".*?class="error"', html, re.S)
    assert 'value="court" checked' in html  # what was typed is kept for correcting
    assert _count(db) == 0 and _count(db, AnswerTally) == 0


def test_paper_entry_refuses_bad_rank_numbers(client, db, facilitated):
    response = _post(client, facilitated, {"a-O06-voice": "1", "a-O06-safety": "1"})
    assert response.status_code == 422 and _count(db) == 0


def test_paper_entry_records_who_entered_as_an_audit_count(client, db, facilitated):
    _post(client, facilitated, {"a-S01": "a"})
    _post(client, facilitated, {"a-S01": "d"})
    events = db.session.execute(select(AuditEvent.actor_id, func.count()).where(
        AuditEvent.action == "enter_paper_form", AuditEvent.target == f"session {facilitated.id}")
        .group_by(AuditEvent.actor_id)).all()
    assert events == [(facilitated.facilitator_id, 2)]
    assert "facilitator" not in {c.name for c in Response.__table__.columns}


def test_paper_entry_after_closing_is_taken_within_the_grace(client, db, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user, opens_in=-timedelta(hours=3), lasts=timedelta(hours=1), state="closed")
    assert _post(client, session, {"a-S01": "a"}).status_code == 302
    assert _count(db) == 1


def test_paper_for_a_draft_session_is_refused(client, db, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user, state="draft")
    response = _post(client, session, {"a-S01": "a"})
    assert response.status_code == 410 and _count(db) == 0


def test_paper_pages_refuse_a_researcher_and_hide_other_sessions(client, make_session, login_as, make_user):
    other = make_session(facilitator=make_user(Role.FACILITATOR))
    login_as(Role.FACILITATOR)
    for url in (f"/sessions/{other.id}/paper/D", f"/sessions/{other.id}/paper/D/enter"):
        assert client.get(url).status_code == 404
        assert client.post(f"/sessions/{other.id}/paper/D/enter", data={}).status_code == 404


def test_paper_pages_refuse_a_researcher(client, make_session, login_as):
    session = make_session()
    login_as(Role.RESEARCHER)
    assert client.get(f"/sessions/{session.id}/paper/D").status_code == 403
    assert client.get(f"/sessions/{session.id}/paper/D/enter").status_code == 403


def test_admin_may_print_and_enter(client, db, make_session, login_as):
    session = make_session()
    login_as(Role.ADMIN)
    assert client.get(f"/sessions/{session.id}/paper/A").status_code == 200
    assert _post(client, session, {"a-S01": "yes"}, band="A").status_code == 302 and _count(db) == 1


@pytest.mark.parametrize("data, status", [
    ({"a-O04": "树" * 20_000}, 422),
    ({"a-O04": "树" * 600_000}, 413),
    ({"a-S01": "a", "from_paper": "0"}, 400),
    ({"a-S01": "a", "started": "2020-01-01T00:00:00"}, 400),
    ({"a-NOPE": "x"}, 400),
    ({"a-S01": ["a", "d"] * 100}, 422),
])
def test_paper_entry_hostile_input_is_4xx(client, db, facilitated, data, status):
    assert _post(client, facilitated, data).status_code == status
    assert _count(db) == 0


def test_paper_entry_hostile_ids_and_bands_are_4xx(client, db, facilitated):
    base = f"/sessions/{facilitated.id}/paper"
    assert client.get(f"{base}/Z").status_code == 404
    assert client.get(f"{base}/{'D' * 5000}/enter").status_code == 404
    assert client.get(f"{base}/D?lang=xx").status_code == 200
    assert client.post(f"{base}/D/enter", data={"submission_id": "not-a-uuid", "a-S01": "a"}).status_code == 400
    assert client.post(f"{base}/D/enter", data={"a-S01": "a"}).status_code == 400
    assert client.get("/sessions/99999999999999999999/paper/D").status_code == 404
    assert _count(db) == 0


def test_paper_entry_for_a_band_not_in_the_session(client, db, login_as, make_session):
    user = login_as(Role.FACILITATOR)
    session = make_session(facilitator=user, bands=("A",))
    assert client.get(f"/sessions/{session.id}/paper/D").status_code == 404
    assert client.post(f"/sessions/{session.id}/paper/D/enter",
                       data={"submission_id": str(uuid.uuid4()), "a-S01": "a"}).status_code == 404
    assert _count(db) == 0
