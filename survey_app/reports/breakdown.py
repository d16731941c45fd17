"""One item's answers broken down by a background item (gender, grade): a column per background answer
and one for the children who did not give one, from the breakdown tallies kept at intake.

The columns add up to the item's own totals, so the table goes through ``protect_table`` with those
totals as its margin: a hidden cell cannot be had from the item's page minus the shown columns of this
one. Shown counts and shares are perturbed by their cell keys, as everywhere else.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import false, func, select

from ..extensions import db
from ..fieldwork.breakdowns import CROSSED_TYPES, breakdown_items
from ..fieldwork.intake import ANSWERED
from ..fieldwork.models import BreakdownTally
from ..privacy.disclosure import (
    TOTAL,
    Audience,
    Cell,
    GroupShare,
    Reason,
    protect_group_share,
    protect_keyed_count,
    protect_table,
)
from ..privacy.disclosure.cells import hidden_cell
from ..questionnaires.models import QuestionnaireVersion
from ..questionnaires.schema import Item, local
from ..questionnaires.services import get_definition
from .distributions import POOLED, ItemDistribution, ResultFilters, count_item_sites, filtered_tallies
from .services import Tally, disclosure_policy

NOT_GIVEN = "_none"


@dataclass(frozen=True)
class BreakdownTable:
    bases: dict[str, Cell]                       # column -> children with a substantive answer to the item
    counts: dict[tuple[str, str], Cell]          # (option, column) -> count
    shares: dict[tuple[str, str], Cell]          # (option, column) -> share of the column's base


@dataclass(frozen=True)
class ItemBreakdown:
    by: Item
    columns: tuple[tuple[str, str], ...]         # (answer code, label), then NOT_GIVEN
    tables: dict[str, BreakdownTable]            # band or POOLED
    #: why nothing is shown: "period_or_setting" (kept per place only) or "" when shown
    unavailable: str = ""


def breakdown_choices(version: QuestionnaireVersion, lang: str) -> list[tuple[str, str]]:
    """(code, wording) of the items a result can be broken down by."""
    return [(item.code, local(next(iter(item.bands.values())).text, lang)) for item in breakdown_items(
        get_definition(version))]


def item_breakdown(version: QuestionnaireVersion, result: ItemDistribution, by_code: str, filters: ResultFilters,
                   audience: Audience, lang: str) -> ItemBreakdown | None:
    """The item's options × the background item's answers; None when ``by_code`` is not a breakdown or the
    item has no options to break down."""
    by = next((item for item in breakdown_items(get_definition(version)) if item.code == by_code), None)
    if by is None or result.empty or result.item.type not in CROSSED_TYPES or by.code == result.item.code:
        return None
    columns = (*by.options(lang), (NOT_GIVEN, ""))
    if filters.setting or filters.first_month or filters.last_month:
        return ItemBreakdown(by, columns, {}, unavailable="period_or_setting")
    item_tallies = filtered_tallies(version, result.item.code, filters)
    crossed = crossed_counts(version, result.item.code, by.code, filters)
    sites = count_item_sites(version, result.item.code, filters) if audience is Audience.PUBLIC else None
    tables = {}
    for group in result.groups:
        bands = [b for b in result.groups if b != POOLED] if group == POOLED else [group]
        if not any(item_tallies.get(band) for band in bands):
            continue  # a band nobody in these places answered: the item's own table says "no answers"
        options = [code for code in result.offered.get(group, ()) if not code.startswith("_")]
        tables[group] = _table(result.item, options, [code for code, _ in columns], bands, item_tallies, crossed,
                               audience, sites)
    return ItemBreakdown(by, columns, tables)


def crossed_counts(version, code, by_code, filters) -> dict[str, dict[tuple[str, str], Tally]]:
    """band -> (background answer, value) -> count and key sum, over the places the filters keep."""
    query = (select(BreakdownTally.band, BreakdownTally.by_value, BreakdownTally.value, func.sum(BreakdownTally.count),
                    func.sum(BreakdownTally.key_sum))
             .where(BreakdownTally.version_id == version.id, BreakdownTally.item_code == code,
                    BreakdownTally.by_item == by_code)
             .group_by(BreakdownTally.band, BreakdownTally.by_value, BreakdownTally.value))
    if filters.place:
        query = query.where(BreakdownTally.area_code.startswith(filters.place, autoescape=True)
                            if len(filters.place) in (6, 9, 12) and filters.place.isdigit() else false())
    if filters.band:
        query = query.where(BreakdownTally.band == filters.band)
    found: dict[str, dict[tuple[str, str], Tally]] = defaultdict(dict)
    for band, by_value, value, count, key in db.session.execute(query):
        found[band][(by_value, value)] = Tally(int(count), int(key or 0))
    return found


def _summed(tallies: list[Tally]) -> Tally:
    return Tally(sum(t.count for t in tallies), sum(t.key for t in tallies))


def _table(item: Item, options: list[str], columns: list[str], bands: list[str], item_tallies, crossed,
           audience: Audience, sites: int | None) -> BreakdownTable:
    answers = [c for c in columns if c != NOT_GIVEN]

    def tally(option: str, column: str) -> Tally:
        if column != NOT_GIVEN:
            return _summed([crossed.get(b, {}).get((column, option), Tally(0, 0)) for b in bands])
        whole = _summed([item_tallies.get(b, {}).get(option, Tally(0, 0)) for b in bands])
        given = [tally(option, answer) for answer in answers]
        return Tally(whole.count - sum(t.count for t in given), whole.key - sum(t.key for t in given))

    def base(column: str) -> Tally:
        if item.type in ("multiple", "rank"):
            return tally(ANSWERED, column)
        return _summed([tally(option, column) for option in options])

    policy = disclosure_policy()
    cells = {(option, column): tally(option, column) for option in options for column in columns}
    everywhere = None if sites is None else {
        (row, column): sites for row in [*options, TOTAL] for column in [*columns, TOTAL]}
    table = protect_table({key: t.count for key, t in cells.items()}, audience=audience, policy=policy,
                          settings=everywhere)
    bases = {column: base(column) for column in columns}
    counts, shares = {}, {}
    for (option, column), t in cells.items():
        shown = table.cell(option, column)
        counts[(option, column)] = shown if shown.suppressed else protect_keyed_count(
            t.count, t.key, audience=audience, policy=policy, settings_count=sites)
        shares[(option, column)] = hidden_cell(Reason.COMPLEMENTARY) if shown.suppressed else protect_group_share(
            GroupShare(t.count, bases[column].count, t.key, bases[column].key), audience=audience, policy=policy,
            settings_count=sites)
    base_cells = {column: protect_keyed_count(b.count, b.key, audience=audience, policy=policy, settings_count=sites)
                  for column, b in bases.items()}
    return BreakdownTable(base_cells, counts, shares)
