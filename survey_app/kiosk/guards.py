"""What every kiosk request checks: same-origin posts, the join-code throttle, the page language."""

from __future__ import annotations

import math
from datetime import timedelta
from urllib.parse import urlsplit

from flask import abort, current_app, g, request

from ..core import throttle
from ..fieldwork.models import AnswerSession
from ..models_base import utcnow
from . import lock

JOIN_BUCKET = "join"
PIN_BUCKET = "kiosk-pin"
DAY = 86400


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
    if session is not None and lock.locked_session_id() == session.id:
        return None
    if join_throttled():
        return 429
    if session is not None:
        return None
    record_join_failure()
    return 404


def _pin_key() -> str:
    """Wrong PINs count per tablet (its lock's random key), or per address before a tablet is locked."""
    tablet = lock.tablet_key()
    return f"tablet:{tablet}" if tablet else client_key()


def pin_wait_seconds(session: AnswerSession) -> int:
    """How long this tablet must wait before its next PIN is checked (0: now).

    A few wrong PINs are free; after that each waits twice as long as the one before, up to a
    ceiling. Every tablet of the session together gets a daily allowance, so guessing a six-digit
    PIN stays hopeless over a month-long session, while one child's taps never lock another tablet.
    """
    config, now = current_app.config, utcnow()
    throttle.serialise(PIN_BUCKET, f"session:{session.id}")  # parallel guesses take turns
    mine = throttle.failures(PIN_BUCKET, _pin_key(), DAY)
    wait = 0.0
    if mine.count >= config["KIOSK_PIN_FREE_FAILURES"] and mine.last:
        steps = mine.count - config["KIOSK_PIN_FREE_FAILURES"]
        delay = min(config["KIOSK_PIN_MAX_DELAY_SECONDS"],
                    config["KIOSK_PIN_FIRST_DELAY_SECONDS"] * 2 ** min(steps, 20))
        wait = (mine.last + timedelta(seconds=delay) - now).total_seconds()
    everyone = throttle.failures(PIN_BUCKET, f"session:{session.id}", DAY)
    if everyone.count >= config["KIOSK_PIN_SESSION_DAILY_FAILURES"] and everyone.first:
        wait = max(wait, (everyone.first + timedelta(seconds=DAY) - now).total_seconds())
    return max(0, math.ceil(wait))


def record_pin_failure(session: AnswerSession) -> None:
    throttle.record_failure(PIN_BUCKET, [_pin_key(), f"session:{session.id}"])


def forget_pin_failures() -> None:
    """A right PIN: this tablet starts afresh (the session's daily count stays)."""
    throttle.clear_failures(PIN_BUCKET, _pin_key())


def use_session_language(session: AnswerSession) -> None:
    g.page_locale = "en" if session.default_language == "en" else "zh_Hans"
