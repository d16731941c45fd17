"""The rows of a long and a wide export, from the responses ``responses.stream_responses`` releases."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..questionnaires.schema import Instrument, Item
from .codebook import choice_labels

PLACE_COLUMNS = ("district", "street", "community")
HEAD = ("response_key", "month", "band", "setting", *PLACE_COLUMNS)


def _place_columns(code: str | None) -> list[str]:
    code = code or ""
    return [code[:6] if len(code) >= 6 else "", code[:9] if len(code) >= 9 else "", code if len(code) == 12 else ""]


class Labeller:
    """A value's label in one language for the band that gave it (codes of places and numbers as given)."""

    def __init__(self, definition: Instrument, lang: str):
        self.definition, self.lang, self._cache = definition, lang, {}

    def label(self, code: str, band: str, value: str) -> str:
        if (code, band) not in self._cache:
            item = self.definition.item(code)
            band_item = item.bands.get(band) if item else None
            self._cache[(code, band)] = choice_labels(band_item, self.lang) if band_item else {}
        return self._cache[(code, band)].get(value, value)


def long_rows(responses: Iterable, definition: Instrument, lang: str) -> Iterator[list[object]]:
    """One row per answer: the response's key and released facts, the item, the value's code and label,
    and the rank for a ranking item."""
    labeller = Labeller(definition, lang)
    yield [*HEAD, "item_code", "value_code", "value_label", "rank"]
    for response in responses:
        head = [response.key, response.month, response.band, response.setting, *_place_columns(response.place)]
        for code, value, rank in response.answers:
            yield [*head, code, value, labeller.label(code, response.band, value), rank if rank is not None else ""]


def wide_columns(items: list[Item]) -> list[tuple[str, str, str | None]]:
    """(column, item code, option or rank): one column per single-valued item, a combined column and one
    0/1 column per option for multiple choice, and one column per rank for a ranking item."""
    columns = []
    for item in items:
        if item.type == "multiple":
            options = list(dict.fromkeys(c.code for bi in item.bands.values() for c in bi.choices))
            columns += [(item.code, item.code, None)] + [(f"{item.code}_{o}", item.code, o) for o in options]
        elif item.type == "rank":
            depth = max((bi.top or len(bi.choices)) for bi in item.bands.values())
            columns += [(f"{item.code}_{position}", item.code, str(position)) for position in range(1, depth + 1)]
        else:
            columns.append((item.code, item.code, None))
    return columns


def wide_rows(responses: Iterable, definition: Instrument, items: list[Item], labels: bool,
              lang: str) -> Iterator[list[object]]:
    """One row per response; codes, or labels in ``lang`` when ``labels``."""
    labeller, columns = Labeller(definition, lang), wide_columns(items)
    kinds = {item.code: item.type for item in items}
    yield [*HEAD, *(name for name, _, _ in columns)]
    for response in responses:
        given: dict[str, list[tuple[str, int | None]]] = {}
        for code, value, rank in response.answers:
            given.setdefault(code, []).append((value, rank))

        def shown(code, value, band=response.band):
            return labeller.label(code, band, value) if labels else value

        row = [response.key, response.month, response.band, response.setting, *_place_columns(response.place)]
        for _name, code, part in columns:
            values = given.get(code, [])
            if kinds[code] == "multiple" and part is None:
                row.append(" ".join(shown(code, v) for v, _ in values))
            elif kinds[code] == "multiple":
                answered = any(not v.startswith("_") for v, _ in values)
                row.append((1 if any(v == part for v, _ in values) else 0) if answered else "")
            elif kinds[code] == "rank":
                at = [v for v, r in values if r is not None and str(r) == part]  # an opt-out stands at rank 1
                row.append(shown(code, at[0]) if at else "")
            else:
                row.append(shown(code, values[0][0]) if values else "")
        yield row
