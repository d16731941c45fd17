"""Complementary (secondary) suppression for a two-way table published with its margins [59][63].

Think of the table with its totals row and column as a grid: every row of the grid (a table row
and its total, or the totals row and the grand total) and every column of the grid is one
equation "cells minus total = 0". Each grid entry sits in exactly one grid row and one grid column,
so the suppressed entries are the edges of a bipartite graph between grid rows and grid columns.
A suppressed entry can be solved exactly from the published entries if and only if its edge lies
on no cycle of that graph, i.e. it is a bridge. (The equations' null space is spanned by the
graph's cycles, which are all even, so +/- alternating along a cycle keeps every sum.)

The algorithm:

1. Line rule (the classic one): while some grid row or column has exactly one suppressed entry,
   also suppress its smallest published entry, preferring inner cells over totals and non-zero
   cells over zeros (a zero is weak cover: counts cannot go below it).
2. Bridge rule: the line rule leaves no line with a single suppression but can still leave a
   bridge (two suppressed rectangles joined by one cell). Suppress the smallest entry that joins
   the two sides of the bridge, closing a cycle through it, and go back to step 1.

Limits: this is a greedy heuristic, not an optimal (least information loss) solution. It stops
exact recovery from the equations of this table only; it does not compute the interval an attacker
gets from non-negativity, "<10" bounds or rounding, and it cannot see other tables in the release.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

Entry = tuple[str, str]
Node = tuple[str, str]  # ("r", grid row) or ("c", grid column)
SortKey = Callable[[Entry], tuple]  # smaller = hidden first


def complete_suppression(values: Mapping[Entry, int], primary: Iterable[Entry], sort_key: SortKey) -> set[Entry]:
    """Return the primary suppressions plus enough others that none can be solved exactly."""
    suppressed = set(primary)
    while True:
        added = _line_rule_entry(values, suppressed, sort_key) or _bridge_rule_entry(values, suppressed, sort_key)
        if added is None:
            return suppressed
        suppressed.add(added)


def _line_rule_entry(values: Mapping[Entry, int], suppressed: set[Entry], sort_key: SortKey) -> Entry | None:
    """Find a line with exactly one suppressed entry and return the entry that covers it."""
    for line in _lines(values):
        hidden = [entry for entry in line if entry in suppressed]
        if len(hidden) == 1:
            return min((entry for entry in line if entry not in suppressed), key=sort_key)
    return None


def _bridge_rule_entry(values: Mapping[Entry, int], suppressed: set[Entry], sort_key: SortKey) -> Entry | None:
    """Find a suppressed entry that is a bridge and return an entry closing a cycle through it."""
    adjacency = _adjacency(suppressed)
    for entry in sorted(suppressed, key=sort_key):
        row_side = _reachable(adjacency, ("r", entry[0]), skip=entry)
        if ("c", entry[1]) in row_side:
            continue  # on a cycle: not derivable
        column_side = _reachable(adjacency, ("c", entry[1]), skip=entry)
        joining = [
            candidate
            for candidate in values
            if candidate not in suppressed and _joins(candidate, row_side, column_side)
        ]
        if joining:
            return min(joining, key=sort_key)
    return None


def _joins(entry: Entry, side_a: set[Node], side_b: set[Node]) -> bool:
    row, column = ("r", entry[0]), ("c", entry[1])
    return (row in side_a and column in side_b) or (row in side_b and column in side_a)


def _lines(values: Mapping[Entry, int]) -> list[list[Entry]]:
    """Group grid entries into grid rows and grid columns (each is one published equation)."""
    lines: dict[Node, list[Entry]] = {}
    for entry in values:
        lines.setdefault(("r", entry[0]), []).append(entry)
        lines.setdefault(("c", entry[1]), []).append(entry)
    return list(lines.values())


def _adjacency(suppressed: set[Entry]) -> dict[Node, list[tuple[Node, Entry]]]:
    adjacency: dict[Node, list[tuple[Node, Entry]]] = {}
    for entry in suppressed:
        row, column = ("r", entry[0]), ("c", entry[1])
        adjacency.setdefault(row, []).append((column, entry))
        adjacency.setdefault(column, []).append((row, entry))
    return adjacency


def _reachable(adjacency: dict[Node, list[tuple[Node, Entry]]], start: Node, skip: Entry) -> set[Node]:
    """Return the nodes reachable from ``start`` through suppressed entries other than ``skip``."""
    seen, stack = {start}, [start]
    while stack:
        for neighbour, entry in adjacency.get(stack.pop(), ()):
            if entry != skip and neighbour not in seen:
                seen.add(neighbour)
                stack.append(neighbour)
    return seen
