"""Background answers crossed with indicator answers, for results broken down by gender, grade and the like.

A background or quasi-identifier item answered from a fixed list (single choice or a scale) is a
breakdown; intake counts each of its substantive answers against every counted value of the same
response's indicator items (choices, scale points, opt-outs, '_answered') and the response itself
('_responses'). The same counts are recomputed from the answers by ``flask tallies check`` and
``rebuild``, and subtracted when a session's answers are discarded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, func, literal, select, union
from sqlalchemy.orm import aliased

from ..questionnaires.schema import Instrument, Item
from ..questionnaires.vocabulary import OPTOUT_CODES
from .models import Answer, AnswerSession, Response

BREAKDOWN_ROLES = ("background", "quasi_identifier")
BREAKDOWN_TYPES = ("single", "scale")
CROSSED_TYPES = ("single", "scale", "multiple", "rank")
SEVERAL_CODES = ("multiple", "rank")

BreakdownKey = tuple[int, str, str, str, str, str, str]  # version, area, band, by item, by value, item, value


def breakdown_items(definition: Instrument) -> list[Item]:
    return [item for item in definition.items if item.role in BREAKDOWN_ROLES and item.type in BREAKDOWN_TYPES
            and not item.practice]


def crossed_codes(definition: Instrument) -> frozenset[str]:
    return frozenset(item.code for item in definition.items if item.is_indicator and item.type in CROSSED_TYPES)


def breakdowns_of(definition: Instrument, answers: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(item, value) of each breakdown these answers give (opt-outs give none)."""
    return [(item.code, answers[item.code]) for item in breakdown_items(definition)
            if isinstance(answers.get(item.code), str) and not answers[item.code].startswith("_")]


def crossed_tallies(definition: Instrument, tallies: list[tuple[str, str]], responses: tuple[str, str],
                    answered: str) -> list[tuple[str, str]]:
    """The tally values a breakdown counts: indicator values and '_answered', and the response itself."""
    codes = crossed_codes(definition)
    return [(code, value) for code, value in tallies
            if (code in codes and (not value.startswith("_") or value == answered or value in OPTOUT_CODES))
            or (code, value) == responses]


def counted_breakdowns(connection: Connection, definitions: Mapping[int, Instrument], responses: tuple[str, str],
                       answered: str, session_id: int | None = None) -> dict[BreakdownKey, tuple[int, int]]:
    """Every breakdown count as intake keeps it, from the answers (of one session when given)."""
    counted: dict[BreakdownKey, tuple[int, int]] = {}
    for version, definition in definitions.items():
        by_codes = [item.code for item in breakdown_items(definition)]
        crossed = sorted(crossed_codes(definition))
        if not by_codes:
            continue
        counted |= _counted_for_version(connection, version, definition, by_codes, crossed, responses, answered,
                                        session_id)
    return counted


def _counted_for_version(connection, version, definition, by_codes, crossed, responses, answered, session_id):
    by, given = aliased(Answer), aliased(Answer)
    several = [item.code for item in definition.items if item.code in crossed and item.type in SEVERAL_CODES]
    substantive = ~given.value.startswith("_", autoescape=True)
    values = union(
        select(given.response_id, given.item_code, given.value).where(given.item_code.in_(crossed)),
        select(given.response_id, given.item_code, literal(answered)).where(given.item_code.in_(several), substantive),
        select(Response.id, literal(responses[0]), literal(responses[1])).where(Response.version_id == version),
    ).subquery()
    chosen = (select(by.response_id, by.item_code.label("by_item"), by.value.label("by_value"))
              .where(by.item_code.in_(by_codes), ~by.value.startswith("_", autoescape=True)).subquery())
    area = func.coalesce(AnswerSession.community_code, AnswerSession.street_code)
    groups = (area, Response.band, chosen.c.by_item, chosen.c.by_value, values.c.item_code, values.c.value)
    query = (select(*groups, func.count(), func.sum(Response.record_key))
             .select_from(values)
             .join(chosen, chosen.c.response_id == values.c.response_id)
             .join(Response, Response.id == values.c.response_id)
             .join(AnswerSession, AnswerSession.id == Response.session_id)
             .where(Response.version_id == version)
             .group_by(*groups))
    if session_id is not None:
        query = query.where(Response.session_id == session_id)
    return {(version, a, b, bi, bv, i, v): (int(n), int(k or 0))
            for a, b, bi, bv, i, v, n, k in connection.execute(query)}
