"""Discard a session's answers (a practice run, a class that took the wrong questionnaire), keeping every
running tally right: the session's own tallies go with its responses, and the area tallies lose exactly
what the session had added to them.

What a child wrote that reached the safeguarding lead is not an answer and stays in the lead's queue:
a child's safety is never discarded with a practice run.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import and_, bindparam, delete, select, text, update

from ..auth.models import User
from ..core.audit import record_event
from ..core.clock import as_utc
from ..extensions import db
from .models import (
    Answer,
    AnswerSession,
    AnswerTally,
    AreaTally,
    BreakdownTally,
    Response,
    SessionStatus,
    TextAnswer,
)
from .tallies import BREAKDOWN_COLUMNS, breakdowns_from_answers


class DiscardRefused(ValueError):
    """The answers cannot be discarded now; the message says why, for people."""


def can_discard(session: AnswerSession, now: datetime) -> bool:
    """Not while children are answering: the session is closed, never opened, or past its closing time."""
    return session.status != SessionStatus.OPEN.value or now > as_utc(session.closes_at)


def discard_session_responses(session: AnswerSession, *, actor: User, now: datetime) -> int:
    """Delete every response of the session with its answers and tallies; returns how many responses.

    A survey a tablet still had queued may arrive later, within the intake's grace: it is stored and
    counted as usual (nothing sent is lost), and can be discarded in turn.

    On PostgreSQL the tally tables are locked first, as ``flask tallies rebuild`` does: a submission
    being stored elsewhere meanwhile waits a moment, and none can be half counted by the subtraction.
    """
    if not can_discard(session, now):
        raise DiscardRefused(_("Close the session first: children may still be answering."))
    if db.session.connection().dialect.name == "postgresql":
        db.session.execute(text("LOCK TABLE answer_tallies, area_tallies, breakdown_tallies IN EXCLUSIVE MODE"))
    _subtract_breakdowns(session, breakdowns_from_answers(session.id))
    removed = db.session.execute(delete(AnswerTally).where(AnswerTally.session_id == session.id).returning(
        AnswerTally.band, AnswerTally.item_code, AnswerTally.value, AnswerTally.count, AnswerTally.key_sum)).all()
    _subtract_from_area(session, removed)
    responses = select(Response.id).where(Response.session_id == session.id)
    db.session.execute(delete(Answer).where(Answer.response_id.in_(responses)))
    db.session.execute(delete(TextAnswer).where(TextAnswer.response_id.in_(responses)))
    count = db.session.execute(delete(Response).where(Response.session_id == session.id)).rowcount
    session.arrived_after_close = 0
    record_event(actor, "discard_session_responses", f"session {session.id}", {"responses": count})
    return count


def _subtract_from_area(session: AnswerSession, removed) -> None:
    area = session.community_code or session.street_code
    table = AreaTally.__table__
    where = and_(table.c.version_id == session.version_id, table.c.area_code == area, table.c.band == bindparam("b"),
                 table.c.item_code == bindparam("i"), table.c.value == bindparam("v"))
    rows = [{"b": band, "i": item, "v": value, "n": count, "k": key}
            for band, item, value, count, key in removed if count]
    if rows:
        db.session.execute(update(table).where(where).values(
            count=table.c.count - bindparam("n"), key_sum=table.c.key_sum - bindparam("k")), rows)
    # a row left at zero is no count at all: remove it, so a place with no answers has no tallies
    db.session.execute(delete(AreaTally).where(AreaTally.version_id == session.version_id,
                                               AreaTally.area_code == area, AreaTally.count <= 0))


def _subtract_breakdowns(session: AnswerSession, counted: dict) -> None:
    """Breakdowns are kept per place only, so the session's share is counted from its answers first."""
    table = BreakdownTally.__table__
    where = and_(*(table.c[name] == bindparam(f"w_{name}") for name in BREAKDOWN_COLUMNS))
    rows = [{**{f"w_{name}": part for name, part in zip(BREAKDOWN_COLUMNS, key, strict=True)}, "n": n, "k": k}
            for key, (n, k) in counted.items()]
    if rows:
        db.session.execute(update(table).where(where).values(
            count=table.c.count - bindparam("n"), key_sum=table.c.key_sum - bindparam("k")), rows)
    area = session.community_code or session.street_code
    db.session.execute(delete(BreakdownTally).where(BreakdownTally.version_id == session.version_id,
                                                    BreakdownTally.area_code == area, BreakdownTally.count <= 0))
