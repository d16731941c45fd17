"""Rank items: the share ranking each option first and its mean points, from the positional tallies.

Intake counts a ranked option again at its position ('_r1:park'). An option at position p of a band's
top k earns k - p + 1 points and an option not ranked earns none, so mean points run from 0 to k.
Both figures come from perturbed counts, like every share on the page: the exact sum of points is never
shown, so a mean read before and after one child answers does not give that child's ranking away.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..fieldwork.intake import ranked_value
from ..privacy.disclosure import Audience, Cell, GroupShare, protect_group_share, protect_mean
from ..privacy.disclosure.perturbation import perturb
from ..questionnaires.schema import Item
from .services import Tally, disclosure_policy

_NOTHING = Tally(0, 0)


@dataclass(frozen=True)
class RankColumns:
    firsts: dict[str, Cell]   # band or POOLED -> share of the base ranking the option first
    points: dict[str, Cell]   # band or POOLED -> mean points over the base


def positions(item: Item, band: str) -> int:
    """How many places a band ranks: its ``top``, or every choice when it ranks them all."""
    band_item = item.bands[band]
    return band_item.top or len(band_item.choices)


def rank_columns(item: Item, option: str, groups: dict[str, list[str]], tallies, bases: dict[str, Tally],
                 audience: Audience, sites: int | None) -> RankColumns:
    """``groups`` maps each shown group (a band, or POOLED) to the bands it adds up."""
    policy = disclosure_policy()
    firsts, points = {}, {}
    for group, bands in groups.items():
        first = [tallies.get(band, {}).get(ranked_value(1, option), _NOTHING) for band in bands]
        base = bases[group]
        firsts[group] = protect_group_share(
            GroupShare(sum(t.count for t in first), base.count, sum(t.key for t in first), base.key),
            audience=audience, policy=policy, settings_count=sites)
        earned = 0
        for band in bands:
            k = positions(item, band)
            for position in range(1, k + 1):
                tally = tallies.get(band, {}).get(ranked_value(position, option), _NOTHING)
                earned += perturb(tally.count, tally.key) * (k - position + 1)
        shown_base = perturb(base.count, base.key)
        points[group] = protect_mean(earned / shown_base if shown_base else 0.0, base.count, audience=audience,
                                     policy=policy, settings_count=sites, digits=2)
    return RankColumns(firsts, points)
