"""Two-way count tables published with row, column and grand totals (DC1, DC2)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .cells import Audience, Cell, Reason, hidden_cell, protect_count
from .complementary import complete_suppression
from .policy import DisclosurePolicy

#: Row or column key of the margins in ``ProtectedTable.cells`` and in the ``settings`` mapping.
TOTAL = "__total__"


@dataclass(frozen=True)
class ProtectedTable:
    """A table safe to show: every inner cell and every total is protected for its audience."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Mapping[tuple[str, str], Cell]  # (row, column); TOTAL as row and/or column for margins

    def cell(self, row: str, column: str) -> Cell:
        return self.cells[(row, column)]

    def row_total(self, row: str) -> Cell:
        return self.cells[(row, TOTAL)]

    def column_total(self, column: str) -> Cell:
        return self.cells[(TOTAL, column)]

    @property
    def grand_total(self) -> Cell:
        return self.cells[(TOTAL, TOTAL)]

    def csv_rows(self, *, corner: str = "", total_label: str = "Total") -> list[list[str]]:
        """Return a header row and one row per table row plus the totals row, as display strings."""
        header = [corner, *self.columns, total_label]
        labels = [*self.rows, TOTAL]
        return [header] + [
            [total_label if row == TOTAL else row, *(self.cells[(row, col)].display for col in (*self.columns, TOTAL))]
            for row in labels
        ]


def protect_table(
    counts: Mapping[tuple[str, str], int],
    *,
    audience: Audience,
    policy: DisclosurePolicy,
    settings: Mapping[tuple[str, str], int] | None = None,
) -> ProtectedTable:
    """Protect a (row, column) -> count table and its true totals, with complementary suppression.

    Rows and columns keep the order they first appear in ``counts``; missing pairs count as 0.
    ``settings`` gives the number of contributing schools or settings per cell (PUBLIC only); a
    missing cell counts as 0 settings, so it fails closed. For totals it may be given under TOTAL
    keys; otherwise the line's largest cell count is used, a lower bound of the distinct number.
    """
    rows, columns = _labels(counts)
    grid = _grid(counts, rows, columns)
    cells = {
        entry: protect_count(
            value, audience=audience, policy=policy, settings_count=_settings_for(entry, grid, settings)
        )
        for entry, value in grid.items()
    }
    primary = {entry for entry, cell in cells.items() if cell.suppressed}
    order = {entry: index for index, entry in enumerate(grid)}

    def sort_key(entry: tuple[str, str]) -> tuple:
        is_total = TOTAL in entry
        return (is_total, grid[entry] == 0, grid[entry], order[entry])

    for entry in complete_suppression(grid, primary, sort_key) - primary:
        cells[entry] = hidden_cell(Reason.COMPLEMENTARY)
    return ProtectedTable(rows=rows, columns=columns, cells=MappingProxyType(cells))  # read-only for views


def _labels(counts: Mapping[tuple[str, str], int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    rows = tuple(dict.fromkeys(row for row, _ in counts))
    columns = tuple(dict.fromkeys(column for _, column in counts))
    if not rows:
        raise ValueError("a table needs at least one cell")
    if TOTAL in rows or TOTAL in columns:
        raise ValueError(f"{TOTAL!r} is reserved for the margins")
    return rows, columns


def _grid(
    counts: Mapping[tuple[str, str], int], rows: tuple[str, ...], columns: tuple[str, ...]
) -> dict[tuple[str, str], int]:
    """Return the inner cells followed by the true margins, keyed like ``ProtectedTable.cells``."""
    grid = {(row, column): counts.get((row, column), 0) for row in rows for column in columns}
    for row in rows:
        grid[(row, TOTAL)] = sum(grid[(row, column)] for column in columns)
    for column in columns:
        grid[(TOTAL, column)] = sum(grid[(row, column)] for row in rows)
    grid[(TOTAL, TOTAL)] = sum(grid[(row, TOTAL)] for row in rows)
    return grid


def _settings_for(
    entry: tuple[str, str], grid: Mapping[tuple[str, str], int], settings: Mapping[tuple[str, str], int] | None
) -> int | None:
    if settings is None:
        return None
    if entry in settings:
        return settings[entry]
    if TOTAL not in entry:
        return 0
    # A school seen in any cell of the line contributes to its total; more precise counts need ids.
    inner = [
        settings.get(other, 0)
        for other in grid
        if TOTAL not in other and (entry[0] in (TOTAL, other[0])) and (entry[1] in (TOTAL, other[1]))
    ]
    return max(inner, default=0)
