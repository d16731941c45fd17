"""Take in one child's finished survey: exactly once, anonymous, screened, counted.

What is stored: the session, the questionnaire version, the band, the tablet's random
submission id, the answers and the date. No time of day, address, agent, cookie or device.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import insert, update

from ..extensions import db
from ..places.services import place_exists
from ..privacy.screening import ScreeningRefused, ScreeningResult, screen_text
from ..questionnaires.answers import AnswersInvalid, asked_with_rule, clean_answers
from ..questionnaires.services import definition_for
from ..questionnaires.vocabulary import OPTOUT_CODES
from ..safeguarding.services import RESEARCH_KIND, RESEARCH_PLACEHOLDER, record_concern
from .breakdowns import breakdowns_of, crossed_tallies
from .codes import is_submission_id
from .intake_sessions import IntakeSession, intake_window
from .models import Answer, AnswerSession, Response, TextAnswer

SUBMISSION_KEYS = {"submission_id", "band", "answers", "started"}
#: The no-JavaScript pages pass the full session; the JSON endpoint a light one read for intake.
SessionLike = AnswerSession | IntakeSession
#: The concern terms, or a function that returns them (called only when there is text to screen).
TermSource = Sequence[str] | Callable[[], Sequence[str]] | None


class SubmissionRefused(Exception):
    """The submission cannot be stored; ``status`` is the HTTP status that says why."""

    def __init__(self, status: int, message: str, errors: dict[str, str] | None = None):
        self.status, self.message, self.errors = status, message, errors or {}
        super().__init__(message)


@dataclass(frozen=True)
class IntakeResult:
    response_id: str
    created: bool
    concern: bool  # something written suggests the child may need help


@dataclass
class StoredRows:
    """What one submission becomes in the database, after screening (nothing here is the raw text)."""

    answers: list[tuple[str, str, int | None]] = field(default_factory=list)  # item, value, rank
    texts: list[tuple[str, str, str]] = field(default_factory=list)           # item, redacted, detected
    tallies: list[tuple[str, str]] = field(default_factory=list)              # item, value counted
    concerns: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)  # item, words, terms: lead only
    breakdowns: list[tuple[str, str]] = field(default_factory=list)  # background item, its answer
    crossed: list[tuple[str, str]] = field(default_factory=list)     # the tallies counted against each of them


#: Items whose answer is several codes: a share choosing an option needs the number who answered at all,
#: which the per-option counts cannot give, so intake counts it as this pseudo-value.
ANSWERED = "_answered"
ANSWERED_ROLLUP_TYPES = ("multiple", "rank")
#: One count per response, kept with the tallies, so results know their respondents without scanning
#: the responses table: (RESPONSES, COUNTED) per session and band.
RESPONSES, COUNTED = "_responses", "_n"
#: A ranked option is counted again at its position ('_r1:park' is "park ranked first"), so results give
#: the share ranking each option first and its mean points without reading the answers.
RANKED_PREFIX = "_r"
#: An item shown only to some children (it has a relevance rule) is counted as asked for each child it was
#: shown to, so its results say how many were asked as well as how many answered. An item without a rule
#: is asked of every response of its band, which '_responses' counts already.
ASKED = "_asked"


def ranked_value(position: int, code: str) -> str:
    return f"{RANKED_PREFIX}{position}:{code}"


def digest_of(session_id: int, band: str, rows: StoredRows) -> str:
    """Fingerprint of what is stored, so "same id, other content" is caught on a retry.

    It covers the screened rows only, never the words screening removed: anyone who can read it can
    already read those rows, so it gives nothing back (an unsalted hash of the raw answers let a
    redacted phone or ID number be found by brute force in seconds).
    """
    canonical = json.dumps([session_id, band, rows.answers, rows.texts], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _checked_shape(payload: Any) -> tuple[uuid.UUID, str, Any]:
    if not isinstance(payload, dict) or set(payload) - SUBMISSION_KEYS or "submission_id" not in payload:
        raise SubmissionRefused(400, _("The submission is not in the expected form."))
    if not is_submission_id(payload["submission_id"]):
        raise SubmissionRefused(400, _("The submission id is not valid."))
    if not isinstance(payload.get("band"), str):
        raise SubmissionRefused(400, _("The age band is missing."))
    return uuid.UUID(payload["submission_id"]), payload["band"], payload.get("answers", {})


def submit_response(session: SessionLike, payload: Any, *, now: datetime, today: date, grace: timedelta,
                    concern_terms: TermSource = None, from_paper: bool = False) -> IntakeResult:
    """Store a submission once; a retry with the same content succeeds without a second row.

    ``from_paper`` marks a form a facilitator typed in from paper; it is never read from the payload,
    so a tablet cannot set it.

    A new id goes straight to INSERT (no lookup first): a duplicate id raises IntegrityError,
    which the caller resolves with ``resolve_duplicate`` after rolling back.
    """
    submission_id, band, raw_answers = _checked_shape(payload)
    window = intake_window(session, now, grace, started_of(payload))
    if window == "closed":
        # A late retry of something already stored still succeeds; nothing new is accepted.
        result = resolve_duplicate(session, payload, concern_terms)
        if result is None:
            raise SubmissionRefused(410, _("This session is closed, so answers can no longer be sent."))
        return result
    rows = stored_rows(session, band, _clean(session, band, raw_answers), concern_terms)
    result = _store(session, submission_id, band, rows, today, from_paper)
    if window == "late":  # counted on the session only: no response says it came late
        db.session.execute(update(AnswerSession).where(AnswerSession.id == session.id)
                           .values(arrived_after_close=AnswerSession.arrived_after_close + 1))
    return result


def is_stored(submission_id: str) -> bool:
    """Whether a survey with this (canonical) id is already stored."""
    return is_submission_id(submission_id) and db.session.get(Response, uuid.UUID(submission_id)) is not None


def started_of(payload: Any) -> datetime | None:
    """When the child started, by the server's clock as the tablet kept it (used for the window, never stored).

    Raises SubmissionRefused (400) when it is there but not a date and time.
    """
    value = payload.get("started") if isinstance(payload, dict) else None
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise SubmissionRefused(400, _("The submission is not in the expected form."))
    try:
        started = datetime.fromisoformat(value)
        return started.replace(tzinfo=UTC) if started.tzinfo is None else started.astimezone(UTC)
    except (ValueError, OverflowError):  # not a date, or one that leaves the calendar in UTC
        raise SubmissionRefused(400, _("The submission is not in the expected form.")) from None


def _clean(session: SessionLike, band: str, raw_answers: Any) -> dict[str, Any]:
    if band not in session.bands:
        raise SubmissionRefused(422, _("This age band is not part of this session."))
    try:
        return clean_answers(definition_for(session.version_id, session.version_hash), band, raw_answers, place_exists)
    except AnswersInvalid as error:
        raise SubmissionRefused(422, _("Some answers could not be accepted."), error.errors) from error


def resolve_duplicate(session: SessionLike, payload: Any, concern_terms: TermSource = None) -> IntakeResult | None:
    """This id is already stored: succeed if the content matches, refuse (409) if not; None if not stored."""
    submission_id, band, raw_answers = _checked_shape(payload)
    existing = db.session.get(Response, submission_id)
    if existing is None:
        return None
    rows = stored_rows(session, band, _clean(session, band, raw_answers), concern_terms)
    same = _same(existing, session, digest_of(session.id, band, rows))
    return IntakeResult(str(existing.id), False, False) if same else _conflict()


def _same(existing: Response, session: SessionLike, digest: str) -> bool:
    return existing.session_id == session.id and existing.payload_digest == digest


def _conflict() -> IntakeResult:
    raise SubmissionRefused(409, _("A different submission was already sent with this id."))


def stored_rows(session: SessionLike, band: str, answers: dict[str, Any], concern_terms: TermSource) -> StoredRows:
    """Screen the text answers and lay out every row; a text that raised a concern keeps only a placeholder."""
    definition = definition_for(session.version_id, session.version_hash)
    types = {item.code: item.type for item in definition.items}
    rows, terms = StoredRows(), None
    for code, answer in answers.items():
        if types[code] == "text" and answer not in OPTOUT_CODES:
            terms = _terms(concern_terms) if terms is None else terms  # looked up only when a child wrote text
            whole = getattr(answer, "whole", answer)  # a text cut to its limit is screened whole (CutText)
            screened = _screen(whole, terms)
            if screened.concern:  # the words go to the lead only; research keeps that they were passed on
                rows.concerns.append((code, whole, screened.concern_reasons))
                rows.texts.append((code, RESEARCH_PLACEHOLDER, RESEARCH_KIND))
            else:  # redacted whole, then cut: a cut through a phone number must not leave its digits behind
                rows.texts.append((code, screened.redacted[:len(answer)], ",".join(screened.detected)))
            rows.tallies.append((code, "_text"))
            continue
        values = answer if isinstance(answer, list) else [answer]
        for position, value in enumerate(values, start=1):
            rank = position if types[code] == "rank" else None
            rows.answers.append((code, str(value), rank))
            rows.tallies.append((code, str(value)))
            if rank and not str(value).startswith("_"):
                rows.tallies.append((code, ranked_value(rank, str(value))))
        if types[code] in ANSWERED_ROLLUP_TYPES and any(not str(v).startswith("_") for v in values):
            rows.tallies.append((code, ANSWERED))
    rows.tallies.extend((code, ASKED) for code in asked_with_rule(definition, band, answers))
    rows.tallies.append((RESPONSES, COUNTED))
    if breakdowns := breakdowns_of(definition, answers):
        rows.breakdowns = breakdowns
        rows.crossed = crossed_tallies(definition, rows.tallies, (RESPONSES, COUNTED), ANSWERED)
    return rows


def _store(session: SessionLike, submission_id: uuid.UUID, band: str, rows: StoredRows,
           today: date, from_paper: bool = False) -> IntakeResult:
    """Insert the response first (a duplicate id fails here, before anything else), then its rows."""
    record_key = secrets.randbelow(255) + 1  # cell-key perturbation (domain.md DC5a); random, so it says nothing
    db.session.execute(insert(Response).values(id=submission_id, session_id=session.id,
                                               version_id=session.version_id, band=band, submitted_on=today,
                                               payload_digest=digest_of(session.id, band, rows),
                                               from_paper=from_paper, record_key=record_key))
    key = _bound_key(submission_id)
    if rows.answers:
        insert_rows(Answer.__tablename__, [{"response_id": key, "item_code": code, "value": value, "rank": rank}
                                          for code, value, rank in rows.answers])
    if rows.texts:
        insert_rows(TextAnswer.__tablename__, [{"response_id": key, "item_code": code, "redacted": text,
                                                "detected": detected} for code, text, detected in rows.texts])
    for code, words, terms in rows.concerns:
        record_concern(session, code, words, terms, today)
    add_to_tallies(session, band, rows.tallies, record_key)
    area = session.community_code or session.street_code
    for by_item, by_value in rows.breakdowns:
        _upsert("breakdown_tallies", (session.version_id, area, band, by_item, by_value), rows.crossed, record_key)
    return IntakeResult(str(submission_id), True, bool(rows.concerns))


def _bound_key(submission_id: uuid.UUID) -> Any:
    """The id as the driver takes it for a raw insert (a native uuid on PostgreSQL, 32 hex digits on SQLite)."""
    dialect = db.session.connection().dialect
    process = Answer.__table__.c.response_id.type.bind_processor(dialect)
    return process(submission_id) if process else submission_id


def _terms(source: TermSource) -> Sequence[str] | None:
    return source() if callable(source) else source


def _screen(answer: str, concern_terms: Sequence[str] | None) -> ScreeningResult:
    try:
        return screen_text(answer, concern_terms)
    except ScreeningRefused as refused:
        raise SubmissionRefused(422, _("Some answers could not be accepted.")) from refused


def _marker() -> str:
    """The driver's positional placeholder: rows go to the driver as plain tuples (no per-row binding work)."""
    return "?" if db.session.connection().dialect.paramstyle == "qmark" else "%s"


@lru_cache(maxsize=64)
def _insert_sql(table: str, columns: tuple[str, ...], marker: str) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([marker] * len(columns))})"


def insert_rows(table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows that share their columns with one executemany (the driver pipelines or batches them)."""
    columns = tuple(rows[0])
    db.session.connection().exec_driver_sql(_insert_sql(table, columns, _marker()),
                                            [tuple(row[c] for c in columns) for row in rows])


#: The running counts intake keeps: per session, and per questionnaire version and place (``AreaTally``).
#: Each is keyed by its scope columns, then item and value.
TALLY_SCOPES = {"answer_tallies": ("session_id", "band"), "area_tallies": ("version_id", "area_code", "band"),
                "breakdown_tallies": ("version_id", "area_code", "band", "by_item", "by_value")}


@lru_cache(maxsize=8)
def _upsert_postgres(table: str) -> str:
    """PostgreSQL: two arrays instead of one parameter per value, so the driver can cache the statement
    (psycopg caches statements of at most 50 parameters)."""
    scope = TALLY_SCOPES[table]
    return (f"INSERT INTO {table} ({', '.join(scope)}, item_code, value, count, key_sum) "
            f"SELECT {', '.join(['%s'] * len(scope))}, item, value, 1, %s "
            "FROM unnest(%s::text[], %s::text[]) AS t(item, value) " + _on_conflict(table))


@lru_cache(maxsize=512)
def _upsert_sqlite(table: str, rows: int) -> str:
    scope = TALLY_SCOPES[table]
    row = f"({', '.join(['?'] * (len(scope) + 2))}, 1, ?)"
    return (f"INSERT INTO {table} ({', '.join(scope)}, item_code, value, count, key_sum) "
            f"VALUES {', '.join([row] * rows)} " + _on_conflict(table))


def _on_conflict(table: str) -> str:
    return (f"ON CONFLICT ({', '.join(TALLY_SCOPES[table])}, item_code, value) DO UPDATE SET "
            f"count = {table}.count + 1, key_sum = {table}.key_sum + excluded.key_sum")


def add_to_tallies(session: SessionLike, band: str, values: list[tuple[str, str]], record_key: int) -> None:
    """Add one to each (item, value) count and the response's record key to its key sum, per session and
    per version and place, one statement each.

    Sorted, so concurrent writers lock the rows in one order.
    """
    scopes = {"answer_tallies": (session.id, band),
              "area_tallies": (session.version_id, session.community_code or session.street_code, band)}
    for table, scope in scopes.items():
        _upsert(table, scope, values, record_key)


def _upsert(table: str, scope: tuple, values: list[tuple[str, str]], record_key: int) -> None:
    keys = sorted(set(values))
    if not keys:
        return
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        items, chosen = [code for code, _ in keys], [value for _, value in keys]
        connection.exec_driver_sql(_upsert_postgres(table), (*scope, record_key, items, chosen))
    else:
        params = tuple(p for code, value in keys for p in (*scope, code, value, record_key))
        connection.exec_driver_sql(_upsert_sqlite(table, len(keys)), params)
