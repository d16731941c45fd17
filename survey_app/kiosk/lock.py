"""The tablet lock: a cookie that ties a tablet to one session until a facilitator's PIN releases it.

The cookie holds only the signed session id, so every tablet of a session carries the same
value: it identifies a session, never a device or a child.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

from ..fieldwork.models import AnswerSession

COOKIE = "kiosk"
PATH = "/k/"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="kiosk-lock")


def locked_session_id() -> int | None:
    """The session this tablet is locked to, if any."""
    value = request.cookies.get(COOKIE)
    if not value or len(value) > 200:
        return None
    try:
        session_id = _serializer().loads(value)
    except BadSignature:
        return None
    return session_id if isinstance(session_id, int) else None


def is_locked_to(session: AnswerSession) -> bool:
    return locked_session_id() == session.id


def lock(response: Response, session: AnswerSession) -> Response:
    response.set_cookie(COOKIE, _serializer().dumps(session.id), max_age=int(timedelta(days=2).total_seconds()),
                        path=PATH, httponly=True, samesite="Strict", secure=request.is_secure)
    return response


def release(response: Response) -> Response:
    response.delete_cookie(COOKIE, path=PATH, httponly=True, samesite="Strict")
    return response
