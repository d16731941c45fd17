"""Geometry for the charts drawn on the server as SVG: the templates only place what is computed here.

A stacked bar shows one scale item's answers for one age band (or all ages) from the lowest answer to
the highest, on a diverging palette. Only shown shares are drawn; what disclosure control hid is one
grey segment where the first hidden answer stands (its total is the base minus the shown counts, which
the table gives anyway), so the shown answers keep their order.
"""

from __future__ import annotations

from dataclasses import dataclass

from .distributions import ItemDistribution

BAR_WIDTH = 400.0
#: Lowest to highest answer; a scale of n points takes n colours spread across it.
DIVERGING = ("#b2182b", "#d6604d", "#f4a582", "#d9d9d9", "#92c5de", "#4393c3", "#2166ac")
HIDDEN_FILL = "#bdbdbd"


@dataclass(frozen=True)
class Segment:
    label: str
    x: float
    width: float
    fill: str
    display: str        # the share as shown ("41%"), or "" for the hidden remainder
    hidden: bool = False


def stacked_bars(result: ItemDistribution) -> dict[str, list[Segment]]:
    """group -> segments of its stacked bar, for a scale item's groups that have a base."""
    bars = {}
    for group in result.groups:
        rows = [row for row in result.rows_for(group) if group in row.shares]
        if not rows or result.bases[group].display == "0":
            continue
        colours = _palette(len(rows))
        shown = sum(min(row.shares[group].value, 100) for row in rows if row.shares[group].value is not None)
        hidden_width = round(max(0.0, 100 - shown) / 100 * BAR_WIDTH, 1)
        segments, x, grey_drawn = [], 0.0, False
        for row, colour in zip(rows, colours, strict=True):
            cell = row.shares[group]
            if cell.value is None:  # every hidden answer together, where the first of them stands
                if not grey_drawn and hidden_width >= 0.5:
                    segments.append(Segment("", x, hidden_width, HIDDEN_FILL, "", hidden=True))
                    x += hidden_width
                grey_drawn = True
                continue
            width = round(min(cell.value / 100 * BAR_WIDTH, BAR_WIDTH - x), 1)  # shares are percentages
            segments.append(Segment(row.label, x, width, colour, cell.display))
            x += width
        if segments:
            bars[group] = segments
    return bars


def _palette(points: int) -> list[str]:
    if points == 1:
        return [DIVERGING[-1]]
    step = (len(DIVERGING) - 1) / (points - 1)
    return [DIVERGING[round(i * step)] for i in range(points)]
