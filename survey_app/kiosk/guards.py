"""What every kiosk request checks: same-origin posts, the join-code throttle, the page language."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, current_app, g, request

from ..core import throttle
from ..fieldwork.models import AnswerSession
from . import lock

JOIN_BUCKET = "join"
PIN_BUCKET = "kiosk-pin"


def require_same_origin() -> None:
    """Refuse cross-site posts (the kiosk sets no session cookie, so no CSRF token either)."""
    if request.method != "POST":
        return
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source or source == "null":
        abort(403)
    parts = urlsplit(source)
    if f"{parts.scheme}://{parts.netloc}" != request.host_url.rstrip("/"):
        abort(403)


def client_key() -> str:
    """Only ever hashed into the throttle table; never logged, never stored with answers."""
    return f"client:{request.remote_addr or ''}"


def join_throttled() -> bool:
    config = current_app.config
    return throttle.is_throttled(JOIN_BUCKET, [client_key()], config["JOIN_MAX_FAILURES"], config["JOIN_LOCK_SECONDS"])


def record_join_failure() -> None:
    throttle.record_failure(JOIN_BUCKET, [client_key()])


def refuse_code_lookup(session: object | None) -> int | None:
    """Say which status (404, 429) to answer instead of serving a code, counting unknown codes as failures.

    Only unknown codes count, so a classroom behind one address can submit to its own session all
    day. Once the address is throttled every code is refused, known or not, or the answer would
    still tell which codes exist; a tablet locked to the session (its signed cookie proves it
    knows the code) keeps working, so one mistyping tablet cannot stop the others on the network.
    """
    if session is not None and lock.is_locked_to(session):
        return None
    if join_throttled():
        return 429
    if session is not None:
        return None
    record_join_failure()
    return 404


def pin_throttled(session: AnswerSession) -> bool:
    config = current_app.config
    return throttle.is_throttled(PIN_BUCKET, [f"session:{session.id}"], config["JOIN_MAX_FAILURES"],
                                 config["JOIN_LOCK_SECONDS"])


def record_pin_failure(session: AnswerSession) -> None:
    throttle.record_failure(PIN_BUCKET, [f"session:{session.id}"])


def use_session_language(session: AnswerSession) -> None:
    g.page_locale = "en" if session.default_language == "en" else "zh_Hans"
