"""Problems found in a definition, each with where it is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """What is wrong and where: a definition field, or a workbook's sheet, row and column.

    For a workbook, ``field`` is the column as its header is written (or the column that is missing)
    and ``row`` the row number Excel shows.
    """

    file: str
    item: str | None
    field: str
    message: str
    sheet: str | None = None
    row: int | None = None

    def __str__(self) -> str:
        if self.sheet:
            place = f"{self.sheet} row {self.row}" if self.row else f"{self.sheet} sheet"
            column = f", column {self.field}" if self.field else ""
            item = f" (item {self.item})" if self.item else ""
            return f"{self.file}: {place}{column}{item}: {self.message}"
        where = f"item {self.item}" if self.item else "instrument"
        return f"{self.file}: {where}: {self.field}: {self.message}"


class DefinitionError(Exception):
    """A definition has problems; nothing from it may be loaded."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
