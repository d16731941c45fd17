"""The safeguarding queue and lexicon: record concerns at intake, review them, purge closed ones."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Protocol

from flask_babel import gettext as _
from sqlalchemy import bindparam, case, delete, select, update

from ..auth.models import User
from ..core.audit import record_event
from ..core.cache import TimedCache
from ..extensions import db
from ..models_base import utcnow
from ..privacy.screening import ScreeningRefused, load_default_terms, screen_text
from ..privacy.screening.lexicon import concern_matcher, parse_terms
from .models import ConcernLexicon, ConcernStatus, SafeguardingConcern

MAX_LEXICON_CHARS = 100_000
#: What the research copy of a text that raised a concern holds instead of the child's words
#: (English: "[passed to the safeguarding lead]"), and all its ``detected`` column says.
RESEARCH_PLACEHOLDER = "〔已转交保护负责人〕"
RESEARCH_KIND = "safeguarding"


class SessionPlace(Protocol):
    """What the queue keeps of the session a concern came from (a fieldwork session or its light intake copy)."""

    @property
    def id(self) -> int: ...
    @property
    def street_code(self) -> str: ...
    @property
    def community_code(self) -> str | None: ...


class SafeguardingError(Exception):
    """A request about the queue or the lexicon that cannot be carried out; the message is for people."""


def current_lexicon() -> ConcernLexicon | None:
    return db.session.scalar(select(ConcernLexicon).order_by(ConcernLexicon.id.desc()).limit(1))


def lexicon_text() -> str:
    """The lexicon in use as editable text (the shipped default until a lead saves one)."""
    saved = current_lexicon()
    return saved.text if saved else "\n".join(load_default_terms())


#: Parsed term lists by lexicon id: a saved lexicon never changes (edits add a new one).
_PARSED_TERMS: dict[int, list[str]] = {}


_NEWEST_LEXICON = TimedCache("INTAKE_CACHE_SECONDS", maxsize=1)


def active_concern_terms() -> list[str]:
    """The terms in use: the newest saved lexicon (parsed once per process), else the shipped default."""
    newest = _NEWEST_LEXICON.get("newest", lambda: db.session.scalar(
        select(ConcernLexicon.id).order_by(ConcernLexicon.id.desc()).limit(1)))
    if newest is None:
        return list(load_default_terms())
    if newest not in _PARSED_TERMS:
        _PARSED_TERMS[newest] = parse_terms(db.session.get(ConcernLexicon, newest).text.splitlines())
    return _PARSED_TERMS[newest]


def save_lexicon(text: str, *, actor: User) -> ConcernLexicon:
    """Save a new version of the lexicon after checking every term compiles."""
    if len(text) > MAX_LEXICON_CHARS:
        raise SafeguardingError(_("The list is too long."))
    terms = parse_terms(text.splitlines())
    if not [t for t in terms if not t.startswith("!")]:
        raise SafeguardingError(_("The list needs at least one term."))
    try:
        concern_matcher(tuple(terms))
    except Exception as error:  # noqa: BLE001 - any term that cannot be compiled is the lead's to fix
        raise SafeguardingError(_("A term could not be read: %(error)s", error=str(error)[:200])) from error
    lexicon = ConcernLexicon(text=text.replace("\r\n", "\n"), saved_by=actor)
    db.session.add(lexicon)
    record_event(actor, "save_lexicon")
    return lexicon


def try_lexicon(text: str, sample: str) -> tuple[str, ...]:
    """The terms of ``text`` that ``sample`` hits (for the lead's test box)."""
    try:
        return screen_text(sample[:2000], parse_terms(text.splitlines())).concern_terms
    except ScreeningRefused:
        return ()


def record_concern(session: SessionPlace, item_code: str, original: str, terms: tuple[str, ...],
                   submitted_on: date) -> SafeguardingConcern:
    """Put the original text in the safeguarding queue (called at intake, in the response's transaction).

    The same transaction, so a concern is stored exactly when the response is: never lost, never twice.
    The research copy must then hold ``RESEARCH_PLACEHOLDER``.
    """
    concern = SafeguardingConcern(
        session_id=session.id, street_code=session.street_code, community_code=session.community_code,
        submitted_on=submitted_on, item_code=item_code, original_text=original,
        matched_terms=", ".join(terms)[:500])
    db.session.add(concern)
    return concern


def open_queue(*, actor: User) -> list[SafeguardingConcern]:
    """The queue, open items first; every opening is audited."""
    record_event(actor, "open_safeguarding_queue")
    open_first = case((SafeguardingConcern.status == ConcernStatus.OPEN.value, 0), else_=1)
    query = select(SafeguardingConcern).order_by(open_first, SafeguardingConcern.submitted_on.desc(),
                                                 SafeguardingConcern.id.desc())
    return list(db.session.scalars(query))


def open_concern(concern: SafeguardingConcern, *, actor: User) -> SafeguardingConcern:
    record_event(actor, "open_safeguarding_concern", f"concern {concern.id}")
    return concern


def review_concern(concern: SafeguardingConcern, status: str, note: str, *, actor: User) -> SafeguardingConcern:
    """Mark an item reviewed or referred, with a note."""
    if status not in (ConcernStatus.REVIEWED.value, ConcernStatus.REFERRED.value):
        raise SafeguardingError(_("Choose reviewed or referred."))
    concern.status, concern.note = status, note.strip()[:5000]
    concern.reviewed_by, concern.closed_at = actor, utcnow()
    record_event(actor, f"mark_concern_{status}", f"concern {concern.id}")
    return concern


def purge_closed_concerns(retention_days: int, now: datetime | None = None) -> int:
    """Delete reviewed or referred items closed more than ``retention_days`` ago; return how many."""
    cutoff = (now or utcnow()) - timedelta(days=retention_days)
    result = db.session.execute(delete(SafeguardingConcern).where(
        SafeguardingConcern.status != ConcernStatus.OPEN.value, SafeguardingConcern.closed_at < cutoff))
    record_event(None, "purge_safeguarding", f"{result.rowcount} items")
    return result.rowcount


def rewrite_concern_rows() -> int:
    """Rewrite every item once, in a random order; return how many.

    An item is written in the same transaction as the child's response (so it cannot be lost), which
    on PostgreSQL leaves both rows with one transaction id (xmin) and in arrival order in the table.
    Rewriting gives every item the same new transaction id and a shuffled place. An UPDATE, not a
    delete and insert, so a lead saving a review at the same moment keeps their change.
    """
    ids = list(db.session.scalars(select(SafeguardingConcern.id)))
    random.SystemRandom().shuffle(ids)
    if ids:
        table = SafeguardingConcern.__table__
        statement = update(table).where(table.c.id == bindparam("item")).values(note=table.c.note)
        db.session.connection().execute(statement, [{"item": item} for item in ids])
    return len(ids)


def lexicon_history(limit: int = 20) -> list[ConcernLexicon]:
    return list(db.session.scalars(select(ConcernLexicon).order_by(ConcernLexicon.id.desc()).limit(limit)))
