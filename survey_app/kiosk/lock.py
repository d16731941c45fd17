"""The tablet lock: a signed cookie that ties a tablet to one session until a facilitator's PIN releases it.

The cookie names the session, the session's lock generation and a random tablet key. The
generation moves on when the facilitator sets a new PIN and when the session closes, so a lock
from before stops opening the survey; surveys a tablet queued under the older lock still go in
for the grace period, if they were started before the lock moved on. The cookie stops working
once the session's closing time plus the grace has passed. The tablet key exists only so that
wrong PINs are throttled per tablet (one child cannot lock every tablet out); it is hashed into
the throttle table and never stored with answers or logged.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

from ..core.clock import as_utc
from ..models_base import utcnow

COOKIE = "kiosk"
PATH = "/k/"
#: A tablet locked just before closing keeps its cookie at least this long (to send and to be released).
SHORTEST_LOCK = timedelta(hours=1)


class LockedSession(Protocol):
    id: int
    closes_at: datetime
    lock_generation: int
    lock_rotated_at: datetime | None


@dataclass(frozen=True)
class TabletLock:
    session_id: int
    generation: int
    tablet: str


def _serializer() -> URLSafeSerializer:
    # v2: the lock gained a generation and a tablet key; a v1 cookie is simply not a lock any more.
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="kiosk-lock-v2")


def grace() -> timedelta:
    return timedelta(minutes=current_app.config["SUBMISSION_GRACE_MINUTES"])


def read_lock() -> TabletLock | None:
    """The lock this tablet carries, if it is one this app signed."""
    value = request.cookies.get(COOKIE)
    if not value or len(value) > 300:
        return None
    try:
        data = _serializer().loads(value)
    except BadSignature:
        return None
    if not isinstance(data, list) or len(data) != 3:
        return None
    session_id, generation, tablet = data
    if not (isinstance(session_id, int) and isinstance(generation, int) and isinstance(tablet, str)):
        return None
    return TabletLock(session_id, generation, tablet[:32])


def locked_session_id() -> int | None:
    """The session this tablet is locked to, if any (whatever the lock's generation)."""
    found = read_lock()
    return found.session_id if found else None


def is_expired(session: LockedSession, now: datetime | None = None) -> bool:
    """Past closing time plus the grace: no lock of this session works any more."""
    return (now or utcnow()) > as_utc(session.closes_at) + grace()


def is_locked_to(session: LockedSession) -> bool:
    """This tablet holds the session's current lock: it may open the survey and start children."""
    found = read_lock()
    return bool(found and found.session_id == session.id and found.generation == session.lock_generation
                and not is_expired(session))


def may_submit_to(session: LockedSession, started: datetime | None, now: datetime | None = None) -> bool:
    """A finished survey from this tablet may be taken in: the current lock, or the one before it
    for a survey started before the lock moved on and sent within the grace of that moment."""
    found = read_lock()
    if not found or found.session_id != session.id or is_expired(session, now):
        return False
    if found.generation == session.lock_generation:
        return True
    rotated = as_utc(session.lock_rotated_at) if session.lock_rotated_at else None
    return (found.generation == session.lock_generation - 1 and rotated is not None and started is not None
            and started <= rotated and (now or utcnow()) <= rotated + grace())


def tablet_key() -> str | None:
    """This tablet's random key (for the PIN throttle only), if it is locked."""
    found = read_lock()
    return found.tablet if found else None


def lock(response: Response, session: LockedSession) -> Response:
    """Lock this tablet to the session's current generation until closing time plus the grace."""
    tablet = tablet_key() or secrets.token_urlsafe(12)
    lasts = max(as_utc(session.closes_at) + grace() - utcnow(), SHORTEST_LOCK)
    response.set_cookie(COOKIE, _serializer().dumps([session.id, session.lock_generation, tablet]),
                        max_age=int(lasts.total_seconds()), path=PATH, httponly=True, samesite="Strict",
                        secure=request.is_secure)
    return response


def release(response: Response) -> Response:
    response.delete_cookie(COOKIE, path=PATH, httponly=True, samesite="Strict")
    return response
