"""Instruments as immutable objects, built from a definition file by ``parsing``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LocalText = dict[str, str]


def local(text: LocalText | None, lang: str) -> str:
    """Pick a language's wording, falling back to Chinese, then to anything."""
    if not text:
        return ""
    return text.get(lang) or text.get("zh") or next(iter(text.values()), "")


@dataclass(frozen=True)
class Choice:
    """A scale point or a choice-list option."""

    code: str
    label: LocalText
    face: str | None = None
    picture: str | None = None
    #: A media file kept with the instrument (``media/<image>``), from an XLSForm choice image.
    image: str | None = None
    exclusive: bool = False
    agree: bool = False
    score: float | None = None


@dataclass(frozen=True)
class Scale:
    name: str
    kind: str
    key: str
    points: tuple[Choice, ...]


@dataclass(frozen=True)
class Band:
    id: str
    min_age: int
    max_age: int
    label: LocalText
    item_cap: int
    assent: LocalText
    free_text: bool = True
    max_points: int = 5


@dataclass(frozen=True)
class BandItem:
    """One item as one band sees it: wording, response format and rules."""

    code: str
    type: str
    band: str
    section: str
    text: LocalText
    help: LocalText
    read_aloud: LocalText
    choices: tuple[Choice, ...] = ()
    scale: Scale | None = None
    optouts: tuple[str, ...] = ()
    max_choices: int | None = None
    top: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = True
    level: str | None = None
    relevant: list | None = None
    relevant_text: str | None = None
    constraint: list | None = None
    constraint_text: str | None = None
    constraint_message: LocalText = field(default_factory=dict)
    practice: bool = False
    gate: bool = False
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def stores_answer(self) -> bool:
        return self.type != "note" and not self.practice

    def choice(self, code: str) -> Choice | None:
        return next((c for c in self.choices if c.code == code), None)


@dataclass(frozen=True)
class Item:
    code: str
    type: str
    section: str
    tags: dict[str, str]
    harmonise: str | None
    practice: bool
    bands: dict[str, BandItem]
    role: str = "indicator"  # vocabulary.ITEM_ROLES

    @property
    def is_indicator(self) -> bool:
        return self.role == "indicator" and not self.practice

    def options(self, lang: str) -> list[tuple[str, str]]:
        """(code, label) of every answer any band offers (its scale or list), in first-seen order."""
        seen: dict[str, str] = {}
        for band_item in self.bands.values():
            for point in band_item.scale.points if band_item.scale else band_item.choices:
                seen.setdefault(point.code, local(point.label, lang))
        return list(seen.items())


@dataclass(frozen=True)
class Section:
    id: str
    title: LocalText
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Instrument:
    id: str
    version: int
    title: LocalText
    introduction: LocalText
    bands: tuple[Band, ...]
    sections: tuple[Section, ...]
    scales: dict[str, Scale]
    choice_lists: dict[str, tuple[Choice, ...]]
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def item(self, code: str) -> Item | None:
        return next((item for item in self.items if item.code == code), None)

    def band(self, band_id: str) -> Band | None:
        return next((band for band in self.bands if band.id == band_id), None)

    def band_for_age(self, age: int) -> Band | None:
        return next((band for band in self.bands if band.min_age <= age <= band.max_age), None)

    def items_for(self, band_id: str) -> list[BandItem]:
        """The items a band answers, in order (practice items first, as they are asked first)."""
        chosen = [item.bands[band_id] for item in self.items if band_id in item.bands]
        return sorted(chosen, key=lambda bi: not bi.practice)
