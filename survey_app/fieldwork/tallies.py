"""Check the running tallies against the stored answers, and rebuild them from the answers.

Intake keeps ``answer_tallies`` (per session) and ``area_tallies`` (per version and place) in the same
transaction as each response, so they should never drift; this is how an operator proves it (``flask
tallies check``) and repairs them after a manual edit, a restore or a bug (``flask tallies rebuild``).
Both read the answers in grouped queries, the area tallies from the session tallies, and the breakdowns
(background answers crossed with indicator answers) from the answers again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, and_, cast, delete, false, func, literal, or_, select, text, union

from ..extensions import db
from ..questionnaires.models import QuestionnaireVersion
from ..questionnaires.services import get_definition
from .asked import asked_from_answers
from .breakdowns import counted_breakdowns
from .intake import ANSWERED, ANSWERED_ROLLUP_TYPES, ASKED, COUNTED, RANKED_PREFIX, RESPONSES
from .models import Answer, AnswerSession, AnswerTally, AreaTally, BreakdownTally, Response, TextAnswer

TallyKey = tuple[int, str, str, str]  # session, band, item, value
BREAKDOWN_COLUMNS = ("version_id", "area_code", "band", "by_item", "by_value", "item_code", "value")


@dataclass(frozen=True)
class TallyDifference:
    key: tuple  # (session, band, item, value), or (version, area, band, item, value) for an area tally
    stored: tuple[int, int] | None    # count, key sum as kept; None when the tally row is missing
    expected: tuple[int, int] | None  # as counted from the answers; None when no answer backs the row


def _answered_rollup():
    """'_answered' once per response and multiple-choice or rank item with a substantive answer."""
    items = or_(false(), *(
        and_(Response.version_id == version.id, Answer.item_code.in_(codes))
        for version in db.session.scalars(select(QuestionnaireVersion))
        if (codes := [i.code for i in get_definition(version).items if i.type in ANSWERED_ROLLUP_TYPES])))
    return (select(Answer.response_id, Answer.item_code, literal(ANSWERED))
            .join(Response, Response.id == Answer.response_id)
            .where(items, ~Answer.value.startswith("_", autoescape=True)))


def _ranked_positions():
    """A ranked option again at its position, as intake counts it ('_r1:park')."""
    positioned = literal(RANKED_PREFIX) + cast(Answer.rank, String) + literal(":") + Answer.value
    return (select(Answer.response_id, Answer.item_code, positioned)
            .where(Answer.rank.is_not(None), ~Answer.value.startswith("_", autoescape=True)))


def counted_from_answers() -> dict[TallyKey, tuple[int, int]]:
    """Count every (session, band, item, value) as intake does: one per response, text answers as '_text',
    '_answered' for multiple-choice and rank items, ranked options at their position, '_asked' for items
    with a relevance rule, and each response once under '_responses'."""
    counted = union(select(Answer.response_id, Answer.item_code, Answer.value),
                    select(TextAnswer.response_id, TextAnswer.item_code, literal("_text")),
                    _answered_rollup(), _ranked_positions(),
                    select(Response.id, literal(RESPONSES), literal(COUNTED))).subquery()
    query = (select(Response.session_id, Response.band, counted.c.item_code, counted.c.value,
                    func.count(), func.sum(Response.record_key))
             .join(Response, Response.id == counted.c.response_id)
             .group_by(Response.session_id, Response.band, counted.c.item_code, counted.c.value))
    counted = {(s, b, i, v): (int(n), int(k or 0)) for s, b, i, v, n, k in db.session.execute(query)}
    return counted | asked_from_answers(db.session.connection(), _definitions(), ASKED)


def _definitions() -> dict:
    return {version.id: get_definition(version) for version in db.session.scalars(select(QuestionnaireVersion))}


def breakdowns_from_answers(session_id: int | None = None) -> dict:
    """(version, area, band, background item, its answer, item, value) -> count and key sum, from the answers."""
    return counted_breakdowns(db.session.connection(), _definitions(), (RESPONSES, COUNTED), ANSWERED, session_id)


def _stored_breakdowns() -> dict:
    columns = [getattr(BreakdownTally, name) for name in BREAKDOWN_COLUMNS]
    return {tuple(row[:-2]): (row[-2], row[-1]) for row in db.session.execute(
        select(*columns, BreakdownTally.count, BreakdownTally.key_sum))}


def _stored() -> dict[TallyKey, tuple[int, int]]:
    rows = db.session.execute(select(AnswerTally.session_id, AnswerTally.band, AnswerTally.item_code,
                                     AnswerTally.value, AnswerTally.count, AnswerTally.key_sum))
    return {(s, b, i, v): (n, k) for s, b, i, v, n, k in rows}


AreaKey = tuple[int, str, str, str, str]  # version, area, band, item, value


def _area_sums(rows) -> dict[AreaKey, tuple[int, int]]:
    return {(v, a, b, i, x): (int(n), int(k or 0)) for v, a, b, i, x, n, k in rows}


def summed_by_area() -> dict[AreaKey, tuple[int, int]]:
    """The session tallies summed per version and finest place, as the area tallies must hold them."""
    area = func.coalesce(AnswerSession.community_code, AnswerSession.street_code)
    columns = (AnswerSession.version_id, area, AnswerTally.band, AnswerTally.item_code, AnswerTally.value)
    return _area_sums(db.session.execute(
        select(*columns, func.sum(AnswerTally.count), func.sum(AnswerTally.key_sum))
        .join(AnswerSession, AnswerSession.id == AnswerTally.session_id).group_by(*columns)))


def _stored_areas() -> dict[AreaKey, tuple[int, int]]:
    return _area_sums(db.session.execute(select(
        AreaTally.version_id, AreaTally.area_code, AreaTally.band, AreaTally.item_code, AreaTally.value,
        AreaTally.count, AreaTally.key_sum)))


def _differences(stored: dict, expected: dict) -> list[TallyDifference]:
    differences = []
    for key in sorted(stored.keys() | expected.keys()):
        have, want = stored.get(key), expected.get(key)
        if (have or (0, 0))[0] == (want or (0, 0))[0] == 0 or have == want:
            continue  # a row kept with a zero count is no count at all
        differences.append(TallyDifference(key, have, want))
    return differences


def check_tallies() -> list[TallyDifference]:
    """Every tally row that differs from the answers, then every area tally that differs from the session
    tallies summed (a zero count kept as a row is not a difference)."""
    session_level = _differences(_stored(), counted_from_answers())
    return (session_level + _differences(_stored_areas(), summed_by_area())
            + _differences(_stored_breakdowns(), breakdowns_from_answers()))


def rebuild_tallies() -> int:
    """Replace every tally with the count from the answers, then the area tallies with their sums; returns
    the number of session tally rows written.

    On PostgreSQL the table is locked first: a response being stored meanwhile waits, and its own
    increment lands on the rebuilt row after this transaction commits, so nothing is counted twice
    or lost. SQLite has one writer at a time anyway.
    """
    if db.session.connection().dialect.name == "postgresql":
        db.session.execute(text("LOCK TABLE answer_tallies, area_tallies, breakdown_tallies IN EXCLUSIVE MODE"))
    expected = counted_from_answers()
    db.session.execute(delete(AnswerTally))
    if expected:
        db.session.execute(AnswerTally.__table__.insert(), [
            {"session_id": s, "band": b, "item_code": i, "value": v, "count": n, "key_sum": k}
            for (s, b, i, v), (n, k) in expected.items()])
    db.session.execute(delete(AreaTally))
    if areas := summed_by_area():
        db.session.execute(AreaTally.__table__.insert(), [
            {"version_id": v, "area_code": a, "band": b, "item_code": i, "value": x, "count": n, "key_sum": k}
            for (v, a, b, i, x), (n, k) in areas.items()])
    db.session.execute(delete(BreakdownTally))
    if breakdowns := breakdowns_from_answers():
        db.session.execute(BreakdownTally.__table__.insert(), [
            dict(zip((*BREAKDOWN_COLUMNS, "count", "key_sum"), (*key, n, k), strict=True))
            for key, (n, k) in breakdowns.items()])
    return len(expected)
