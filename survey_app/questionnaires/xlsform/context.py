"""What reading one survey sheet shares: the sheet, lists, names, media, and what has been built so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .choice_lists import ChoiceList
from .findings import Recorder
from .media import MediaFiles
from .names import Codes
from .sheets import Line, Sheet
from .translate import Names


@dataclass
class Context:
    sheet: Sheet
    lists: dict[str, ChoiceList]
    recorder: Recorder
    band: str
    #: "settings", "option" or "default": messages never name a band setting the user did not write.
    band_origin: str
    default_optouts: list[str]
    media: MediaFiles
    #: Tags the settings sheet gives every question (then groups, then rows override them).
    form_tags: dict[str, str] = field(default_factory=dict)
    names: Names = field(default_factory=Names)
    codes: Codes = field(default_factory=Codes)
    #: Our scales and choice lists by name, as built for the definition.
    scales: dict[str, dict[str, Any]] = field(default_factory=dict)
    choices: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: How many questions use each scale or list so far (a list only one question uses may be changed in place).
    uses: dict[str, int] = field(default_factory=dict)
    #: "item:CODE" / "list:NAME" -> (sheet title, row, {our column: header as written}).
    places: dict[str, tuple[str, int | None, dict[str, str]]] = field(default_factory=dict)

    def problem(self, line: Line | None, column: str, message: str, item: str | None = None) -> None:
        self.recorder.problem(self.sheet.title, line.number if line else None, self.column(column), message, item)

    def warn(self, line: Line | None, column: str, message: str, item: str | None = None,
             group: str | None = None) -> None:
        self.recorder.warn(self.sheet.title, line.number if line else None, self.column(column), message, item,
                           group)

    def column(self, column: str) -> str:
        """A column as the sheet writes it (``label::English (en)`` may be ``label::English`` there)."""
        base, _, lang = column.partition("::")
        if lang:
            key = "zh" if "zh" in lang else "en"
            return self.sheet.column(base, key)
        return self.sheet.column(column) if column else column

    def band_said(self) -> str:
        """How a message names this workbook's band, saying where the id came from."""
        if self.band_origin == "settings":
            return f"band {self.band!r} (the settings sheet's band)"
        if self.band_origin == "option":
            return f"band {self.band!r} (given for this import)"
        return f"band {self.band!r} (assumed, as the workbook names no band)"
