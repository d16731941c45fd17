"""The intake's side of a session: the light, briefly cached lookup a submission needs, and its window.

A submission is the hot path, so intake reads only these columns (``IntakeSession``) and decides from
them whether the session is open, late (a queued survey within the grace time) or closed.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from sqlalchemy import select

from ..core.cache import TimedCache
from ..core.clock import as_utc
from ..extensions import db
from ..questionnaires.models import QuestionnaireVersion
from .codes import normalise_join_code
from .models import AnswerSession, SessionStatus, split_bands


@dataclass(frozen=True)
class IntakeSession:
    """What intake needs of a session, read in one light query: a submission is the hot path."""

    id: int
    version_id: int
    version_hash: str
    allowed_bands: str
    status: str
    opens_at: datetime
    closes_at: datetime
    street_code: str
    community_code: str | None
    lock_generation: int
    lock_rotated_at: datetime | None

    @property
    def bands(self) -> list[str]:
        return split_bands(self.allowed_bands)


_INTAKE_SESSIONS = TimedCache("INTAKE_CACHE_SECONDS")


def find_for_intake(text: str | None) -> IntakeSession | None:
    """The session for a submission (possibly a few seconds old: the window has minutes of grace)."""
    code = normalise_join_code(text)
    if code is None:
        return None
    return _INTAKE_SESSIONS.get(code, lambda: _read_intake_session(code))


def _read_intake_session(code: str) -> IntakeSession | None:
    columns = [getattr(AnswerSession, f.name) for f in fields(IntakeSession) if f.name != "version_hash"]
    query = (select(*columns, QuestionnaireVersion.content_hash)
             .join(QuestionnaireVersion, QuestionnaireVersion.id == AnswerSession.version_id)
             .where(AnswerSession.join_code == code))
    row = db.session.execute(query).one_or_none()
    if row is None:
        return None
    values = dict(zip([c.key for c in columns], row[:-1], strict=True))
    return IntakeSession(version_hash=row[-1], **values)



#: How far a tablet's clock, corrected by the server's time at page load, may be trusted to be off.
CLOCK_SLACK = timedelta(minutes=2)


def intake_window(session: AnswerSession | IntakeSession, now: datetime, grace: timedelta,
                  started: datetime | None) -> str:
    """``open`` while children may take part; ``late`` for a survey a tablet queued: started before
    closing and sent within ``grace`` after it; otherwise ``closed`` (nothing new is taken in)."""
    if session.status == SessionStatus.DRAFT.value:
        return "closed"
    opens, closes = as_utc(session.opens_at), as_utc(session.closes_at)
    if session.status == SessionStatus.OPEN.value and opens <= now <= closes:
        return "open"
    if (started is not None and now <= closes + grace and opens - CLOCK_SLACK <= started <= closes + CLOCK_SLACK
            and now >= opens):
        return "late"
    return "closed"
