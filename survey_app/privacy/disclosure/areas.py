"""Area results rolled up community -> street -> district when too small to show (AG2, DC1, DC5).

Place codes are NBS statistical codes where every code starts with its parent's: city 4 digits
(4403), district 6 (440303), street 9 (440303001), community 12 (440303001001).

How it works, top-down from each city:

- An area passes when its unweighted base and number of distinct contributing schools or settings
  meet the audience's thresholds (PUBLIC: n >= 30 and >= 3 settings [62]; otherwise n >= 10).
- Every published area shows its true figure, including the children that rolled up into it.
- Under a published area, children that fail are hidden; their data count only in the parent.
  Because parent minus shown children reveals the hidden children together (differencing, DC5),
  the hidden group as a whole must pass too. If it does not, the smallest passing sibling is also
  hidden (complementary), until it does. Hiding every child always works: that group is the parent.
- The descendants of a hidden area are hidden as well, so it cannot be rebuilt from its parts.

Limit: this protects one hierarchy of one table. Other tables or periods in the same release must
use the same roll-up, or be checked together, to stop differencing across them (DC5).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .cells import Audience
from .policy import DisclosurePolicy

LEVELS = (4, 6, 9, 12)  # city, district, street, community
INPUT_LEVELS = (6, 9, 12)


@dataclass(frozen=True)
class AreaCount:
    """The data behind one area's figure: base n, contributing settings, and optional answer counts."""

    n: int
    settings: frozenset[str] = frozenset()
    values: Mapping[str, int] = field(default_factory=dict)

    def merge(self, other: AreaCount) -> AreaCount:
        """Combine two disjoint groups of respondents (settings are counted once)."""
        values = dict(self.values)
        for key, count in other.values.items():
            values[key] = values.get(key, 0) + count
        return AreaCount(n=self.n + other.n, settings=self.settings | other.settings, values=values)


@dataclass(frozen=True)
class AreaRollUp:
    """Which area figures may be shown, and where each hidden input area's data went."""

    published: dict[str, AreaCount]  # area code (any level, including the city) -> its true figure
    rolled_up: dict[str, str | None]  # input code not published -> nearest published ancestor, None if withheld
    complementary: frozenset[str]  # areas that passed but were hidden so a small sibling cannot be derived


def parent_code(code: str) -> str | None:
    """Return the code one level up (community -> street -> district -> city), None for a city."""
    index = LEVELS.index(len(code))
    return code[: LEVELS[index - 1]] if index else None


def check_place_code(code: object) -> str:
    """Return a district, street or community code, or raise ValueError."""
    if not isinstance(code, str) or not code.isdigit() or len(code) not in INPUT_LEVELS:
        raise ValueError(f"not a district, street or community code: {code!r}")
    return code


def area_passes(area: AreaCount, policy: DisclosurePolicy, audience: Audience) -> bool:
    """Whether an area's figure may be shown on its own: its base and, for PUBLIC, its distinct settings."""
    if audience is not Audience.PUBLIC:
        return area.n >= policy.internal_min_cell
    return area.n >= policy.min_base_percent and len(area.settings) >= policy.min_settings_area


def roll_up_areas(
    counts_by_area: Mapping[str, AreaCount],
    *,
    policy: DisclosurePolicy,
    audience: Audience = Audience.PUBLIC,
) -> AreaRollUp:
    """Decide which areas to publish; input areas must not overlap (no code inside another)."""
    _check_disjoint(counts_by_area)
    totals = _totals(counts_by_area)
    children: dict[str, list[str]] = {}
    for code in sorted(totals):
        if (parent := parent_code(code)) is not None:
            children.setdefault(parent, []).append(code)
    state = _State(policy, audience, totals, children, counts_by_area)
    for root in sorted(code for code in totals if len(code) == LEVELS[0]):
        if state.passes(totals[root]):
            state.publish(root)
        else:
            state.hide(root, into=None)
    return AreaRollUp(state.published, state.rolled_up, frozenset(state.complementary))


class _State:
    """The walk's working data, so the recursive steps stay short."""

    def __init__(
        self,
        policy: DisclosurePolicy,
        audience: Audience,
        totals: dict[str, AreaCount],
        children: dict[str, list[str]],
        inputs: Mapping[str, AreaCount],
    ) -> None:
        self.policy, self.audience, self.totals = policy, audience, totals
        self.children, self.inputs = children, inputs
        self.published: dict[str, AreaCount] = {}
        self.rolled_up: dict[str, str | None] = {}
        self.complementary: set[str] = set()

    def passes(self, area: AreaCount) -> bool:
        return area_passes(area, self.policy, self.audience)

    def publish(self, code: str) -> None:
        self.published[code] = self.totals[code]
        kids = self.children.get(code, [])
        hidden = [kid for kid in kids if not self.passes(self.totals[kid])]
        if hidden:
            self._cover(hidden, kids)
        for kid in kids:
            if kid in hidden:
                self.hide(kid, into=code)
            else:
                self.publish(kid)

    def hide(self, code: str, *, into: str | None) -> None:
        """Send ``code`` and everything under it to the published ancestor ``into``."""
        for leaf in self.inputs:
            if leaf.startswith(code):
                self.rolled_up[leaf] = into

    def _cover(self, hidden: list[str], kids: list[str]) -> None:
        """Add passing siblings to ``hidden`` until the hidden group would pass on its own."""
        group = _merge_all(self.totals[kid] for kid in hidden)
        while not self.passes(group):
            spare = [kid for kid in kids if kid not in hidden]
            smallest = min(spare, key=lambda kid: (self.totals[kid].n, len(self.totals[kid].settings), kid))
            hidden.append(smallest)
            self.complementary.add(smallest)
            group = group.merge(self.totals[smallest])


def _totals(counts_by_area: Mapping[str, AreaCount]) -> dict[str, AreaCount]:
    """Return the figure of every input area and every area above one."""
    totals: dict[str, AreaCount] = {}
    for code, area in counts_by_area.items():
        node: str | None = code
        while node is not None:
            totals[node] = totals[node].merge(area) if node in totals else area
            node = parent_code(node)
    return totals


def _merge_all(areas: Iterable[AreaCount]) -> AreaCount:
    group = AreaCount(n=0)
    for area in areas:
        group = group.merge(area)
    return group


def _check_disjoint(counts_by_area: Mapping[str, AreaCount]) -> None:
    """Reject overlapping inputs: a street given beside its own communities would count twice."""
    codes = sorted(check_place_code(code) for code in counts_by_area)
    for before, after in zip(codes, codes[1:], strict=False):
        if after.startswith(before):
            raise ValueError(f"area {after} lies inside area {before}; give only non-overlapping areas")
