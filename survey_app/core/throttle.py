"""Count failed attempts in the database, so every app server sees the same counts.

Keys (an e-mail address, a client address) are stored only as keyed hashes.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, select, text

from ..extensions import db
from ..models_base import utcnow
from .clock import as_utc
from .models import ThrottleHit

#: Failures older than this are deleted whenever a new one is recorded in the same bucket.
KEEP_FOR = timedelta(days=1)


@dataclass(frozen=True)
class Failures:
    """How many failures a key had in a window, and when the first and the last of them were."""

    count: int
    first: datetime | None
    last: datetime | None


def _digest(key: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, key.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def _recent(bucket: str, key: str, window_seconds: float):
    since = utcnow() - timedelta(seconds=window_seconds)
    return (ThrottleHit.bucket == bucket, ThrottleHit.key_digest == _digest(key), ThrottleHit.hit_at >= since)


def failures(bucket: str, key: str, window_seconds: float) -> Failures:
    """Return the failures ``key`` had in ``bucket`` during the window."""
    query = select(func.count(), func.min(ThrottleHit.hit_at), func.max(ThrottleHit.hit_at)).where(
        *_recent(bucket, key, window_seconds))
    count, first, last = db.session.execute(query).one()
    return Failures(count or 0, as_utc(first) if first else None, as_utc(last) if last else None)


def count_failures(bucket: str, key: str, window_seconds: float) -> int:
    """Return how many failures ``key`` had in ``bucket`` during the window."""
    return failures(bucket, key, window_seconds).count


def count_subjects(bucket: str, key: str, window_seconds: float) -> int:
    """Return how many different subjects ``key`` failed on during the window (e.g. accounts per client)."""
    query = select(func.count(func.distinct(ThrottleHit.subject_digest))).where(
        *_recent(bucket, key, window_seconds))
    return db.session.scalar(query) or 0


def is_throttled(bucket: str, keys: list[str], limit: int, window_seconds: float) -> bool:
    """Say whether any of ``keys`` reached ``limit`` failures within the window."""
    return any(count_failures(bucket, key, window_seconds) >= limit for key in keys)


def record_failure(bucket: str, keys: list[str], *, subject: str | None = None) -> None:
    """Remember one failure for each key (about ``subject``, if given) and drop rows past their usefulness."""
    db.session.execute(delete(ThrottleHit).where(ThrottleHit.bucket == bucket,
                                                 ThrottleHit.hit_at < utcnow() - KEEP_FOR))
    subject_digest = _digest(subject) if subject is not None else None
    for key in keys:
        db.session.add(ThrottleHit(bucket=bucket, key_digest=_digest(key), subject_digest=subject_digest,
                                   hit_at=utcnow()))


def clear_failures(bucket: str, key: str, *, subject: str | None = None) -> None:
    """Forget the failures of one key (only those about ``subject``, if given), e.g. after a good sign-in."""
    query = delete(ThrottleHit).where(ThrottleHit.bucket == bucket, ThrottleHit.key_digest == _digest(key))
    if subject is not None:
        query = query.where(ThrottleHit.subject_digest == _digest(subject))
    db.session.execute(query)


def remember(bucket: str, key: str, keep_for: timedelta) -> None:
    """Note that ``key`` happened now (one row per key), forgetting the bucket's notes older than ``keep_for``."""
    db.session.execute(delete(ThrottleHit).where(
        ThrottleHit.bucket == bucket,
        (ThrottleHit.key_digest == _digest(key)) | (ThrottleHit.hit_at < utcnow() - keep_for)))
    db.session.add(ThrottleHit(bucket=bucket, key_digest=_digest(key), hit_at=utcnow()))


def is_remembered(bucket: str, key: str, keep_for: timedelta) -> bool:
    """Say whether ``remember(bucket, key)`` happened within ``keep_for``."""
    return count_failures(bucket, key, keep_for.total_seconds()) > 0


def serialise(bucket: str, key: str) -> None:
    """Make concurrent attempts on one key take turns until this transaction ends.

    Without it, parallel requests all read the same count before any of them records its failure.
    PostgreSQL takes a transaction-level advisory lock on the key; SQLite has one lock for the whole
    database, taken here by writing first (the bucket's purge), so other writers wait for the commit.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        lock_id = int.from_bytes(bytes.fromhex(_digest(f"{bucket}:{key}")[:16]), "big", signed=True)
        db.session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": lock_id})
    else:
        db.session.execute(delete(ThrottleHit).where(ThrottleHit.bucket == bucket,
                                                     ThrottleHit.hit_at < utcnow() - KEEP_FOR))
