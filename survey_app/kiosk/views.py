"""The child's side: join a session on a tablet, answer, send; and the tablet's lock and release.

Kiosk routes set no session cookie and no device identifier stored with answers: the only cookie
is the tablet lock (kiosk/lock.py), whose random tablet key serves the PIN throttle only.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from ..core.clock import city_today
from ..core.safe_json import UntrustedJSONError, parse_untrusted_json
from ..extensions import db
from ..fieldwork import intake, intake_sessions, services
from ..fieldwork.models import AnswerSession
from ..i18n import content_language
from ..models_base import utcnow
from ..places.services import children_of, place_exists
from ..questionnaires.answers import clean_item
from ..questionnaires.item_types import AnswerError
from ..questionnaires.services import get_definition
from ..questionnaires.vocabulary import OPTOUTS
from ..safeguarding.services import active_concern_terms
from . import basic, facilitator_views, guards, lock, offline, pages
from .blueprint import bp
from .payload import build_payload
from .sprites import inline_sprites

__all__ = ["bp", "facilitator_views", "offline"]  # importing this module registers every kiosk route on bp


def _open_session(code: str, *, locked: bool, started: datetime | None = None):
    """The open session for a join code (locked to this tablet when asked), or the page to show instead.

    With ``started``, a child who began before closing may go on after it, as on the JavaScript tablet.
    """
    session = services.find_by_join_code(code)
    refused = guards.refuse_code_lookup(session)
    if refused:
        db.session.commit()  # keep the counted failure
        return None, pages.refused_page(refused)
    guards.use_session_language(session)
    if started is not None and _finishing_late(session, started):
        return session, None
    if locked and not lock.is_locked_to(session):
        return None, redirect(url_for("kiosk.unlock", code=session.join_code))
    if services.session_state(session) != "open":
        return None, pages.closed_page(session)
    return session, None


def _finishing_late(session: AnswerSession, started: datetime) -> bool:
    return (services.session_state(session) != "open"
            and intake_sessions.intake_window(session, utcnow(), lock.grace(), started) == "late"
            and lock.may_submit_to(session, started))


@bp.route("/", methods=["GET", "POST"])
def join():
    """Enter a join code (the facilitator does this once per tablet)."""
    locked = lock.locked_session_id()
    if locked and (session := db.session.get(AnswerSession, locked)) and not lock.is_expired(session):
        if services.session_state(session) == "open":
            return redirect(url_for("kiosk.survey", code=session.join_code))
        guards.use_session_language(session)
        return pages.closed_page(session)  # not back to the survey, which would send the tablet here again
    if locked and request.method == "GET":  # the session has gone, or its lock ran out: forget it
        return lock.release(make_response(render_template("kiosk/join.html", error=None)))
    if request.method == "GET":
        return render_template("kiosk/join.html", error=None)
    if guards.join_throttled():
        return render_template("kiosk/join.html", error=_("Too many wrong codes. Please wait 10 minutes.")), 429
    session = services.find_by_join_code(request.form.get("code", "")[:40])
    if session is None:
        guards.record_join_failure()
        db.session.commit()
        return render_template("kiosk/join.html", error=_("We don't know that code. Check it and try again.")), 404
    return redirect(url_for("kiosk.unlock", code=session.join_code))


@bp.route("/<code>/unlock", methods=["GET", "POST"])
def unlock(code: str):
    """Lock this tablet to the session with the facilitator's PIN."""
    session, page = _open_session(code, locked=False)
    if page:
        return page
    if request.method == "GET" and lock.is_locked_to(session):
        return redirect(url_for("kiosk.survey", code=session.join_code))  # Back after a reset: stay on the survey
    if request.method == "GET":
        return render_template("kiosk/unlock.html", session=session, error=None)
    problem = facilitator_views.check_tablet_pin(session)
    db.session.commit()
    if problem:
        return render_template("kiosk/unlock.html", session=session, error=problem), 403
    return lock.lock(make_response(redirect(url_for("kiosk.survey", code=session.join_code))), session)


@bp.get("/<code>/")
def survey(code: str):
    """The whole survey in one page; it runs offline until the child sends it."""
    session, page = _open_session(code, locked=True)
    if page:
        return page
    return render_template("kiosk/survey.html", session=session, payload=build_payload(session),
                           sprites=inline_sprites(current_app.static_folder),
                           idle_seconds=current_app.config["KIOSK_IDLE_SECONDS"],
                           reset_seconds=current_app.config["KIOSK_RESET_SECONDS"])


@bp.post("/<code>/submit")
def submit(code: str):
    """Store one finished survey exactly once; the tablet retries until it gets 200 or 201."""
    session = intake_sessions.find_for_intake(code)
    refused = guards.refuse_code_lookup(session)
    if refused == 429:
        db.session.commit()
        return {"error": "too_many_attempts"}, 429, {"Retry-After": str(current_app.config["JOIN_LOCK_SECONDS"])}
    try:
        payload = _submitted_json()
        if session is None or not lock.may_submit_to(session, intake.started_of(payload)):
            db.session.commit()  # keep the failure when the code was unknown
            return {"error": "unknown_or_unlocked"}, 404
        result = _store_submission(session, payload)
    except intake.SubmissionRefused as refused:
        return {"error": refused.message, "errors": refused.errors}, refused.status
    return {"stored": result.created, "help": result.concern}, 201 if result.created else 200


def _submitted_json():
    """The body as JSON, or None when it is not JSON we accept (the intake then refuses it with 400)."""
    if not request.is_json:
        return None
    try:
        return parse_untrusted_json(request.get_data(cache=False))
    except UntrustedJSONError:
        return None


def _store_submission(session, payload) -> intake.IntakeResult:
    """Run the intake and commit once; raises SubmissionRefused (nothing stored) for people to read."""
    try:
        result = intake.submit_response(session, payload, now=utcnow(), today=city_today(), grace=lock.grace(),
                                        concern_terms=active_concern_terms)
        db.session.commit()
    except intake.SubmissionRefused:
        db.session.rollback()
        raise
    except IntegrityError as error:  # the same id arrived twice at once: the other request stored it
        db.session.rollback()
        result = intake.resolve_duplicate(session, payload, active_concern_terms)
        if result is None:
            raise error from None  # not a duplicate id: a real fault, for the 500 handler and the log
    return result


@bp.route("/<code>/basic", methods=["GET", "POST"])
def basic_survey(code: str):
    """The survey as plain pages, for tablets without JavaScript."""
    step, error, status = "welcome", None, 200
    try:
        state = basic.BasicState.load(request.form.get("state"))
    except basic.StateUnreadable:
        state, error, status = basic.BasicState(), _("This page could not be read, so the survey starts again."), 400
    in_progress = request.method == "POST" and state.band is not None
    session, page = _open_session(code, locked=True, started=state.started if in_progress else None)
    if page:
        return page
    definition = get_definition(session.version)
    notice = None
    if request.method == "POST" and status == 200 and intake.is_stored(state.submission_id):
        # Back and resubmit after a child sent the survey: never show that child's answers again.
        state, notice = basic.BasicState(), _("Ready for the next child.")
    elif request.method == "POST" and status == 200:
        step, error = basic.advance(definition, session.bands, state, request.form.get("step", ""), request.form,
                                    basic_check)
        status = 422 if error else 200  # the same page again, saying what to change
    if step == "send":
        return _basic_send(session, state)
    items = basic.asked_items(definition, state) if state.band else []
    return render_template("kiosk/basic.html", session=session, definition=definition, step=step, state=state,
                           item=items[state.index] if step == "item" and items else None, items=items, error=error,
                           lang=content_language(), optouts=OPTOUTS, places_for=_places_for, notice=notice), status


def _places_for(level: str | None):
    return children_of(None, level or "street")


def basic_check(item, value, answers) -> str | None:
    """One answer's problem, or None (the same checks as the final intake)."""
    try:
        clean_item(item, value, answers, place_exists)
    except AnswerError as problem:
        return str(problem)
    return None


def _basic_send(session: AnswerSession, state: basic.BasicState):
    payload = {"submission_id": state.submission_id, "band": state.band, "answers": state.answers,
               "started": state.started.isoformat()}
    try:
        result = _store_submission(session, payload)
    except intake.SubmissionRefused as refused:
        return render_template("kiosk/basic.html", session=session, step="refused", error=refused.message,
                               state=state, definition=None, item=None, items=[], lang=content_language()), \
            refused.status
    return render_template("kiosk/basic.html", session=session, step="thanks", help=result.concern, state=state,
                           definition=None, item=None, items=[], error=None, lang=content_language())
