"""Response-level exports: which responses go out, in what order, under which key, at which place.

Every export draws fresh random response keys (not linkable across exports) and its own order (a hash
of the response id with a per-export salt, so two exports' rows do not line up either). Dates go out
as the month. The quasi-identifiers (band, month, setting, the session's place and every background
answer) are made k-anonymous by the privacy engine from class sizes counted in SQL: a place is
coarsened towards its district until each class holds k responses, and responses in a smaller class
even at district level are withheld.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, and_, cast, func, select
from sqlalchemy.orm import aliased

from ..extensions import db
from ..fieldwork.models import Answer, AnswerSession, Response, TextAnswer
from ..questionnaires.models import QuestionnaireVersion
from ..questionnaires.schema import Instrument, Item
from ..safeguarding.services import RESEARCH_KIND

#: k for the quasi-identifiers of exported responses (domain.md DC3)
EXPORT_K = 10
ONE_VALUE_TYPES = ("single", "scale", "number", "place")


@dataclass(frozen=True)
class ExportFilters:
    """Every field optional; a value that matches nothing gives an export with a header and no rows."""

    band: str | None = None
    place: str | None = None          # a district, street or community code
    setting: str | None = None
    first_month: date | None = None
    last_month: date | None = None


@dataclass(frozen=True)
class ExportedResponse:
    key: str                          # fresh for this export
    band: str
    month: str                        # YYYY-MM
    setting: str
    place: str | None                 # as released: a district, street or community code
    answers: list[tuple[str, str, int | None]]  # item, value, rank (text answers: their redacted words)


def exported_items(definition: Instrument, include_text: bool) -> list[Item]:
    """Indicators and background items with one value (a background item with several would need its own
    generalisation), free text only when asked for."""
    return [item for item in definition.items if not item.practice and item.type != "note"
            and (item.role == "indicator" or (item.role == "background" and item.type in ONE_VALUE_TYPES))
            and (include_text or item.type != "text")]


def background_codes(definition: Instrument) -> list[str]:
    """Background items with one stored value per response: the quasi-identifiers besides band and place."""
    return [item.code for item in definition.items if item.role == "background" and not item.practice
            and item.type in ONE_VALUE_TYPES]


def _month():
    return func.substr(cast(Response.submitted_on, String), 1, 7)


def _place():
    return func.coalesce(AnswerSession.community_code, AnswerSession.street_code)


def _where(version: QuestionnaireVersion, filters: ExportFilters):
    conditions = [Response.version_id == version.id]
    if filters.band:
        conditions.append(Response.band == filters.band)
    if filters.setting:
        conditions.append(AnswerSession.setting == filters.setting)
    if filters.place:
        conditions.append(_place().startswith(filters.place, autoescape=True)
                          if filters.place.isdigit() and len(filters.place) in (6, 9, 12) else Response.id.is_(None))
    if filters.first_month:
        conditions.append(_month() >= filters.first_month.strftime("%Y-%m"))
    if filters.last_month:
        conditions.append(_month() <= filters.last_month.strftime("%Y-%m"))
    return and_(*conditions)


def class_sizes(version: QuestionnaireVersion, definition: Instrument, filters: ExportFilters) -> dict[tuple, int]:
    """Responses per quasi-identifier class, counted in one GROUP BY, never by reading the responses."""
    joins, values = [], []
    for code in background_codes(definition):
        given = aliased(Answer)
        joins.append((given, and_(given.response_id == Response.id, given.item_code == code)))
        values.append(given.value)
    columns = (Response.band, _month(), AnswerSession.setting, *values, _place())
    query = select(*columns, func.count()).select_from(Response).join(
        AnswerSession, AnswerSession.id == Response.session_id)
    for alias, condition in joins:
        query = query.outerjoin(alias, condition)
    rows = db.session.execute(query.where(_where(version, filters)).group_by(*columns))
    return {(tuple(row[:-2]), row[-2]): row[-1] for row in rows}


def stream_responses(version: QuestionnaireVersion, definition: Instrument, filters: ExportFilters,
                     released: dict[tuple, str | None | bool], include_text: bool) -> Iterator[ExportedResponse]:
    """The responses the filters keep and k-anonymity releases, each once with its answers, in this
    export's own order."""
    salt = secrets.token_hex(16)
    order = _shuffled(salt)
    codes = [item.code for item in exported_items(definition, include_text)]
    given = select(Answer.response_id, Answer.item_code, Answer.value, Answer.rank).where(Answer.item_code.in_(codes))
    if include_text:
        given = given.union_all(select(TextAnswer.response_id, TextAnswer.item_code, TextAnswer.redacted,
                                       cast(None, Answer.rank.type))
                                .where(TextAnswer.item_code.in_(codes), TextAnswer.detected != RESEARCH_KIND))
    given = given.subquery()
    # the order is computed once per response (a materialised CTE on PostgreSQL), not once per answer
    picked = (select(Response.id, Response.band, _month().label("month"), AnswerSession.setting,
                     _place().label("place"), order.label("shuffle"))
              .select_from(Response).join(AnswerSession, AnswerSession.id == Response.session_id)
              .where(_where(version, filters)).cte("picked"))
    if db.session.connection().dialect.name == "postgresql":
        picked = picked.prefix_with("MATERIALIZED")
    query = (select(picked.c.id, picked.c.band, picked.c.month, picked.c.setting, picked.c.place,
                    given.c.item_code, given.c.value, given.c.rank)
             .select_from(picked).outerjoin(given, given.c.response_id == picked.c.id)
             .order_by(picked.c.shuffle, picked.c.id, given.c.item_code, given.c.rank))
    background = background_codes(definition)
    current, header, answers = None, None, []
    for response_id, band, month, setting, place, code, value, rank in db.session.execute(
            query.execution_options(yield_per=2000)):
        if response_id != current:
            if header is not None and (out := _released(header, answers, background, released)) is not None:
                yield out
            current, header, answers = response_id, (band, month, setting, place), []
        if code is not None:
            answers.append((code, value, rank))
    if header is not None and (out := _released(header, answers, background, released)) is not None:
        yield out


def _released(header, answers, background: list[str], released) -> ExportedResponse | None:
    band, month, setting, place = header
    chosen = {code: value for code, value, _ in answers if code in background}
    code = released.get(((band, month, setting, *(chosen.get(c) for c in background)), place), False)
    if code is False:
        return None
    return ExportedResponse(secrets.token_hex(8), band, month, setting, code, answers)


def _shuffled(salt: str):
    """A per-export order: the response id hashed with a salt (md5 on PostgreSQL, a registered function
    on SQLite), so neither insertion order nor another export's order shows through."""
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        return func.md5(func.concat(cast(Response.id, String), salt))
    connection.connection.driver_connection.create_function(
        "export_order", 2, lambda value, key: hashlib.blake2b(f"{value}{key}".encode(), digest_size=8).hexdigest(),
        deterministic=True)
    return func.export_order(cast(Response.id, String), salt)
