"""A share pooled over groups and shown per group (age bands): no hidden group comes back by subtraction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .cells import Audience, Cell, Reason, hidden_cell, protect_shares
from .policy import DisclosurePolicy


@dataclass(frozen=True)
class GroupShare:
    """How many in one group chose the counted answers (``count``) out of how many answered (``base``)."""

    count: int
    base: int


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
    cells = {
        name: protect_shares({"share": group.count}, group.base, audience=audience, policy=policy,
                             settings_count=settings_count)["share"]
        for name, group in groups.items()
    }
    pooled = protect_shares({"share": sum(g.count for g in groups.values())}, sum(g.base for g in groups.values()),
                            audience=audience, policy=policy, settings_count=settings_count)["share"]
    hidden = [name for name, cell in cells.items() if cell.suppressed]
    if len(hidden) == 1 and not pooled.suppressed:
        shown = [name for name, cell in cells.items() if not cell.suppressed and cell.reason is not Reason.NO_ANSWERS]
        if shown:
            cells[min(shown, key=lambda name: (groups[name].base, name))] = hidden_cell(Reason.COMPLEMENTARY)
        else:
            pooled = hidden_cell(Reason.COMPLEMENTARY)
    return pooled, cells
