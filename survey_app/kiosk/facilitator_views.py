"""The facilitator's side of a tablet: its PIN, what it still holds, its release; and the session's state.

A child cannot get here by accident: the tablet's facilitator control needs a long press, and
every PIN is throttled per tablet (kiosk/guards.py).
"""

from __future__ import annotations

from flask import make_response, redirect, request, url_for
from flask_babel import gettext as _

from ..core.clock import as_utc
from ..core.safe_json import UntrustedJSONError, parse_untrusted_json
from ..extensions import db
from ..fieldwork import services
from ..fieldwork.models import AnswerSession
from ..models_base import utcnow
from . import guards, lock, pages
from .blueprint import bp


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json" or request.is_json


def _pin() -> str:
    if request.is_json:  # the same guard as the submit endpoint: deep JSON must not reach the recursive parser
        try:
            data = parse_untrusted_json(request.get_data(cache=False))
        except UntrustedJSONError:
            return ""
        value = data.get("pin") if isinstance(data, dict) else None
        return value if isinstance(value, str) else ""
    return request.form.get("pin", "")


def _session_facts(session: AnswerSession) -> dict[str, object]:
    return {"state": services.session_state(session), "closesAt": as_utc(session.closes_at).isoformat(),
            "serverNow": utcnow().isoformat(), "locked": lock.is_locked_to(session)}


def check_tablet_pin(session: AnswerSession) -> str | None:
    """None when the PIN is right; otherwise what to tell the facilitator (the failure is counted)."""
    wait = guards.pin_wait_seconds(session)
    if wait:
        return _("Too many wrong PINs on this tablet. Try again in %(n)d seconds.", n=wait)
    if not services.check_pin(session, _pin()):
        guards.record_pin_failure(session)
        return _("Wrong PIN.")
    guards.forget_pin_failures()
    return None


@bp.get("/<code>/state")
def session_facts(code: str):
    """What a locked tablet needs to know between children: is the session still open, until when."""
    session = services.find_by_join_code(code)
    if session is None or lock.locked_session_id() != session.id:
        return {"error": "unknown_or_unlocked"}, 404
    return _session_facts(session), 200, {"Cache-Control": "no-store"}


@bp.post("/<code>/facilitator")
def facilitator_check(code: str):
    """Check the PIN before the tablet shows the facilitator what it holds and how to release it."""
    session = services.find_by_join_code(code)
    if session is None or lock.locked_session_id() != session.id:
        return {"error": "unknown_or_unlocked"}, 404
    problem = check_tablet_pin(session)
    db.session.commit()
    if problem:
        return {"ok": False, "error": problem}, 403
    return {"ok": True, **_session_facts(session)}


@bp.post("/<code>/release")
def release(code: str):
    """Release the tablet from its session (facilitator PIN), open, closed or expired alike."""
    session = services.find_by_join_code(code)
    refused = guards.refuse_code_lookup(session)
    if refused == 429:
        db.session.commit()
        return ({"ok": False, "error": _("Too many tries")}, 429) if _wants_json() else pages.refused_page(429)
    if session is None:
        db.session.commit()
        return lock.release(make_response(redirect(url_for("kiosk.join"))))
    guards.use_session_language(session)
    problem = check_tablet_pin(session)
    db.session.commit()
    if problem and _wants_json():
        return {"ok": False, "error": problem}, 403
    if problem:
        return pages.closed_page(session, 403, release_error=problem)
    if _wants_json():
        return lock.release(make_response({"ok": True, "next": url_for("kiosk.join")}))
    return lock.release(make_response(redirect(url_for("kiosk.join"))))
