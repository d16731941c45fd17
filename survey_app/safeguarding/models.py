"""Safeguarding: the concern lexicon and the queue only safeguarding leads can open."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..extensions import db
from ..models_base import utcnow


class ConcernStatus(enum.StrEnum):
    OPEN = "open"
    REVIEWED = "reviewed"
    REFERRED = "referred"


class ConcernLexicon(db.Model):
    """One saved version of the concern terms; the newest is in use, older ones are the history."""

    __tablename__ = "concern_lexicons"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    saved_by: Mapped[User | None] = relationship()


class SafeguardingConcern(db.Model):
    """What a child wrote that suggests they may be in danger: the ORIGINAL text, for the lead only.

    It keeps what the lead needs to act (session, place, date, question, the words) and nothing that
    ties it to one response: no response id, no time of day, and a random key, so neither the key
    nor the stored order follows the order of arrival (on SQLite the table has no hidden rowid).
    The research copy of the same text holds a placeholder, never these words. What remains is
    described in the README (Privacy): a session-day with one concern narrows it to one response,
    and on PostgreSQL a row shares its transaction id with the response until the daily housekeeping.
    """

    __tablename__ = "safeguarding_concerns"
    __table_args__ = (CheckConstraint("status IN ('open', 'reviewed', 'referred')", name="known_status"),
                      {"sqlite_with_rowid": False})

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    session_id: Mapped[int] = mapped_column(ForeignKey("answer_sessions.id"), index=True)
    street_code: Mapped[str] = mapped_column(String(9))
    community_code: Mapped[str | None] = mapped_column(String(12))
    submitted_on: Mapped[date] = mapped_column(Date)
    item_code: Mapped[str] = mapped_column(String(20))
    original_text: Mapped[str] = mapped_column(Text)
    matched_terms: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(10), default=ConcernStatus.OPEN.value, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_by: Mapped[User | None] = relationship()
