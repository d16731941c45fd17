"""The sign-in device cookie: "this browser signed in to these accounts before".

It lets the sign-in throttle tell the owner's browser from a stranger on the same network
(OWASP's "device cookies" against lock-out). It holds, signed, a random id per account id for at
most a few accounts, and nothing about the person; it works only on the sign-in page.
"""

from __future__ import annotations

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .throttling import known_for

COOKIE = "staff_device"
PATH = "/auth/"
MAX_ACCOUNTS = 5


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="sign-in-device")


def read_devices() -> dict[int, str]:
    """The device ids this browser holds, by account id (empty when the cookie is missing or bad)."""
    value = request.cookies.get(COOKIE)
    if not value or len(value) > 1000:
        return {}
    try:
        data = _serializer().loads(value, max_age=known_for().total_seconds())
    except BadSignature:
        return {}
    if not isinstance(data, dict):
        return {}
    return {int(k): v for k, v in data.items() if isinstance(k, str) and k.isdigit() and isinstance(v, str)}


def remember_device(response: Response, user_id: int, device_id: str) -> Response:
    """Add (or refresh) this account in the browser's device cookie."""
    devices = {k: v for k, v in read_devices().items() if k != user_id}
    kept = list(devices.items())[-(MAX_ACCOUNTS - 1):] + [(user_id, device_id)]
    value = _serializer().dumps({str(k): v for k, v in kept})
    response.set_cookie(COOKIE, value, max_age=int(known_for().total_seconds()), path=PATH, httponly=True,
                        samesite="Lax", secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
    return response
