"""The codebook of a questionnaire version: every item as one row per band, for CSV and for the page.

What a researcher needs to read a wide or long export without the YAML: the code, its wording in zh
and en for each band, the type, the choices with codes and labels, the plan's action area and scale,
the Lundy element, the item's role, how bands are pooled, and when it is asked.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..questionnaires.schema import BandItem, Instrument, Item, local
from ..questionnaires.vocabulary import OPTOUTS

COLUMNS = ("item_code", "band", "type", "role", "action", "scale", "lundy", "harmonise", "relevant",
           "wording_zh", "wording_en", "choices_zh", "choices_en")


@dataclass(frozen=True)
class CodebookRow:
    item: Item
    band_item: BandItem

    def values(self) -> dict[str, str]:
        tags = self.item.tags
        return {"item_code": self.item.code, "band": self.band_item.band, "type": self.item.type,
                "role": self.item.role, "action": tags.get("action", ""), "scale": tags.get("scale", ""),
                "lundy": tags.get("lundy", ""), "harmonise": self.item.harmonise or "",
                "relevant": self.band_item.relevant_text or "",
                "wording_zh": local(self.band_item.text, "zh"), "wording_en": local(self.band_item.text, "en"),
                "choices_zh": _choices(self.band_item, "zh"), "choices_en": _choices(self.band_item, "en")}


def codebook_rows(definition: Instrument) -> list[CodebookRow]:
    """Every item that stores an answer, once per band that is asked it, in questionnaire order."""
    return [CodebookRow(item, band_item) for item in definition.items if not item.practice
            for band_item in item.bands.values() if band_item.stores_answer]


def choice_labels(band_item: BandItem, lang: str) -> dict[str, str]:
    """code -> label of every answer this band can give: its scale or list, then its opt-outs."""
    points = band_item.scale.points if band_item.scale else band_item.choices
    labels = {point.code: local(point.label, lang) for point in points}
    for name in band_item.optouts:
        code, zh, en = OPTOUTS[name]
        labels[code] = zh if lang == "zh" else en
    return labels


def _choices(band_item: BandItem, lang: str) -> str:
    return "; ".join(f"{code}={label}" for code, label in choice_labels(band_item, lang).items())
