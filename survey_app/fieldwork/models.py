"""Fieldwork sessions (run by facilitators) and the anonymous responses children send in them."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    Uuid,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..extensions import db
from ..models_base import TimestampMixin
from ..questionnaires.models import QuestionnaireVersion


class Setting(enum.StrEnum):
    SCHOOL = "school"
    COMMUNITY_CENTRE = "community_centre"
    OTHER = "other"


class SessionStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class AnswerSession(TimestampMixin, db.Model):
    """One sitting of a survey in one place (a class, a community centre afternoon)."""

    __tablename__ = "answer_sessions"
    __table_args__ = (
        CheckConstraint("closes_at > opens_at", name="closes_after_opening"),
        CheckConstraint("expected_count > 0", name="expects_children"),
        CheckConstraint("status IN ('draft', 'open', 'closed')", name="known_status"),
        CheckConstraint("status = 'draft' OR consent_method IS NOT NULL", name="consent_before_opening"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_versions.id"))
    title: Mapped[str] = mapped_column(String(120))
    #: Comma-separated band ids children may use; one id means the band is fixed.
    allowed_bands: Mapped[str] = mapped_column(String(64))
    district_code: Mapped[str] = mapped_column(String(6), index=True)
    street_code: Mapped[str] = mapped_column(String(9), index=True)
    community_code: Mapped[str | None] = mapped_column(String(12))
    setting: Mapped[str] = mapped_column(String(20))
    #: For the facilitator only: never shown to researchers, never in microdata.
    setting_name: Mapped[str] = mapped_column(String(120), default="")
    #: The school or setting as an entity (sites.Site); the public "3 schools" rule counts these.
    #: None only for sessions saved before sites existed without a name.
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)
    grade: Mapped[str | None] = mapped_column(String(20))
    #: A phone number or e-mail address guardians can use; printed on the guardian letter.
    contact: Mapped[str | None] = mapped_column(String(120))
    opens_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closes_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expected_count: Mapped[int]
    default_language: Mapped[str] = mapped_column(String(5), default="zh")
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    kiosk_pin_hash: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(10), default=SessionStatus.DRAFT.value)
    #: How guardians were informed and consent obtained (e.g. paper slips collected by the school).
    consent_method: Mapped[str | None] = mapped_column(Text)
    opted_out_count: Mapped[int | None]
    #: Tablet locks carry this number; a new PIN or closing the session moves it on, so a lock from
    #: before stops opening the survey (its queued surveys still go in, see kiosk/lock.py).
    lock_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    #: When the lock last moved on: surveys started before it may still arrive under the older lock.
    lock_rotated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Surveys that tablets had queued and that arrived after closing (a count only: no response is marked).
    arrived_after_close: Mapped[int] = mapped_column(default=0, server_default="0")
    facilitator: Mapped[User] = relationship()
    version: Mapped[QuestionnaireVersion] = relationship()

    @property
    def bands(self) -> list[str]:
        return split_bands(self.allowed_bands)

    @property
    def version_hash(self) -> str:
        return self.version.content_hash

    @property
    def place_code(self) -> str:
        return self.community_code or self.street_code


def split_bands(allowed: str) -> list[str]:
    return [band for band in allowed.split(",") if band]


class Response(db.Model):
    """One child's submitted answers. Anonymous by construction: no time of day, address, agent or device.

    The primary key is the random submission id the tablet made, so a retried submission can
    never create a second row. It is a UUID column: native ``uuid`` (16 bytes) on PostgreSQL and
    32 hex digits on SQLite, so no second spelling of one id can exist, and each of the tens of
    millions of answer rows that repeat it carries 16 bytes instead of a 37-byte string.
    """

    __tablename__ = "responses"
    __table_args__ = (Index("ix_responses_session_band", "session_id", "band"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("answer_sessions.id"))
    version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_versions.id"))
    band: Mapped[str] = mapped_column(String(8))
    submitted_on: Mapped[date] = mapped_column(Date)
    #: sha256 of the rows as stored after screening: a retry must give exactly the same rows.
    payload_digest: Mapped[str] = mapped_column(String(64))
    #: Typed in by a facilitator from a paper questionnaire (set by the intake's caller, never by a tablet).
    from_paper: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: A random key (1-255) drawn at intake, for cell-key perturbation of published counts
    #: (privacy.disclosure.perturbation); it says nothing about the child. 0 only for rows that
    #: predate it and were not backfilled.
    record_key: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    answers: Mapped[list[Answer]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    text_answers: Mapped[list[TextAnswer]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class Answer(db.Model):
    """One chosen value of one item: a choice code, an opt-out code or a number.

    Multiple choice gives one row per chosen code (with ``rank`` for ranking items), so counts
    per item and value are a plain GROUP BY. Free text is not here: it is screened first.
    """

    __tablename__ = "answers"

    response_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True)
    item_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(32), primary_key=True)
    rank: Mapped[int | None] = mapped_column(SmallInteger)


#: An answer value (32 characters at most) with room for a rank position before it ('_r10:').
TALLY_VALUE_LENGTH = 40


class AnswerTally(db.Model):
    """Running count per session × band × item × value, kept at intake so dashboards never scan answers."""

    __tablename__ = "answer_tallies"

    session_id: Mapped[int] = mapped_column(ForeignKey("answer_sessions.id"), primary_key=True)
    band: Mapped[str] = mapped_column(String(8), primary_key=True)
    item_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(TALLY_VALUE_LENGTH), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    #: The counted responses' record keys summed; modulo 256 it is the cell key. Additive over any roll-up,
    #: and a deleted response subtracts its key (at most 255 × the count, far inside an integer).
    key_sum: Mapped[int] = mapped_column(default=0, server_default="0")


class AreaTally(db.Model):
    """The same running counts summed per questionnaire version and finest place, kept at intake beside them.

    The place is the session's community, or its street when it has none. Results for the city, a
    district, a street or a community read these few rows instead of every session's; filters by setting
    or period still read ``answer_tallies``. ``flask tallies check`` proves the two agree.
    """

    __tablename__ = "area_tallies"

    version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_versions.id"), primary_key=True)
    area_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    band: Mapped[str] = mapped_column(String(8), primary_key=True)
    item_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(TALLY_VALUE_LENGTH), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    key_sum: Mapped[int] = mapped_column(default=0, server_default="0")


class BreakdownTally(db.Model):
    """Counts of one background answer crossed with every indicator answer of the same responses, per
    version, finest place and band: "girls who agreed with S01". Kept at intake beside the area tallies,
    so a breakdown by gender (or any background item with a list of answers) reads these rows, not the
    answers. Only per place: a breakdown narrowed by setting or period is not offered.
    """

    __tablename__ = "breakdown_tallies"

    version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_versions.id"), primary_key=True)
    area_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    band: Mapped[str] = mapped_column(String(8), primary_key=True)
    by_item: Mapped[str] = mapped_column(String(20), primary_key=True)
    by_value: Mapped[str] = mapped_column(String(32), primary_key=True)
    item_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(TALLY_VALUE_LENGTH), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    key_sum: Mapped[int] = mapped_column(default=0, server_default="0")


class TextAnswer(db.Model):
    """A free-text answer as kept for research: screened, with identifiers replaced by placeholders."""

    __tablename__ = "text_answers"

    response_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True)
    item_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    redacted: Mapped[str] = mapped_column(Text)
    #: Comma-separated kinds of identifier that were replaced (e.g. "mobile,name").
    detected: Mapped[str] = mapped_column(String(200), default="")
