"""Safeguarding: a hit puts the original text in a queue only leads can open; audited; purged when closed."""

import uuid
from datetime import timedelta

from sqlalchemy import func, select

from survey_app.auth.models import Role
from survey_app.core.models import AuditEvent
from survey_app.fieldwork.models import TextAnswer
from survey_app.models_base import utcnow
from survey_app.safeguarding.models import ConcernLexicon, SafeguardingConcern
from survey_app.safeguarding.services import purge_closed_concerns
from tests.fixtures.sessions import ORIGIN

WORRYING = "我爸爸天天打我，我不想活了"


def _send(client, session, text, band="D"):
    payload = {"submission_id": str(uuid.uuid4()), "band": band, "answers": {"O04": text}}
    return client.post(f"/k/{session.join_code}/submit", json=payload, headers=ORIGIN)


def test_a_hit_goes_to_the_queue_and_the_child_is_shown_help(kiosk, db):
    client, session = kiosk
    response = _send(client, session, WORRYING)
    assert response.status_code == 201 and response.json["help"] is True
    concern = db.session.scalar(select(SafeguardingConcern))
    assert concern.original_text == WORRYING and concern.status == "open"
    assert (concern.session_id, concern.street_code) == (session.id, session.street_code)
    assert "打我" in concern.matched_terms
    research_copy = db.session.scalar(select(TextAnswer))
    assert research_copy.redacted  # the research copy exists, screened, without a link to the queue
    assert not hasattr(SafeguardingConcern, "response_id")


def test_ordinary_text_does_not_reach_the_queue(kiosk, db):
    client, session = kiosk
    response = _send(client, session, "希望公园里多一些滑梯和树")
    assert response.json["help"] is False
    assert db.session.scalar(select(func.count()).select_from(SafeguardingConcern)) == 0


def test_only_safeguarding_leads_open_the_queue_and_every_opening_is_audited(app, kiosk, db, make_user, auth):
    client, session = kiosk
    _send(client, session, WORRYING)
    concern_id = db.session.scalar(select(SafeguardingConcern.id))
    staff = app.test_client()
    for role in (Role.ADMIN, Role.RESEARCHER, Role.FACILITATOR):
        user = make_user(role)
        staff.post("/auth/login", data={"email": user.email, "password": "correct-horse-battery"})
        for url in ("/safeguarding/", f"/safeguarding/{concern_id}"):
            page = staff.get(url)
            assert page.status_code == 403 and WORRYING not in page.get_data(as_text=True)
        staff.post("/auth/logout")
    lead = make_user(Role.SAFEGUARDING)
    staff.post("/auth/login", data={"email": lead.email, "password": "correct-horse-battery"})
    queue = staff.get("/safeguarding/").get_data(as_text=True)
    assert "家庭暴力" in queue and "自伤或轻生念头" in queue  # why each item was flagged, by category
    item = staff.get(f"/safeguarding/{concern_id}").get_data(as_text=True)
    assert WORRYING in item and "wish_to_die" in item and "「不想活」" in item  # the rule and the words
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == lead.id)).all()
    assert actions == ["open_safeguarding_queue", "open_safeguarding_concern"]


def test_lead_marks_an_item_referred_with_a_note(client, kiosk, db, login_as):
    kiosk_client, session = kiosk
    _send(kiosk_client, session, WORRYING)
    concern_id = db.session.scalar(select(SafeguardingConcern.id))
    lead = login_as(Role.SAFEGUARDING)
    response = client.post(f"/safeguarding/{concern_id}", data={"status": "referred", "note": "Told the school."})
    assert response.status_code == 302
    db.session.expire_all()
    concern = db.session.get(SafeguardingConcern, concern_id)
    assert (concern.status, concern.note, concern.reviewed_by_id) == ("referred", "Told the school.", lead.id)
    bad = client.post(f"/safeguarding/{concern_id}", data={"status": "deleted", "note": "x"})
    assert bad.status_code == 200


def test_closed_items_are_purged_after_the_retention_period(kiosk, db, runner):
    client, session = kiosk
    for _ in range(3):
        _send(client, session, WORRYING)
    first, second, _third = db.session.scalars(select(SafeguardingConcern).order_by(SafeguardingConcern.id)).all()
    first.status, first.closed_at = "reviewed", utcnow() - timedelta(days=100)
    second.status, second.closed_at = "referred", utcnow() - timedelta(days=10)
    db.session.commit()
    result = runner.invoke(args=["safeguarding", "purge"])
    assert "purged 1" in result.output
    left = db.session.scalars(select(SafeguardingConcern.status).order_by(SafeguardingConcern.id)).all()
    assert left == ["referred", "open"]  # open items are never purged
    assert purge_closed_concerns(0) == 1


def test_the_old_purge_command_still_works(kiosk, db, runner):
    """Cron jobs written for `flask privacy purge` keep working."""
    client, session = kiosk
    _send(client, session, WORRYING)
    concern = db.session.scalar(select(SafeguardingConcern))
    concern.status, concern.closed_at = "reviewed", utcnow() - timedelta(days=100)
    db.session.commit()
    assert "purged 1" in runner.invoke(args=["privacy", "purge"]).output
    assert db.session.scalar(select(func.count()).select_from(SafeguardingConcern)) == 0


def test_lead_edits_the_lexicon_and_new_terms_apply(client, kiosk, db, login_as):
    kiosk_client, session = kiosk
    login_as(Role.SAFEGUARDING)
    trial = {"text": "紫色怪兽\n", "sample": "我梦见紫色怪兽", "check": "Try"}
    tried = client.post("/safeguarding/lexicon", data=trial)
    assert "紫色怪兽" in tried.get_data(as_text=True)
    client.post("/safeguarding/lexicon", data={"text": "紫色怪兽\n", "submit": "Save"})
    assert _send(kiosk_client, session, "我梦见紫色怪兽了").json["help"] is True
    # The structured rules stay on whatever the list says; only the lexicon's own terms changed.
    assert _send(kiosk_client, session, WORRYING).json["help"] is True
    reasons = db.session.scalar(select(SafeguardingConcern.matched_terms)
                                .where(SafeguardingConcern.original_text == WORRYING))
    assert "self_harm/" in reasons and "lexicon「" not in reasons
    empty = client.post("/safeguarding/lexicon", data={"text": "# only a comment\n", "submit": "Save"})
    assert empty.status_code == 200


def test_control_characters_in_text_are_refused_not_crashed(kiosk, db):
    client, session = kiosk
    assert _send(client, session, "hello\x00world").status_code == 422


def test_a_lexicon_is_tried_against_the_corpus_and_a_noisy_one_needs_confirming(client, db, login_as):
    login_as(Role.SAFEGUARDING)
    noisy = {"text": "想死\n打\n", "submit": "Save"}
    refused = client.post("/safeguarding/lexicon", data=noisy)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "在测试文本上的试用结果" in page
    assert "这份词表会新误标的无害文本" in page  # and it lists them, so the lead sees why
    assert db.session.scalar(select(func.count()).select_from(ConcernLexicon)) == 0
    saved = client.post("/safeguarding/lexicon", data={**noisy, "confirm": "y"})
    assert saved.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(ConcernLexicon)) == 1


def test_the_trial_reads_in_english_and_a_quiet_list_saves_at_once(client, db, login_as):
    login_as(Role.SAFEGUARDING)
    client.get("/lang/en")
    page = client.post("/safeguarding/lexicon", data={"text": "紫色怪兽\n", "check": "Try"}).get_data(as_text=True)
    assert "Tried against the test texts" in page and "Harmless texts flagged" in page
    assert "Harmless texts this list would newly flag" not in page
    assert client.post("/safeguarding/lexicon", data={"text": "紫色怪兽\n", "submit": "Save"}).status_code == 302
