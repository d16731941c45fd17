"""Shared infrastructure tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..models_base import utcnow


class ThrottleHit(db.Model):
    """One failed attempt (a sign-in, a join code) kept only for the throttle window.

    Sign-in also notes here which (account, client address) pairs signed in lately. Keys are keyed
    hashes, so neither e-mail addresses nor client addresses are stored.
    """

    __tablename__ = "throttle_hits"
    __table_args__ = (Index("ix_throttle_hits_lookup", "bucket", "key_digest", "hit_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bucket: Mapped[str] = mapped_column(String(32))
    key_digest: Mapped[str] = mapped_column(String(64))
    #: What the failure was about, also a keyed hash: lets a client's failures be counted by account.
    subject_digest: Mapped[str | None] = mapped_column(String(64))
    hit_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEvent(db.Model):
    """Who opened or changed something sensitive, and when (staff and command-line actions only)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: None: the command line (or an account since deleted; ``detail`` says ``via`` for the first).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    #: What was acted on, e.g. "concern 12" or the e-mail address of the account changed.
    target: Mapped[str] = mapped_column(String(254), default="")
    #: What exactly changed, e.g. {"added": ["safeguarding"], "removed": []}.
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
