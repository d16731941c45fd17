"""Shared infrastructure tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..models_base import utcnow


class ThrottleHit(db.Model):
    """One failed attempt (a login, a join code) kept only for the throttle window.

    The key is a keyed hash, so neither e-mail addresses nor client addresses are stored.
    """

    __tablename__ = "throttle_hits"
    __table_args__ = (Index("ix_throttle_hits_lookup", "bucket", "key_digest", "hit_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bucket: Mapped[str] = mapped_column(String(32))
    key_digest: Mapped[str] = mapped_column(String(64))
    hit_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
