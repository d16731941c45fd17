"""A share pooled over groups and shown per group (age bands): no hidden group comes back by subtraction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from .cells import Audience, Cell, Reason, hidden_cell, percent_of, protect_count, protect_shares, round_count
from .perturbation import cell_key, perturb
from .policy import DisclosurePolicy


@dataclass(frozen=True)
class GroupShare:
    """How many in one group chose the counted answers (``count``) out of how many answered (``base``).

    ``count_key`` and ``base_key`` are the cells' keys (sums of record keys); with them, a shown share is
    computed from perturbed counts (see perturbation.py). Without them it is exact.
    """

    count: int
    base: int
    count_key: int | None = None
    base_key: int | None = None


def pooled_group(groups: Mapping[str, GroupShare]) -> GroupShare:
    """The groups pooled: counts and bases summed, cell keys summed modulo 256 (when every group has keys)."""
    keyed = all(g.count_key is not None and g.base_key is not None for g in groups.values())
    return GroupShare(sum(g.count for g in groups.values()), sum(g.base for g in groups.values()),
                      cell_key(sum(g.count_key or 0 for g in groups.values())) if keyed else None,
                      cell_key(sum(g.base_key or 0 for g in groups.values())) if keyed else None)


def protect_keyed_count(n: int, key: int | None, *, audience: Audience, policy: DisclosurePolicy,
                        settings_count: int | None = None) -> Cell:
    """A count whose threshold is decided on the true count and whose shown value is perturbed (then rounded)."""
    cell = protect_count(n, audience=audience, policy=policy, settings_count=settings_count)
    if cell.value is None or key is None or n == 0:
        return cell
    shown = perturb(n, key)
    if audience is Audience.PUBLIC:
        shown = round_count(shown, policy.rounding_base)
    return replace(cell, count=shown, display=str(shown), value=shown)


def protect_group_share(group: GroupShare, *, audience: Audience, policy: DisclosurePolicy,
                        settings_count: int | None = None) -> Cell:
    """One group's share: thresholds on the true counts, the shown percentage from perturbed ones."""
    cell = protect_shares({"share": group.count}, group.base, audience=audience, policy=policy,
                          settings_count=settings_count)["share"]
    if cell.value is None or group.count_key is None or group.base_key is None:
        return cell  # hidden, coded or "no answers": nothing computed from the counts is shown
    base = perturb(group.base, group.base_key)
    percent = percent_of(min(perturb(group.count, group.count_key), base), base)
    return replace(cell, display=f"{percent}%", value=percent)


def protect_share_breakdown(
    groups: Mapping[str, GroupShare],
    *,
    audience: Audience,
    policy: DisclosurePolicy,
    settings_count: int | None = None,
) -> tuple[Cell, dict[str, Cell]]:
    """Return the pooled share and one share per group, each protected, with complementary suppression.

    The pooled figure is the groups' sum, so with one group hidden and every other group shown, the
    hidden one is the pooled figure minus the rest. A second group is then hidden too (the shown group
    with the smallest base); when no other group can be hidden, the pooled figure is. Groups nobody
    answered in show "no answers" and hide nothing.
    """
    cells = {name: protect_group_share(group, audience=audience, policy=policy, settings_count=settings_count)
             for name, group in groups.items()}
    pooled = protect_group_share(pooled_group(groups), audience=audience, policy=policy, settings_count=settings_count)
    hidden = [name for name, cell in cells.items() if cell.suppressed]
    if len(hidden) == 1 and not pooled.suppressed:
        shown = [name for name, cell in cells.items() if not cell.suppressed and cell.reason is not Reason.NO_ANSWERS]
        if shown:
            cells[min(shown, key=lambda name: (groups[name].base, name))] = hidden_cell(Reason.COMPLEMENTARY)
        else:
            pooled = hidden_cell(Reason.COMPLEMENTARY)
    return pooled, cells
