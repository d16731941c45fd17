"""Paper questionnaires: what a band's printed form shows, and storing a typed-in form through the intake.

A paper form becomes a response like any tablet's: the same payload, the same intake (screening,
exactly once by submission id, tallies, safeguarding), marked ``from_paper`` and nothing more. Who
typed it in is an audit event of the session, never a column of the response.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from ..auth.models import User
from ..core.audit import record_event
from ..core.clock import as_utc
from ..extensions import db
from ..fieldwork import intake
from ..fieldwork.models import AnswerSession, Response
from ..places.models import Place
from ..places.services import children_of
from ..questionnaires.schema import Band, BandItem, Instrument
from ..questionnaires.services import get_definition
from .rules import describe_rule

#: The audit action for one paper form typed in (target: the session), counted per session and user.
ENTERED = "enter_paper_form"
#: A place list longer than this prints as a line to write on, not as tick boxes.
MOST_PRINTED_PLACES = 40


class NotThisSession(LookupError):
    """The band is not one of the session's."""


@dataclass(frozen=True)
class PaperItem:
    """One item as printed and typed in: its number on the form (None for practice items and notes)."""

    number: int | None
    item: BandItem
    rule: str | None  # the relevance rule in words, or None when every child answers it

    @property
    def entered(self) -> bool:
        return self.item.stores_answer


@dataclass(frozen=True)
class PaperForm:
    definition: Instrument
    band: Band
    items: list[PaperItem]


def paper_form(session: AnswerSession, band_id: str, lang: str) -> PaperForm:
    """The band's items in the tablet's order, numbered, with relevance rules in words; NotThisSession if not a band."""
    definition = get_definition(session.version)
    band = definition.band(band_id)
    if band is None or band_id not in session.bands:
        raise NotThisSession(band_id)
    numbered, number = [], 0
    for item in definition.items_for(band_id):
        number += item.stores_answer
        numbered.append((number if item.stores_answer else None, item))
    by_code = {item.code: (n, item) for n, item in numbered if n is not None}
    items = [PaperItem(n, item, describe_rule(item.relevant, by_code, lang) if item.relevant else None)
             for n, item in numbered]
    return PaperForm(definition, band, items)


def place_options(level: str | None) -> list[Place]:
    """The places a place item offers (the tablet's list)."""
    return children_of(None, level or "street")


def new_submission_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class PaperEntry:
    created: bool  # False: this form (its submission id) was already stored
    concern: bool  # something written may mean the child needs help: the facilitator tells the lead


def enter_paper_form(session: AnswerSession, payload: dict[str, Any], *, actor: User, now: datetime, today: date,
                     grace: timedelta, concern_terms: intake.TermSource = None) -> PaperEntry:
    """Store one typed-in paper form through the intake, once; raises intake.SubmissionRefused.

    The child answered during the session, so the window is judged as for a survey started when the
    session opened: a form typed in after closing is still taken within the grace.
    """
    payload = {**payload, "started": as_utc(session.opens_at).isoformat()}
    existing = intake.resolve_duplicate(session, payload, concern_terms)
    if existing is not None:
        return PaperEntry(False, False)
    result = intake.submit_response(session, payload, now=now, today=today, grace=grace,
                                    concern_terms=concern_terms, from_paper=True)
    if result.created:
        record_event(actor, ENTERED, f"session {session.id}")
    return PaperEntry(result.created, result.concern)


def resolve_repeat(session: AnswerSession, payload: dict[str, Any],
                   concern_terms: intake.TermSource = None) -> PaperEntry | None:
    """After a duplicate-id conflict (the same form sent twice at once): the stored one, or None if none."""
    result = intake.resolve_duplicate(session, payload, concern_terms)
    return None if result is None else PaperEntry(False, False)


def count_from_paper(session: AnswerSession) -> int:
    """How many of the session's responses were typed in from paper (one count query)."""
    query = select(func.count()).where(Response.session_id == session.id, Response.from_paper.is_(True))
    return db.session.scalar(query) or 0
