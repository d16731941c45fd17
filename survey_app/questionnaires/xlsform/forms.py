"""What one band's workbook says, before the bands are merged into one instrument."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ImportDefaults:
    """What to assume when a workbook lacks our custom columns (a plain KoboToolbox or ODK form).

    Values in the workbook always win. Tags have no default unless given: each item without them
    is a problem, because tags decide which indicator an answer counts towards and guessing would
    put answers in the wrong place.
    """

    band: str = "A"
    ages: tuple[int, int] = (6, 17)
    instrument_id: str | None = None
    version: int = 1
    #: e.g. {"action": "participation", "scale": "city", "lundy": "voice"}, used for items without tags.
    tags: dict[str, str] | None = None
    #: None: the number of answered items in the workbook.
    item_cap: int | None = None


@dataclass
class ItemForm:
    """One survey row: item-level fields, and the band's own settings (text, rules, list, ...)."""

    code: str
    type: str
    tags: dict[str, str]
    harmonise: str | None
    practice: bool
    settings: dict[str, Any]
    position: int | float | None


@dataclass
class SectionForm:
    id: str
    title: dict[str, str] | None  # None: a section made for rows outside any group
    position: int | float | None
    items: list[ItemForm] = field(default_factory=list)


@dataclass
class BandForm:
    """One workbook: the instrument fields it states, its band, sections, scales and choice lists."""

    source: str
    meta: dict[str, Any]
    band: dict[str, Any]
    sections: list[SectionForm]
    scales: dict[str, dict[str, Any]]
    choices: dict[str, list[dict[str, Any]]]
