"""Problems found in a definition, each with where it is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    item: str | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"item {self.item}" if self.item else "instrument"
        return f"{self.file}: {where}: {self.field}: {self.message}"


class DefinitionError(Exception):
    """A definition has problems; nothing from it may be loaded."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
