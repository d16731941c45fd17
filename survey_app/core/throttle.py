"""Count failed attempts in the database, so every app server sees the same counts."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from ..extensions import db
from ..models_base import utcnow
from .models import ThrottleHit

#: Rows older than this are deleted whenever a new failure is recorded.
KEEP_FOR = timedelta(days=1)


def _digest(key: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, key.encode(), hashlib.sha256).hexdigest()


def count_failures(bucket: str, key: str, window_seconds: int) -> int:
    """Return how many failures ``key`` had in ``bucket`` during the window."""
    since = utcnow() - timedelta(seconds=window_seconds)
    query = select(func.count()).where(
        ThrottleHit.bucket == bucket, ThrottleHit.key_digest == _digest(key), ThrottleHit.hit_at >= since
    )
    return db.session.scalar(query) or 0


def is_throttled(bucket: str, keys: list[str], limit: int, window_seconds: int) -> bool:
    """Say whether any of ``keys`` reached ``limit`` failures within the window."""
    return any(count_failures(bucket, key, window_seconds) >= limit for key in keys)


def record_failure(bucket: str, keys: list[str]) -> None:
    """Remember one failure for each key and drop rows past their usefulness."""
    db.session.execute(delete(ThrottleHit).where(ThrottleHit.hit_at < utcnow() - KEEP_FOR))
    for key in keys:
        db.session.add(ThrottleHit(bucket=bucket, key_digest=_digest(key)))


def clear_failures(bucket: str, key: str) -> None:
    """Forget the failures of one key (after a successful login)."""
    db.session.execute(
        delete(ThrottleHit).where(ThrottleHit.bucket == bucket, ThrottleHit.key_digest == _digest(key))
    )
