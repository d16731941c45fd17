"""A policy brief for one action area of the plan, one period and one place, built from the tallies.

It gathers what a department needs on two pages: the area's questions with the share of children giving
a counted answer (lowest first: where children are least content), the area's row of the plan's matrix,
children's top priorities, the same shares by age band, by setting and by background answers (gender and
the like) where disclosure control allows,
and the sample behind them. Every figure is a protected cell from the same services as the results
pages, so a brief never shows what those pages would hide.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..fieldwork.breakdowns import breakdown_items
from ..fieldwork.intake import RESPONSES
from ..fieldwork.models import Setting
from ..places.models import Place
from ..places.services import children_of, get_place
from ..privacy.disclosure import (
    TOTAL,
    AreaCount,
    Audience,
    Cell,
    GroupShare,
    Reason,
    pooled_group,
    protect_count,
    protect_share_breakdown,
    protect_table,
    roll_up_areas,
)
from ..privacy.disclosure.cells import hidden_cell
from ..privacy.disclosure.perturbation import cell_key
from ..questionnaires.models import QuestionnaireVersion
from ..questionnaires.schema import Item
from ..questionnaires.services import get_definition
from ..questionnaires.vocabulary import ACTIONS, SCALES
from .breakdown import NOT_GIVEN, crossed_counts
from .distributions import (
    POOLED,
    ItemDistribution,
    OptionRow,
    ResultFilters,
    count_item_sites,
    filtered_tallies,
    item_distribution,
    item_sites,
)
from .matrix import MatrixCell, plan_matrix
from .services import agree_group, disclosure_policy

_CHILD_LEVEL = {None: "district", 6: "street", 9: "community"}
TOP_OPTIONS = 5


@dataclass(frozen=True)
class Finding:
    item: Item
    share: Cell                  # counted answers over substantive answers, bands pooled
    by_band: dict[str, Cell]
    by_setting: dict[str, Cell]  # Setting value -> share; hidden where too few children answered there
    #: background item -> its answer (or NOT_GIVEN) -> share: gender and the like, where the tallies allow
    by_background: dict[str, dict[str, Cell]] = field(default_factory=dict)


@dataclass(frozen=True)
class Priority:
    """The options children chose most for one rank or choice item, with the share behind each."""

    distribution: ItemDistribution
    group: str                   # the group the figures are for: POOLED, or the one band that answered
    options: tuple[OptionRow, ...]


@dataclass(frozen=True)
class SampleRow:
    place: Place
    children: Cell


@dataclass(frozen=True)
class PolicyBrief:
    action: str
    place: Place | None
    filters: ResultFilters
    audience: Audience
    findings: tuple[Finding, ...]
    matrix_row: tuple[MatrixCell, ...]
    priorities: tuple[Priority, ...]
    children_by_band: dict[str, Cell]   # band or TOTAL -> respondents
    children_by_place: tuple[SampleRow, ...]
    known: bool = True
    background_items: tuple[Item, ...] = ()
    #: background item -> (answer code, label), then (NOT_GIVEN, "")
    background_answers: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    @property
    def shown(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.share.value is not None]


def build_policy_brief(version: QuestionnaireVersion, action: str, filters: ResultFilters, audience: Audience,
                       lang: str) -> PolicyBrief:
    """The brief; ``known`` is False for an unknown action area or place (the page says which)."""
    place = get_place(filters.place) if filters.place else None
    narrowed = replace(filters, band=None, setting=None)
    if action not in ACTIONS or (filters.place and (place is None or place.level == "city")):
        return PolicyBrief(action, None, narrowed, audience, (), (), (), {}, (), known=False)
    items = [item for item in get_definition(version).items if item.tags.get("action") == action
             and item.is_indicator and not item.practice]
    findings = sorted((_finding(version, item, narrowed, audience) for item in items
                       if item.harmonise == "agree_share"),
                      key=lambda f: (f.share.value is None, f.share.value or 0, f.item.code))
    matrix = plan_matrix(version, filters.place, audience)
    row = tuple(matrix.cells[(action, scale)] for scale in SCALES) if matrix.known_place else ()
    background = tuple(breakdown_items(get_definition(version)))
    return PolicyBrief(action, place, narrowed, audience, tuple(findings), row,
                       _priorities(version, items, narrowed, audience, lang),
                       _children_by_band(version, narrowed, audience),
                       _children_by_place(version, place, narrowed, audience),
                       background_items=background,
                       background_answers={by.code: (*by.options(lang), (NOT_GIVEN, "")) for by in background})


def _finding(version: QuestionnaireVersion, item: Item, filters: ResultFilters, audience: Audience) -> Finding:
    policy = disclosure_policy()
    public = audience is Audience.PUBLIC
    sites = count_item_sites(version, item.code, filters) if public else None
    bands = _agree_by_band(item, filtered_tallies(version, item.code, filters))
    pooled, by_band = protect_share_breakdown(bands, audience=audience, policy=policy, settings_count=sites)
    by_kind = {}
    for kind in Setting:
        group = pooled_group(_agree_by_band(item, filtered_tallies(version, item.code, replace(filters, setting=kind))))
        if group.base:
            by_kind[kind.value] = group
    # The fewest schools behind any one setting decides the public rule for them all (fails closed).
    kind_sites = min(count_item_sites(version, item.code, replace(filters, setting=k)) for k in by_kind) \
        if public and by_kind else None
    kinds_pooled, by_setting = protect_share_breakdown(by_kind, audience=audience, policy=policy,
                                                       settings_count=kind_sites)
    # Settings split the same children as the bands do, and the pooled share is shown from the bands: a
    # setting hidden alone would come back as that share minus the others, so then none is shown.
    if kinds_pooled.suppressed and not pooled.suppressed:
        by_setting = {kind: hidden_cell(Reason.COMPLEMENTARY) for kind in by_setting}
    by_background = {} if filters.first_month or filters.last_month else {
        by.code: _agree_by_background(version, item, by, bands, filters, audience, sites, pooled)
        for by in breakdown_items(get_definition(version))}
    return Finding(item, pooled, by_band, by_setting, by_background)


def _agree_by_background(version, item: Item, by: Item, bands: dict[str, GroupShare], filters: ResultFilters,
                         audience: Audience, sites: int | None, pooled: Cell) -> dict[str, Cell]:
    """The share by each answer to a background item, and for the children who gave none: the groups add
    up to the pooled share, so they go through the same complementary rule as the bands."""
    crossed = crossed_counts(version, item.code, by.code, filters)
    groups: dict[str, GroupShare] = {}
    for answer, _label in by.options("zh"):
        shares = [agree_group(band_item, {value: tally for (given, value), tally in crossed.get(band, {}).items()
                                          if given == answer}) for band, band_item in item.bands.items()]
        groups[answer] = pooled_group(dict(enumerate(shares)))
    given = pooled_group(groups)
    whole = pooled_group(bands)
    keyed = None not in (whole.count_key, whole.base_key, given.count_key, given.base_key)
    groups[NOT_GIVEN] = GroupShare(whole.count - given.count, whole.base - given.base,
                                   cell_key(whole.count_key - given.count_key) if keyed else None,
                                   cell_key(whole.base_key - given.base_key) if keyed else None)
    own_pooled, cells = protect_share_breakdown(groups, audience=audience, policy=disclosure_policy(),
                                                settings_count=sites)
    if own_pooled.suppressed and not pooled.suppressed:  # as for settings: the pooled share is shown
        return {answer: hidden_cell(Reason.COMPLEMENTARY) for answer in cells}
    return cells


def _agree_by_band(item: Item, tallies) -> dict[str, GroupShare]:
    return {band: agree_group(band_item, tallies.get(band, {})) for band, band_item in item.bands.items()}


def _priorities(version, items: list[Item], filters: ResultFilters, audience: Audience, lang: str):
    """Every rank item (what children want done first), then the area's multiple and single choice items."""
    chosen = [item for item in get_definition(version).items if item.type == "rank" and item.is_indicator]
    chosen += [item for item in items if item.type in ("multiple", "single") and item.harmonise == "distribution"]
    priorities = []
    for item in chosen:
        distribution = item_distribution(version, item.code, filters, audience, lang)
        if distribution is None or distribution.empty:
            continue
        group = POOLED if POOLED in distribution.groups else distribution.groups[0]
        rows = [row for row in distribution.rows_for(group) if group in row.shares]
        rows.sort(key=lambda row: -_sort_share(row, group))
        priorities.append(Priority(distribution, group, tuple(rows[:TOP_OPTIONS])))
    return tuple(priorities)


def _sort_share(row: OptionRow, group: str) -> float:
    cell = row.ranks.firsts.get(group) if row.ranks else row.shares.get(group)
    return cell.value if cell is not None and cell.value is not None else -1.0


def _children_by_band(version, filters: ResultFilters, audience: Audience) -> dict[str, Cell]:
    """Respondents per band with their total, as one protected table (a hidden band is not total minus rest)."""
    tallies = filtered_tallies(version, RESPONSES, filters)
    counts = {("children", band): values["_n"].count for band, values in tallies.items() if "_n" in values}
    if not counts:
        return {}
    sites = count_item_sites(version, RESPONSES, filters) if audience is Audience.PUBLIC else None
    settings = None if sites is None else {key: sites for key in [*counts, ("children", TOTAL)]}
    table = protect_table(counts, audience=audience, policy=disclosure_policy(), settings=settings)
    return {band: table.cell("children", band) for _, band in [*counts, ("children", TOTAL)]}


def _children_by_place(version, place: Place | None, filters: ResultFilters, audience: Audience):
    """Children per district (for the city) or per place inside ``place``. A place is shown only when it
    passes and no sibling's hidden count could be had from it (the same area rule as the matrix)."""
    level = _CHILD_LEVEL.get(len(place.code) if place else None)
    if level is None:
        return ()
    counts = {}
    for child in children_of(place.code if place else None, level):
        narrowed = replace(filters, place=child.code)
        n = sum(values["_n"].count for values in filtered_tallies(version, RESPONSES, narrowed).values()
                if "_n" in values)
        if n:
            counts[child] = AreaCount(n=n, settings=item_sites(version, RESPONSES, narrowed))
    if not counts:
        return ()
    policy = disclosure_policy()
    published = roll_up_areas({child.code: count for child, count in counts.items()}, policy=policy,
                              audience=audience).published
    return tuple(SampleRow(child, protect_count(count.n, audience=audience, policy=policy)
                           if child.code in published else hidden_cell(Reason.LOW_BASE))
                 for child, count in counts.items())
