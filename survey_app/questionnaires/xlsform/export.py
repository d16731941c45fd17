"""Write one band of an instrument as an XLSForm workbook (survey, choices and settings sheets).

A workbook is one band, because an XLSForm has one wording per question. Every setting XLSForm
cannot hold goes in a custom column, so ``importer`` can rebuild the instrument from the workbooks.
"""

from __future__ import annotations

import io
from typing import Any

import openpyxl

from ..loader import parse_definition
from ..parsing import band_settings
from ..problems import DefinitionError, Problem
from ..schema import Band, BandItem, Choice, Instrument, Item, LocalText
from ..vocabulary import OPTOUTS
from .columns import (
    CHOICE_CUSTOM,
    EXPORT_TYPES,
    LANGUAGE_NAMES,
    SETTINGS_PLAIN,
    SETTINGS_TEXTS,
    SURVEY_CUSTOM,
    header,
)
from .rules import RuleError, conjoin, decide_band, to_xpath

#: What parsing assumes when a definition has no ``default_optouts``.
DEFAULT_OPTOUTS = ["dont_know", "prefer_not"]

Row = dict[str, Any]


def _texts(*bases: str) -> list[str]:
    return [header(base, lang) for base in bases for lang in ("zh", "en")]


SURVEY_HEADERS = ["type", "name", *_texts("label", "hint"), "relevant", "constraint",
                  *_texts("constraint_message"), "required", "appearance", *SURVEY_CUSTOM, *_texts("read_aloud")]
CHOICE_HEADERS = ["list_name", "name", *_texts("label"), *CHOICE_CUSTOM]
#: Added when a choice has an image; one per language, as pyxform wants every language's media column.
IMAGE_HEADERS = _texts("image")
SETTINGS_HEADERS = [*SETTINGS_PLAIN, *_texts(*SETTINGS_TEXTS)]


def export_xlsform(definition_data: dict, band: str, source: str = "definition") -> openpyxl.Workbook:
    """One band of a definition as an XLSForm workbook; raises DefinitionError if the definition has problems."""
    instrument, problems = parse_definition(definition_data, source)
    if instrument is None:
        raise DefinitionError(problems)
    chosen = instrument.band(band)
    if chosen is None:
        known = ", ".join(b.id for b in instrument.bands)
        raise DefinitionError([Problem(source, None, "band", f"unknown band {band!r}; bands are {known}")])
    lists = _Lists()
    survey = _survey_rows(instrument, definition_data, band, lists, source)
    return _workbook(survey, lists.rows, [_settings_row(instrument, definition_data, chosen)])


def workbook_bytes(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _Lists:
    """XLSForm choice lists, one per (scale or list, opt-outs): ODK keeps opt-outs in the list itself."""

    def __init__(self) -> None:
        self.names: dict[tuple, str] = {}
        self.rows: list[Row] = []

    def name_for(self, kind: str, base: str, choices: tuple[Choice, ...], optouts: tuple[str, ...]) -> str:
        key = (kind, base, optouts)
        if key not in self.names:
            wanted = "_".join([base, *(OPTOUTS[o][0].strip("_") for o in optouts)])
            unique, number = wanted, 1
            while unique in self.names.values():  # a scale and a choice list may share a name
                number += 1
                unique = f"{wanted}_{number}"
            self.names[key] = unique
            self.rows += [_choice_row(unique, choice) for choice in choices]
            self.rows += [_choice_row(unique, Choice(OPTOUTS[o][0], {"zh": OPTOUTS[o][1], "en": OPTOUTS[o][2]}))
                          for o in optouts]
        return self.names[key]


def _choice_row(list_name: str, choice: Choice) -> Row:
    return {"list_name": list_name, "name": choice.code, **_text("label", choice.label),
            **{name: choice.image for name in IMAGE_HEADERS}, "face": choice.face,
            "picture": choice.picture, "exclusive": _yes(choice.exclusive), "agree": _yes(choice.agree),
            "score": choice.score}


def _survey_rows(instrument: Instrument, data: dict, band: str, lists: _Lists, source: str) -> list[Row]:
    raw = {item.get("code"): item for section in data.get("sections") or [] for item in section.get("items") or []}
    positions = {item.code: n for n, item in enumerate(instrument.items, 1)}
    rows: list[Row] = []
    for number, section in enumerate(instrument.sections, 1):
        asked = [item for item in section.items if band in item.bands]
        if not asked:
            continue  # ODK warns about empty groups, and the band never sees the section
        rows.append({"type": "begin_group", "name": section.id, **_text("label", section.title), "position": number})
        for item in asked:
            settings = band_settings(raw[item.code], raw[item.code]["bands"].get(band))
            try:
                rows.append(_item_row(item, item.bands[band], settings, lists) | {"position": positions[item.code]})
            except RuleError as error:
                raise DefinitionError([Problem(source, item.code, f"bands.{band}", str(error))]) from error
        rows.append({"type": "end_group", "name": section.id})
    return rows


def _item_row(item: Item, bi: BandItem, settings: dict, lists: _Lists) -> Row:
    row: Row = {"type": _type(bi, settings, lists), "name": item.code, **_text("label", bi.text),
                **_text("hint", bi.help), "relevant": _xpath(_relevant(bi)), "constraint": _xpath(_constraint(bi)),
                **_text("constraint_message", bi.constraint_message), "required": _yes(item.type == "consent"),
                "item_type": item.type, "band": bi.band, **item.tags, "harmonise": item.harmonise,
                "practice": _yes(item.practice), "role": None if item.role == "indicator" else item.role,
                "top": bi.top, "max_length": bi.max_length, "level": bi.level}
    if bi.read_aloud != bi.text:
        row.update(_text("read_aloud", bi.read_aloud))
    if bi.scale:
        row.update(scale_name=bi.scale.name, scale_kind=bi.scale.kind, scale_key=bi.scale.key, appearance="likert")
    if item.type in ("single", "multiple", "rank", "consent"):
        row["choice_list"] = settings["choices"]
    if item.type == "number":
        row.update(min=bi.minimum, max=bi.maximum)
    if item.type == "multiple":
        row["max"] = bi.max_choices
    if not bi.choices and bi.optouts:
        row["optouts"] = " ".join(bi.optouts)  # list types carry opt-outs as choices instead
    return row


def _type(bi: BandItem, settings: dict, lists: _Lists) -> str:
    if bi.type == "number":
        return "integer" if bi.integer else "decimal"
    if bi.scale:
        return f"select_one {lists.name_for('scale', bi.scale.name, bi.scale.points, bi.optouts)}"
    if bi.type in ("single", "multiple", "rank", "consent"):
        list_name = lists.name_for("choices", settings["choices"], bi.choices, bi.optouts)
        return f"{EXPORT_TYPES[bi.type]} {list_name}"
    return EXPORT_TYPES[bi.type]


def _relevant(bi: BandItem) -> list | bool | None:
    return decide_band(bi.relevant, bi.band) if bi.relevant else None


def _constraint(bi: BandItem) -> list | bool | None:
    """Our constraint, then the limits ODK can only check as a constraint (``importer`` strips them again)."""
    own = decide_band(bi.constraint, bi.band) if bi.constraint else None
    if own is False:
        return False
    parts = [own] if isinstance(own, list) else []
    if bi.type == "number":
        parts += [["cmp", op, ["self"], ["lit", limit]]
                  for op, limit in ((">=", bi.minimum), ("<=", bi.maximum)) if limit is not None]
    if bi.type == "multiple" and bi.max_choices:
        parts.append(max_clause(bi.max_choices))
    return conjoin(parts)


def max_clause(most: int) -> list:
    return ["cmp", "<=", ["call", "count", "."], ["lit", most]]


def _xpath(tree: list | bool | None) -> str | None:
    if tree is None or tree is True:
        return None  # always true: no rule
    return to_xpath(["const", False] if tree is False else tree)


def _settings_row(instrument: Instrument, data: dict, band: Band) -> Row:
    optouts = data.get("default_optouts", DEFAULT_OPTOUTS)
    title = instrument.title
    return {"form_title": f"{title['zh']} / {title['en']} ({band.id})", "form_id": f"{instrument.id}_{band.id}",
            "version": str(instrument.version), "default_language": LANGUAGE_NAMES["zh"],
            "instrument_id": instrument.id, "default_optouts": " ".join(optouts) if optouts else "none",
            "band": band.id, "band_ages": f"{band.min_age}-{band.max_age}", "band_item_cap": band.item_cap,
            "band_max_points": band.max_points, "band_free_text": "yes" if band.free_text else "no",
            **_text("instrument_title", title), **_text("introduction", instrument.introduction),
            **_text("band_label", band.label), **_text("band_assent", band.assent)}


def _workbook(survey: list[Row], choices: list[Row], settings: list[Row]) -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    images = IMAGE_HEADERS if any(row.get(IMAGE_HEADERS[0]) for row in choices) else []
    for title, headers, rows in (("survey", SURVEY_HEADERS, survey), ("choices", [*CHOICE_HEADERS, *images], choices),
                                 ("settings", SETTINGS_HEADERS, settings)):
        sheet = workbook.create_sheet(title)
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(name) for name in headers])
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":  # text that starts with "=" stays text, never a live formula
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
    return workbook


def _text(base: str, text: LocalText) -> Row:
    return {header(base, lang): text.get(lang) for lang in ("zh", "en") if text.get(lang)}


def _yes(flag: bool) -> str | None:
    return "yes" if flag else None
