"""Pages that several kiosk routes answer with instead of the survey."""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import gettext as _

from ..fieldwork.models import AnswerSession
from . import lock


def closed_page(session: AnswerSession | None, status: int = 410, release_error: str | None = None):
    """The session is not open (or unknown); a tablet locked to it can be released here with the PIN."""
    can_release = session is not None and lock.locked_session_id() == session.id
    return render_template("kiosk/closed.html", session=session, can_release=can_release,
                           release_error=release_error), status


def refused_page(status: int):
    """The unknown-code page, or the throttle's page (in the visitor's language: the session's would tell)."""
    if status != 429:
        return closed_page(None, status)
    minutes = current_app.config["JOIN_LOCK_SECONDS"] // 60
    message = _("Too many unknown join codes were tried from this network. Please wait %(minutes)d minutes, "
                "or ask the adult in charge.", minutes=minutes)
    page = render_template("errors/kiosk_error.html", title=_("Too many tries"), message=message)
    return page, 429, {"Retry-After": str(minutes * 60)}
