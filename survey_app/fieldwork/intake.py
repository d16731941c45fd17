"""Take in one child's finished survey: exactly once, anonymous, screened, counted.

What is stored: the session, the questionnaire version, the band, the tablet's random
submission id, the answers and the date. No time of day, address, agent, cookie or device.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..extensions import db
from ..places.services import place_exists
from ..privacy.screening import ScreeningRefused, ScreeningResult, screen_text
from ..privacy.services import record_concern
from ..questionnaires.answers import AnswersInvalid, clean_answers
from ..questionnaires.services import get_definition
from ..questionnaires.vocabulary import OPTOUT_CODES
from .codes import is_submission_id
from .models import Answer, AnswerSession, AnswerTally, Response, TextAnswer
from .services import is_accepting

SUBMISSION_KEYS = {"submission_id", "band", "answers"}


class SubmissionRefused(Exception):
    """The submission cannot be stored; ``status`` is the HTTP status that says why."""

    def __init__(self, status: int, message: str, errors: dict[str, str] | None = None):
        self.status, self.message, self.errors = status, message, errors or {}
        super().__init__(message)


@dataclass(frozen=True)
class IntakeResult:
    response: Response
    created: bool
    concern: bool  # something written suggests the child may need help


def digest_of(session_id: int, band: str, answers: dict[str, Any]) -> str:
    canonical = json.dumps([session_id, band, answers], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _checked_shape(payload: Any) -> tuple[str, str, Any]:
    if not isinstance(payload, dict) or set(payload) - SUBMISSION_KEYS or "submission_id" not in payload:
        raise SubmissionRefused(400, _("The submission is not in the expected form."))
    if not is_submission_id(payload["submission_id"]):
        raise SubmissionRefused(400, _("The submission id is not valid."))
    if not isinstance(payload.get("band"), str):
        raise SubmissionRefused(400, _("The age band is missing."))
    return payload["submission_id"], payload["band"], payload.get("answers", {})


def submit_response(session: AnswerSession, payload: Any, *, now: datetime, today: date, grace: timedelta,
                    concern_terms: list[str] | None = None) -> IntakeResult:
    """Store a submission once; a retry with the same content succeeds without a second row."""
    submission_id, band, raw_answers = _checked_shape(payload)
    existing = db.session.get(Response, submission_id)
    if not is_accepting(session, now, grace) and existing is None:
        raise SubmissionRefused(410, _("This session is closed, so answers can no longer be sent."))
    if band not in session.bands:
        raise SubmissionRefused(422, _("This age band is not part of this session."))
    try:
        answers = clean_answers(get_definition(session.version), band, raw_answers, place_exists)
    except AnswersInvalid as error:
        raise SubmissionRefused(422, _("Some answers could not be accepted."), error.errors) from error
    digest = digest_of(session.id, band, answers)
    if existing is not None:
        return IntakeResult(existing, False, False) if _same(existing, session, digest) else _conflict()
    return _store(session, submission_id, band, answers, digest, today, concern_terms)


def resolve_duplicate(session: AnswerSession, payload: Any) -> IntakeResult | None:
    """After a unique-key race: the other request stored this id; succeed only if the content matches.

    Returns None when no row with this id exists (the error was something else).
    """
    submission_id, band, raw_answers = _checked_shape(payload)
    existing = db.session.get(Response, submission_id)
    if existing is None:
        return None
    answers = clean_answers(get_definition(session.version), band, raw_answers, place_exists)
    return IntakeResult(existing, False, False) if _same(existing, session, digest_of(session.id, band, answers)) \
        else _conflict()


def _same(existing: Response, session: AnswerSession, digest: str) -> bool:
    return existing.session_id == session.id and existing.payload_digest == digest


def _conflict() -> IntakeResult:
    raise SubmissionRefused(409, _("A different submission was already sent with this id."))


def _store(session: AnswerSession, submission_id: str, band: str, answers: dict[str, Any], digest: str,
           today: date, concern_terms: list[str] | None) -> IntakeResult:
    response = Response(id=submission_id, session_id=session.id, version_id=session.version_id, band=band,
                        submitted_on=today, payload_digest=digest)
    db.session.add(response)
    types = {item.code: item.type for item in get_definition(session.version).items}
    values, concern = [], False
    for code, answer in answers.items():
        if types[code] == "text" and answer not in OPTOUT_CODES:
            screened = _screen(answer, concern_terms)
            if screened.concern:
                concern = True
                record_concern(session, code, answer, screened.concern_terms, today)
            response.text_answers.append(_text_answer(code, screened))
            values.append((code, "_text"))
            continue
        for position, value in enumerate(answer if isinstance(answer, list) else [answer], start=1):
            rank = position if types[code] == "rank" else None
            response.answers.append(Answer(item_code=code, value=str(value), rank=rank))
            values.append((code, str(value)))
    db.session.flush()
    add_to_tallies(session.id, band, values)
    return IntakeResult(response, True, concern)


def _screen(text: str, concern_terms: list[str] | None) -> ScreeningResult:
    try:
        return screen_text(text, concern_terms)
    except ScreeningRefused as refused:
        raise SubmissionRefused(422, _("Some answers could not be accepted.")) from refused


def _text_answer(code: str, screened: ScreeningResult) -> TextAnswer:
    return TextAnswer(item_code=code, redacted=screened.redacted, detected=",".join(screened.detected))


def add_to_tallies(session_id: int, band: str, values: list[tuple[str, str]]) -> None:
    """Add one to each (item, value) count in one statement; sorted so concurrent writers lock in one order."""
    if not values:
        return
    rows = [{"session_id": session_id, "band": band, "item_code": code, "value": value, "count": 1}
            for code, value in sorted(set(values))]
    insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    statement = insert(AnswerTally).values(rows)
    statement = statement.on_conflict_do_update(
        index_elements=["session_id", "band", "item_code", "value"],
        set_={"count": AnswerTally.count + 1})
    db.session.execute(statement)
