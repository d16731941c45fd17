"""Everything an import finds in one workbook: problems (nothing is written), warnings and YAML notes.

Reading never stops at a problem: each is recorded with its sheet, row and column, and reading goes
on, so one run reports everything. Warnings of one kind (the same appearance dropped on ten rows)
become one warning that lists the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..problems import Problem

MAX_LISTED_ROWS = 12


@dataclass
class _Group:
    sheet: str | None
    column: str
    message: str
    rows: list[int] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


class Recorder:
    """Collects one workbook's problems, warnings and notes (comments for the written YAML)."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self._groups: dict[str, _Group] = {}
        #: item code (None: the instrument) -> comments written above it in the YAML.
        self.notes: dict[str | None, list[str]] = {}

    def problem(self, sheet: str | None, row: int | None, column: str, message: str, item: str | None = None) -> None:
        self.problems.append(Problem(self.file, item, column, message, sheet, row))

    def warn(self, sheet: str | None, row: int | None, column: str, message: str, item: str | None = None,
             group: str | None = None) -> None:
        """A warning; those with the same ``group`` become one that lists their rows."""
        key = group or f"{sheet}|{row}|{column}|{message}"
        entry = self._groups.setdefault(key, _Group(sheet, column, message))
        if row is not None and row not in entry.rows:
            entry.rows.append(row)
        if item and item not in entry.items:
            entry.items.append(item)

    def note(self, item: str | None, text: str) -> None:
        """A comment for the YAML, above the item (or at the top of the file for None)."""
        notes = self.notes.setdefault(item, [])
        if text not in notes:
            notes.append(text)

    def has_problem(self, item: str | None = None, column: str | None = None) -> bool:
        return any((item is None or p.item == item) and (column is None or p.field == column) for p in self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return [self._merged(entry) for entry in self._groups.values()]

    def _merged(self, entry: _Group) -> Problem:
        message = entry.message
        if len(entry.rows) > 1:
            shown = ", ".join(str(row) for row in entry.rows[:MAX_LISTED_ROWS])
            more = f" and {len(entry.rows) - MAX_LISTED_ROWS} more" if len(entry.rows) > MAX_LISTED_ROWS else ""
            message = f"{message} (rows {shown}{more})"
        item = entry.items[0] if len(entry.items) == 1 else None
        return Problem(self.file, item, entry.column, message, entry.sheet, entry.rows[0] if entry.rows else None)
