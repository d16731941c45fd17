"""Recount, from the stored answers, how many children saw each item that has a relevance rule.

Intake counts '_asked' as it stores a response; ``flask tallies check`` and ``rebuild`` and the migration
that introduced the count need the same figure for responses already stored. A relevance rule is an
expression over earlier answers, which SQL cannot evaluate, so the answers are read once in response
order and each response's rules evaluated as intake did.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import Connection, null, select, union_all

from ..questionnaires.answers import asked_with_rule
from ..questionnaires.schema import Instrument
from .models import Answer, Response, TextAnswer

TallyKey = tuple[int, str, str, str]  # session, band, item, value
SEVERAL_CODES = ("multiple", "rank")


def versions_with_rules(definitions: Mapping[int, Instrument]) -> dict[int, Instrument]:
    return {version: definition for version, definition in definitions.items()
            if any(band_item.relevant is not None for item in definition.items
                    for band_item in item.bands.values())}


def asked_from_answers(connection: Connection, definitions: Mapping[int, Instrument],
                       asked_value: str) -> dict[TallyKey, tuple[int, int]]:
    """(session, band, item, '_asked') -> count and key sum, for every version that has relevance rules."""
    definitions = versions_with_rules(definitions)
    counts: Counter = Counter()
    keys: Counter = Counter()
    for version, session, band, record_key, answers in _responses(connection, list(definitions)):
        for code in asked_with_rule(definitions[version], band, _as_given(definitions[version], answers)):
            counts[(session, band, code, asked_value)] += 1
            keys[(session, band, code, asked_value)] += record_key
    return {key: (count, keys[key]) for key, count in counts.items()}


def _responses(connection: Connection, versions: list[int]) -> Iterator[tuple[int, int, str, int, list]]:
    """Each response of these versions with its stored (item, value, rank) rows, text answers included."""
    if not versions:
        return
    given = union_all(select(Answer.response_id, Answer.item_code, Answer.value, Answer.rank),
                      select(TextAnswer.response_id, TextAnswer.item_code, TextAnswer.redacted,
                             null().label("rank"))).subquery()
    query = (select(Response.id, Response.version_id, Response.session_id, Response.band, Response.record_key,
                    given.c.item_code, given.c.value, given.c.rank)
             .outerjoin(given, given.c.response_id == Response.id)
             .where(Response.version_id.in_(versions))
             .order_by(Response.id, given.c.item_code, given.c.rank))
    current, header, rows = None, None, []
    for response_id, version, session, band, record_key, code, value, rank in connection.execute(
            query.execution_options(yield_per=5000)):
        if response_id != current:
            if header is not None:
                yield (*header, rows)
            current, header, rows = response_id, (version, session, band, record_key or 0), []
        if code is not None:
            rows.append((code, value, rank))
    if header is not None:
        yield (*header, rows)


def _as_given(definition: Instrument, rows: list[tuple[str, str, int | None]]) -> dict[str, Any]:
    """The answers as intake held them when it evaluated the rules: lists for several codes, numbers as
    numbers, text as its (redacted) words."""
    types = {item.code: item.type for item in definition.items}
    answers: dict[str, Any] = {}
    for code, value, _rank in rows:
        kind = types.get(code)
        if kind in SEVERAL_CODES and not value.startswith("_"):
            answers.setdefault(code, []).append(value)
        elif kind == "number" and not value.startswith("_"):
            answers[code] = _number(value)
        else:
            answers[code] = value
    return answers


def _number(value: str) -> int | float | str:
    try:
        return float(value) if "." in value or "e" in value.lower() else int(value)
    except ValueError:
        return value
