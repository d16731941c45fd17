"""What one band's workbook says, before the bands are merged into one instrument."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ImportDefaults:
    """What to assume when a workbook lacks our custom columns (a plain KoboToolbox or ODK form).

    Values in the workbook win, except ``version`` and ``instrument_id``, which override the
    workbook when given (``--version``, ``--id``). Tags have no default unless given: each item
    without them is a problem, because tags decide which indicator an answer counts towards and
    guessing would put answers in the wrong place.
    """

    #: None: band "A" (said to be the default wherever a message names it).
    band: str | None = None
    #: None: 6-17.
    ages: tuple[int, int] | None = None
    instrument_id: str | None = None
    #: Overrides the workbook's version (e.g. a date-style 2026112801 that should be 4).
    version: int | None = None
    #: e.g. {"action": "participation", "scale": "city", "lundy": "voice"}, used for items without tags.
    tags: dict[str, str] | None = None
    #: None: the number of answered items in the workbook.
    item_cap: int | None = None


DEFAULT_BAND = "A"
DEFAULT_AGES = (6, 17)


@dataclass
class ItemForm:
    """One question: item-level fields, the band's own settings (text, rules, list, ...), and its row."""

    code: str
    type: str
    tags: dict[str, str]
    harmonise: str | None
    practice: bool
    settings: dict[str, Any]
    position: int | float | None
    row: int | None = None
    role: str | None = None  # background or quasi_identifier; None: an indicator


@dataclass
class SectionForm:
    id: str
    title: dict[str, str] | None  # None: a section made for rows outside any group
    position: int | float | None
    items: list[ItemForm] = field(default_factory=list)
    row: int | None = None


@dataclass
class BandForm:
    """One workbook: the instrument fields it states, its band, sections, scales and choice lists."""

    source: str
    meta: dict[str, Any]
    band: dict[str, Any]
    sections: list[SectionForm]
    scales: dict[str, dict[str, Any]]
    choices: dict[str, list[dict[str, Any]]]
    #: Where things are, to point checker problems at a cell: "item:CODE", "list:NAME", "setting:COLUMN".
    places: dict[str, tuple[str, int | None, dict[str, str]]] = field(default_factory=dict)
    #: Where the band id came from: "settings" (the workbook), "option" (given) or "default".
    band_origin: str = "settings"
