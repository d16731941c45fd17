"""One item's answers as a distribution, by age band and pooled, filtered by place, setting and period.

Read from the running tallies only. Counts go through ``protect_table`` (options × bands with their
totals, so a hidden count cannot be had by subtraction), shown counts and shares are perturbed by their
cell keys, and a share carries a 95 % Wilson interval computed from the same perturbed counts.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import false, func, select

from ..core.clock import from_city_time
from ..extensions import db
from ..fieldwork.intake import ANSWERED, ASKED, COUNTED, RESPONSES
from ..fieldwork.models import AnswerSession, AnswerTally, AreaTally
from ..places.models import Place
from ..privacy.disclosure import (
    TOTAL,
    Audience,
    Cell,
    GroupShare,
    Reason,
    protect_group_share,
    protect_keyed_count,
    protect_mean,
    protect_table,
)
from ..privacy.disclosure.cells import hidden_cell
from ..privacy.disclosure.perturbation import perturb
from ..questionnaires.models import QuestionnaireVersion
from ..questionnaires.schema import Item, local
from ..questionnaires.services import get_definition
from ..questionnaires.vocabulary import OPTOUTS
from .ranking import RankColumns, rank_columns
from .services import Tally, disclosure_policy, has_answers

POOLED = "all"
#: Options are listed in this order: the scale or list, then the opt-outs.
OPTOUT_LABELS = {code: {"zh": zh, "en": en} for code, zh, en in OPTOUTS.values()}


@dataclass(frozen=True)
class ResultFilters:
    """What a results page is narrowed to; every field optional. Unknown values match nothing."""

    band: str | None = None
    place: str | None = None      # a district, street or community code
    setting: str | None = None    # school, community_centre, other
    first_month: date | None = None
    last_month: date | None = None


@dataclass(frozen=True)
class OptionRow:
    code: str
    label: str
    counts: dict[str, Cell]              # band or POOLED -> count
    shares: dict[str, Cell]              # band or POOLED -> share of the substantive base
    intervals: dict[str, str] = field(default_factory=dict)  # band or POOLED -> "41–59%"
    ranks: RankColumns | None = None     # rank items: share ranking it first and mean points


@dataclass(frozen=True)
class ItemDistribution:
    item: Item
    groups: tuple[str, ...]              # the bands shown, then POOLED when the bands can be pooled
    bases: dict[str, Cell]               # respondents with a substantive answer
    rows: tuple[OptionRow, ...]
    quartiles: dict[str, tuple[Cell, Cell, Cell]] = field(default_factory=dict)  # number items
    empty: bool = False
    #: band or POOLED -> the option codes that group answers with (its own scale or list, opt-outs it used)
    offered: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: band or POOLED -> children shown the item (every response of the band, unless a rule hid it)
    asked: dict[str, Cell] = field(default_factory=dict)
    #: scale items: band or POOLED -> mean of the answers' scores (0-1), pooled by score for ``mean_score``
    means: dict[str, Cell] = field(default_factory=dict)

    def rows_for(self, group: str) -> list[OptionRow]:
        codes = self.offered.get(group, ())
        return [row for row in self.rows if row.code in codes]


def month_bounds(filters: ResultFilters) -> tuple[datetime | None, datetime | None]:
    """The period as UTC instants: from the first day of ``first_month`` to the end of ``last_month``."""
    start = from_city_time(datetime(filters.first_month.year, filters.first_month.month, 1)) \
        if filters.first_month else None
    end = None
    if filters.last_month:
        year, month = divmod(filters.last_month.year * 12 + filters.last_month.month, 12)
        end = from_city_time(datetime(year, month + 1, 1))
    return start, end


def _sessions(version: QuestionnaireVersion, filters: ResultFilters):
    """The version's sessions the filters keep (a session's period is its opening time)."""
    query = select(AnswerSession.id).where(AnswerSession.version_id == version.id)
    if filters.place:
        column = {6: AnswerSession.district_code, 9: AnswerSession.street_code}.get(
            len(filters.place), AnswerSession.community_code)
        query = query.where(column == filters.place)
    if filters.setting:
        query = query.where(AnswerSession.setting == filters.setting)
    start, end = month_bounds(filters)
    if start:
        query = query.where(AnswerSession.opens_at >= start)
    if end:
        query = query.where(AnswerSession.opens_at < end)
    return query


def filtered_tallies(version: QuestionnaireVersion, code: str, filters: ResultFilters) -> dict[str, dict[str, Tally]]:
    """band -> value -> count and key sum, over the sessions the filters keep.

    Without a setting or period, the area tallies answer (a place is a prefix of the area code);
    otherwise the sessions' own tallies.
    """
    if filters.setting or filters.first_month or filters.last_month:
        table = AnswerTally
        query = select(AnswerTally.band, AnswerTally.value, func.sum(AnswerTally.count),
                       func.sum(AnswerTally.key_sum)).where(AnswerTally.session_id.in_(_sessions(version, filters)))
    else:
        table = AreaTally
        query = select(AreaTally.band, AreaTally.value, func.sum(AreaTally.count),
                       func.sum(AreaTally.key_sum)).where(AreaTally.version_id == version.id)
        if filters.place:  # only a whole district, street or community code is a place
            query = query.where(AreaTally.area_code.startswith(filters.place, autoescape=True)
                                if len(filters.place) in (6, 9, 12) and filters.place.isdigit() else false())
    query = query.where(table.item_code == code).group_by(table.band, table.value)
    if filters.band:
        query = query.where(table.band == filters.band)
    found: dict[str, dict[str, Tally]] = defaultdict(dict)
    for band, value, count, key in db.session.execute(query):
        found[band][value] = Tally(int(count), int(key or 0))
    return found


def item_sites(version: QuestionnaireVersion, code: str, filters: ResultFilters) -> frozenset[str]:
    """The schools or settings behind the item's figures, for the area rules that merge places."""
    query = select(AnswerSession.site_id).distinct().where(
        AnswerSession.id.in_(_sessions(version, filters)), has_answers(code), AnswerSession.site_id.is_not(None))
    return frozenset(str(site) for site in db.session.scalars(query))


def count_item_sites(version: QuestionnaireVersion, code: str, filters: ResultFilters) -> int:
    """Distinct schools or settings behind the item's figures (the public area rule needs 3)."""
    query = select(func.count(func.distinct(AnswerSession.site_id))).where(
        AnswerSession.id.in_(_sessions(version, filters)), has_answers(code))
    return db.session.scalar(query) or 0


def wilson_interval(count: int, base: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of count/base, as proportions (sound at small n and near 0 or 1)."""
    p = count / base
    centre = (p + z * z / (2 * base)) / (1 + z * z / base)
    half = z * math.sqrt(p * (1 - p) / base + z * z / (4 * base * base)) / (1 + z * z / base)
    return max(0.0, centre - half), min(1.0, centre + half)


def _options(item: Item, bands: list[str], lang: str) -> list[tuple[str, str]]:
    """(code, label) of every option any shown band offers, in list order; one code worded differently
    for different bands shows each wording ("No / Not true")."""
    options: dict[str, list[str]] = {}
    for band in bands:
        band_item = item.bands[band]
        points = band_item.scale.points if band_item.scale else band_item.choices
        for point in points:
            labels = options.setdefault(point.code, [])
            if (label := local(point.label, lang)) not in labels:
                labels.append(label)
    return [(code, " / ".join(labels)) for code, labels in options.items()]


def _poolable(item: Item, bands: list[str]) -> bool:
    """Bands pool into one distribution only when they answer with the same options."""
    def codes(band):
        band_item = item.bands[band]
        return tuple(p.code for p in (band_item.scale.points if band_item.scale else band_item.choices))
    return len(bands) > 1 and len({codes(band) for band in bands}) == 1


def item_distribution(version: QuestionnaireVersion, code: str, filters: ResultFilters, audience: Audience,
                      lang: str) -> ItemDistribution | None:
    """The item's distribution by band (and pooled where the bands share options); None for no such item."""
    item = next((i for i in get_definition(version).items if i.code == code and not i.practice), None)
    if item is None:
        return None
    bands = [band for band in item.bands if filters.band in (None, band)]
    tallies = filtered_tallies(version, code, filters)
    if not any(tallies.get(band) for band in bands):
        return ItemDistribution(item, tuple(bands), {}, (), empty=True)
    sites = count_item_sites(version, code, filters) if audience is Audience.PUBLIC else None
    if item.type == "number":
        result = _number_distribution(item, bands, tallies, audience, sites)
    elif item.type == "text":
        result = _text_distribution(item, bands, tallies, audience, sites)
    else:
        options = _place_options(bands, tallies) if item.type == "place" else _options(item, bands, lang)
        optouts = [(c, local(OPTOUT_LABELS[c], lang)) for c in OPTOUT_LABELS
                   if any(c in tallies.get(b, {}) for b in bands)]
        result = _choice_distribution(item, bands, tallies, [*options, *optouts], audience, sites)
    return replace(result, asked=_asked(version, item, result.groups, tallies, filters, audience, sites))


def _asked(version: QuestionnaireVersion, item: Item, groups: tuple[str, ...], tallies, filters: ResultFilters,
           audience: Audience, sites: int | None) -> dict[str, Cell]:
    """Children shown the item per band: '_asked' where a relevance rule decides, else the band's responses."""
    bands = [group for group in groups if group != POOLED]
    responses = filtered_tallies(version, RESPONSES, filters) \
        if any(item.bands[band].relevant is None for band in bands) else {}
    asked = {band: (tallies.get(band, {}).get(ASKED) if item.bands[band].relevant is not None
                    else responses.get(band, {}).get(COUNTED)) or Tally(0, 0) for band in bands}
    if POOLED in groups:
        asked[POOLED] = Tally(sum(t.count for t in asked.values()), sum(t.key for t in asked.values()))
    policy = disclosure_policy()
    return {group: protect_keyed_count(t.count, t.key, audience=audience, policy=policy, settings_count=sites)
            for group, t in asked.items()}


def _base(item: Item, values: dict[str, Tally]) -> Tally:
    """Respondents with a substantive answer: the '_answered' rollup for several codes, else the sum."""
    if item.type in ("multiple", "rank"):
        return values.get(ANSWERED, Tally(0, 0))
    chosen = [t for value, t in values.items() if not value.startswith("_")]
    return Tally(sum(t.count for t in chosen), sum(t.key for t in chosen))


def _choice_distribution(item: Item, bands: list[str], tallies, options, audience: Audience,
                         sites: int | None) -> ItemDistribution:
    policy = disclosure_policy()
    pooled = _poolable(item, bands)
    groups = (*bands, POOLED) if pooled else tuple(bands)
    counts = {(option, band): tallies.get(band, {}).get(option, Tally(0, 0)).count
              for option, _ in options for band in bands}
    # The public area rule: every cell and margin stands on the same schools (those behind the item).
    everywhere = None if sites is None else {
        (row, column): sites for row in [*(o for o, _ in options), TOTAL] for column in [*bands, TOTAL]}
    table = protect_table(counts, audience=audience, policy=policy, settings=everywhere)
    bases = {band: _base(item, tallies.get(band, {})) for band in bands}
    if pooled:
        bases[POOLED] = Tally(sum(t.count for t in bases.values()), sum(t.key for t in bases.values()))
    rows = []
    for option, label in options:
        row_counts, row_shares, intervals = {}, {}, {}
        for group in groups:
            keys = [tallies.get(b, {}).get(option, Tally(0, 0)) for b in (bands if group == POOLED else [group])]
            tally = Tally(sum(t.count for t in keys), sum(t.key for t in keys))
            cell = table.cell(option, TOTAL if group == POOLED else group)
            row_counts[group] = cell if cell.suppressed else protect_keyed_count(
                tally.count, tally.key, audience=audience, policy=policy, settings_count=sites)
            if option.startswith("_"):
                continue  # opt-outs are counted, not given a share of the substantive answers
            base = bases[group]
            share = hidden_cell(Reason.COMPLEMENTARY) if cell.suppressed else protect_group_share(
                GroupShare(tally.count, base.count, tally.key, base.key), audience=audience, policy=policy,
                settings_count=sites)
            row_shares[group] = share
            if share.value is not None:  # from the same perturbed counts as the share
                shown_base = perturb(base.count, base.key)
                low, high = wilson_interval(min(perturb(tally.count, tally.key), shown_base), shown_base)
                intervals[group] = f"{round(low * 100)}–{round(high * 100)}%"
        ranks = None
        if item.type == "rank" and not option.startswith("_"):  # where the count is hidden, so are its ranks
            shown = {g: bands if g == POOLED else [g] for g in groups if not row_counts[g].suppressed}
            ranks = rank_columns(item, option, shown, tallies, bases, audience, sites)
        rows.append(OptionRow(option, label, row_counts, row_shares, intervals, ranks))
    base_cells = {group: protect_keyed_count(bases[group].count, bases[group].key, audience=audience, policy=policy,
                                             settings_count=sites) for group in groups}
    offered = {band: _offered(item, band, tallies) for band in bands}
    if pooled:
        offered[POOLED] = tuple(code for code in offered[bands[0]] if all(code in offered[b] for b in bands))
    # a mean beside a hidden count would give it back (mean × base is the counts weighted by score)
    complete = [band for band in bands
                if not any(row.counts[band].suppressed for row in rows if not row.code.startswith("_"))]
    means = _means(item, bands, tallies, audience, sites, complete) if item.type == "scale" else {}
    return ItemDistribution(item, groups, base_cells, tuple(rows), offered=offered, means=means)


def _means(item: Item, bands: list[str], tallies, audience: Audience, sites: int | None,
           complete: list[str] | None = None) -> dict[str, Cell]:
    """Mean score per band from perturbed counts (so it moves with its counts, never exactly), and pooled
    across bands when the item pools by score: bands on different scales meet on their 0-1 scores.

    Only bands in ``complete`` (none of their counts hidden) get a mean, and the pooled mean only when
    every band has one: else the pooled mean and the other bands' would give the hidden one back.
    """
    complete = bands if complete is None else complete
    policy, sums = disclosure_policy(), {}
    for band in bands:
        band_item = item.bands[band]
        scores = {p.code: p.score for p in (band_item.scale.points if band_item.scale else ()) if p.score is not None}
        counted = [(perturb(t.count, t.key), scores[value], t.count)
                   for value, t in tallies.get(band, {}).items() if value in scores]
        if counted:
            sums[band] = (sum(n * score for n, score, _ in counted), sum(n for n, _, _ in counted),
                          sum(true for _, _, true in counted))
    if item.harmonise == "mean_score" and len(sums) > 1:
        sums[POOLED] = tuple(sum(part[i] for part in sums.values()) for i in range(3))
    means = {group: protect_mean(total / n if n else 0.0, true, audience=audience, policy=policy, settings_count=sites,
                                 digits=2) for group, (total, n, true) in sums.items()}
    for band in bands:
        if band in means and band not in complete:
            means[band] = hidden_cell(Reason.COMPLEMENTARY)
    if POOLED in means and any(means[band].value is None for band in sums if band != POOLED):
        means[POOLED] = hidden_cell(Reason.COMPLEMENTARY)
    return means


def _offered(item: Item, band: str, tallies) -> tuple[str, ...]:
    """The codes a band answers with: its scale or list (every place for a place item), and opt-outs it used."""
    values = tallies.get(band, {})
    if item.type == "place":
        own = tuple(value for value in values if not value.startswith("_"))
    else:
        band_item = item.bands[band]
        own = tuple(p.code for p in (band_item.scale.points if band_item.scale else band_item.choices))
    return own + tuple(code for code in OPTOUT_LABELS if code in values)


def _place_options(bands: list[str], tallies) -> list[tuple[str, str]]:
    codes = sorted({value for band in bands for value in tallies.get(band, {}) if not value.startswith("_")})
    names = {p.code: p.short_name for p in db.session.scalars(select(Place).where(Place.code.in_(codes)))}
    return [(code, names.get(code, code)) for code in codes]


def _text_distribution(item: Item, bands: list[str], tallies, audience: Audience,
                       sites: int | None) -> ItemDistribution:
    policy = disclosure_policy()
    bases = {band: tallies.get(band, {}).get("_text", Tally(0, 0)) for band in bands}
    cells = {band: protect_keyed_count(t.count, t.key, audience=audience, policy=policy, settings_count=sites)
             for band, t in bases.items()}
    return ItemDistribution(item, tuple(bands), cells, ())


def _number_distribution(item: Item, bands: list[str], tallies, audience: Audience,
                         sites: int | None) -> ItemDistribution:
    """Median and quartiles per band from the counted values (no share: numbers are not options)."""
    policy = disclosure_policy()
    bases, quartiles = {}, {}
    for band in bands:
        values = sorted((float(value), t.count) for value, t in tallies.get(band, {}).items()
                        if not value.startswith("_") and _is_number(value))
        total = sum(n for _, n in values)
        key = sum(t.key for value, t in tallies.get(band, {}).items() if not value.startswith("_"))
        bases[band] = protect_keyed_count(total, key, audience=audience, policy=policy, settings_count=sites)
        quartiles[band] = tuple(protect_mean(_quantile(values, total, q) if total else 0.0, total, audience=audience,
                                             policy=policy, settings_count=sites) for q in (0.25, 0.5, 0.75))
    return ItemDistribution(item, tuple(bands), bases, (), quartiles=quartiles)


def _is_number(value: str) -> bool:
    try:
        return math.isfinite(float(value))
    except ValueError:
        return False


def _quantile(values: list[tuple[float, int]], total: int, q: float) -> float:
    """The value at rank ceil(q × total) (the lower of two middle values, as a count table allows)."""
    rank, seen = max(1, math.ceil(q * total)), 0
    for value, count in values:
        seen += count
        if seen >= rank:
            return value
    return values[-1][0]
