"""The plan's matrix: six action areas × three scales, each cell the harmonised score of its items.

A cell's score is the share of counted answers (agree and strongly agree, weekly and daily ...) over all
answers to the cell's ``agree_share`` items, pooled across bands. It is computed for one place (the
city, a district, a street or a community) from the running tallies, and every cell passes disclosure
control with perturbed counts. The place's children are listed with how many cells they can show, so
a reader drills down until disclosure control stops it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from ..extensions import db
from ..fieldwork.models import AnswerSession, AreaTally
from ..places.models import Place
from ..places.services import children_of, get_place
from ..privacy.disclosure import (
    AreaCount,
    Audience,
    Cell,
    GroupShare,
    Reason,
    area_passes,
    protect_count,
    protect_group_share,
    protect_keyed_count,
    roll_up_areas,
)
from ..privacy.disclosure.cells import empty_cell, hidden_cell
from ..questionnaires.models import QuestionnaireVersion
from ..questionnaires.schema import Item
from ..questionnaires.services import get_definition
from ..questionnaires.vocabulary import ACTIONS, SCALES
from .services import disclosure_policy, has_answers

#: The finest place a session records: its community, or its street when it has none (the area tallies' key).
_AREA = func.coalesce(AnswerSession.community_code, AnswerSession.street_code)
_CHILD_LEVEL = {4: "district", 6: "street", 9: "community"}


@dataclass(frozen=True)
class MatrixCell:
    action: str
    scale: str
    score: Cell       # share of counted answers over the cell's items, all bands pooled
    children: Cell    # at least this many children answered (the largest item base of the cell)
    items: tuple[str, ...]


@dataclass(frozen=True)
class ChildPlace:
    place: Place
    cells_shown: int


@dataclass(frozen=True)
class PlanMatrix:
    place: Place | None               # None: the whole city
    cells: dict[tuple[str, str], MatrixCell]
    children: tuple[ChildPlace, ...]
    known_place: bool = True

    @property
    def cells_shown(self) -> int:
        return sum(1 for cell in self.cells.values() if cell.score.value is not None)


def matrix_items(version: QuestionnaireVersion) -> dict[tuple[str, str], list[Item]]:
    """The indicator items of each (action, scale) cell: tagged with both, pooled by ``agree_share``."""
    cells: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for item in get_definition(version).items:
        action, scale = item.tags.get("action"), item.tags.get("scale")
        if item.harmonise == "agree_share" and item.is_indicator and action in ACTIONS and scale in SCALES:
            cells[(action, scale)].append(item)
    return cells


def _agree_codes(item: Item) -> dict[str, set[str]]:
    return {band: {p.code for p in band_item.scale.points if p.agree} if band_item.scale else set()
            for band, band_item in item.bands.items()}


@dataclass
class _Sums:
    agree: int = 0
    agree_key: int = 0
    base: int = 0
    base_key: int = 0
    children: int = 0  # the largest item base: a lower bound of the children behind the cell

    def add(self, other: _Sums) -> None:
        self.agree, self.agree_key = self.agree + other.agree, self.agree_key + other.agree_key
        self.base, self.base_key = self.base + other.base, self.base_key + other.base_key


def _area_tallies(version: QuestionnaireVersion, codes: list[str]):
    """area -> {(band, item, value): (count, key sum)}, and area -> the sites behind it."""
    query = (select(AreaTally.area_code, AreaTally.band, AreaTally.item_code, AreaTally.value, AreaTally.count,
                    AreaTally.key_sum)
             .where(AreaTally.version_id == version.id, AreaTally.item_code.in_(codes)))
    tallies: dict[str, dict[tuple[str, str, str], tuple[int, int]]] = defaultdict(dict)
    for area, band, code, value, count, keys in db.session.execute(query):
        tallies[area][(band, code, value)] = (int(count), int(keys or 0))
    site_rows = db.session.execute(select(_AREA, AnswerSession.site_id).distinct().where(
        AnswerSession.version_id == version.id, has_answers(), AnswerSession.site_id.is_not(None)))
    sites: dict[str, set[str]] = defaultdict(set)
    for area, site in site_rows:
        sites[area].add(str(site))
    return _fold_overlaps(tallies, sites)


def _fold_overlaps(tallies, sites):
    """A street with sessions of its own and in its communities becomes one area: areas must not overlap."""
    streets = {area for area in tallies if len(area) == 9}
    folded: dict[str, dict[tuple[str, str, str], tuple[int, int]]] = defaultdict(dict)
    folded_sites: dict[str, set[str]] = defaultdict(set)
    for area, values in tallies.items():
        target = area[:9] if area[:9] in streets else area
        for key, (count, keys) in values.items():
            before = folded[target].get(key, (0, 0))
            folded[target][key] = (before[0] + count, before[1] + keys)
        folded_sites[target] |= sites.get(area, set())
    return folded, folded_sites


def _cell_sums(items: list[Item], tallies) -> _Sums:
    sums = _Sums()
    for item in items:
        codes, item_base = _agree_codes(item), 0
        for (band, code, value), (count, keys) in tallies.items():
            if code != item.code or value.startswith("_") or band not in codes:
                continue
            sums.base, sums.base_key, item_base = sums.base + count, sums.base_key + keys, item_base + count
            if value in codes[band]:
                sums.agree, sums.agree_key = sums.agree + count, sums.agree_key + keys
        sums.children = max(sums.children, item_base)
    return sums


def _under(code: str, area: str) -> bool:
    return area.startswith(code)


def plan_matrix(version: QuestionnaireVersion, place_code: str | None, audience: Audience) -> PlanMatrix:
    """The matrix for the city (``place_code`` None) or one place, and its children with what they can show.

    For each cell, the areas' figures go through ``roll_up_areas``: a place is shown only when it passes
    and no sibling's hidden figure could be had from it (parent minus shown children, DC5).
    """
    items_by_cell = matrix_items(version)
    codes = [item.code for items in items_by_cell.values() for item in items]
    place = get_place(place_code) if place_code else None
    if place_code and (place is None or place.level not in ("district", "street", "community")):
        return PlanMatrix(None, {}, (), known_place=False)
    tallies, sites = _area_tallies(version, codes)
    policy = disclosure_policy()
    root = place_code or next(iter(sorted(tallies)), "4403")[:4]
    child_level = _CHILD_LEVEL.get(len(root))
    child_places = children_of(root if len(root) > 4 else None, child_level) if child_level else []
    child_codes = [child.code for child in child_places]
    cells, shown_by_child = {}, defaultdict(int)
    for action in ACTIONS:
        for scale in SCALES:
            items = items_by_cell.get((action, scale), [])
            per_area = {area: _cell_sums(items, values) for area, values in tallies.items()}
            inputs = {area: AreaCount(n=sums.children, settings=frozenset(sites.get(area, ())))
                      for area, sums in per_area.items() if sums.base}
            published = roll_up_areas(inputs, policy=policy, audience=audience).published if inputs else {}
            total = _Sums()
            for area, sums in per_area.items():
                if _under(root, area):
                    total.add(sums)
                    total.children += sums.children
            if root in published:
                score = protect_group_share(GroupShare(total.agree, total.base, total.agree_key, total.base_key),
                                            audience=audience, policy=policy)
                children = protect_keyed_count(total.children, total.base_key, audience=audience, policy=policy)
            else:
                reason = Reason.NO_ANSWERS if not total.base else (
                    Reason.COMPLEMENTARY if _passes_alone(inputs, root, policy, audience) else Reason.LOW_BASE)
                score = empty_cell() if reason is Reason.NO_ANSWERS else hidden_cell(reason)
                children = protect_count(total.children, audience=audience, policy=policy)
            cells[(action, scale)] = MatrixCell(action, scale, score, children, tuple(i.code for i in items))
            for child in child_codes:
                shown_by_child[child] += child in published
    with_data = {area[:len(child)] for area in tallies for child in child_codes if _under(child, area)}
    children_list = tuple(ChildPlace(p, shown_by_child[p.code]) for p in child_places if p.code in with_data)
    return PlanMatrix(place, cells, children_list)


def _passes_alone(inputs, root: str, policy, audience: Audience) -> bool:
    """Whether the place would pass on its own (so it was hidden to protect a neighbour)."""
    group = AreaCount(n=0)
    for area, count in inputs.items():
        if _under(root, area):
            group = group.merge(count)
    return area_passes(group, policy, audience)
