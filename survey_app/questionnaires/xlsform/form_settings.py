"""The settings sheet: the instrument's id, version, title and introduction, and this workbook's band."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..vocabulary import OPTOUTS
from .columns import cell_bool, cell_number, cell_words
from .forms import ImportDefaults
from .reading import Line, Recorder, Sheet

#: Said before a plain form's first question when its workbook has no introduction of ours.
DEFAULT_INTRODUCTION = {"zh": "没有对错，每个问题都可以跳过。",
                        "en": "There are no right or wrong answers, and you can skip any question."}
#: A plain form's assent: only what is true of every survey in this app (skipping and stopping are allowed).
DEFAULT_ASSENT = {"zh": "你可以不回答任何问题，也可以随时停下来。",
                  "en": "You don't have to answer any question, and you can stop at any time."}
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,63}$"


def read_settings(sheet: Sheet, defaults: ImportDefaults, recorder: Recorder) -> tuple[dict, dict]:
    """(instrument fields, band fields); a plain form's gaps are filled from ``defaults``."""
    line = sheet.lines[0] if sheet.lines else Line(1, {})
    return _meta(sheet, line, defaults, recorder), _band(sheet, line, defaults, recorder)


def _meta(sheet: Sheet, line: Line, defaults: ImportDefaults, recorder: Recorder) -> dict[str, Any]:
    # Like pyxform, a form without form_id or form_title is named after its file.
    form_title = line.text("form_title") or line.text("form_id") or Path(recorder.file).stem
    instrument_id = line.text("instrument_id") or defaults.instrument_id or _slug(line.text("form_id") or form_title)
    if not re.match(ID_PATTERN, instrument_id):
        recorder.add(None, "instrument_id", f"cannot use {instrument_id!r} as an instrument id; give one "
                                            "(lower-case letters, digits and hyphens)")
    version = line.text("version") or ""
    title = recorder.texts(sheet, line, "instrument_title", None, required=False)
    if not title:
        title = {"zh": form_title, "en": form_title}  # a plain form has one title; translate it later
    optouts = cell_words(line.get("default_optouts"))
    optouts = [] if optouts == ["none"] else optouts
    for unknown in [name for name in optouts if name not in OPTOUTS]:
        recorder.add(None, "default_optouts", f"unknown opt-out {unknown!r}; use {', '.join(OPTOUTS)}")
    return {"id": instrument_id, "version": int(version) if version.isdigit() else defaults.version,
            "title": title, "introduction": _text(sheet, line, "introduction", DEFAULT_INTRODUCTION, recorder),
            "default_optouts": optouts}


def _band(sheet: Sheet, line: Line, defaults: ImportDefaults, recorder: Recorder) -> dict[str, Any]:
    ages = _ages(line, defaults, recorder)
    label = {"zh": f"{ages[0]}-{ages[1]}岁", "en": f"Ages {ages[0]}-{ages[1]}"}
    band: dict[str, Any] = {"id": line.text("band") or defaults.band, "ages": ages,
                            "label": _text(sheet, line, "band_label", label, recorder)}
    for column, key in (("band_item_cap", "item_cap"), ("band_max_points", "max_points")):
        try:
            value = cell_number(line.get(column))
        except ValueError:
            recorder.add(None, column, f"{line.text(column)!r} is not a number")
            value = None
        if value is not None:
            band[key] = value
    if band.get("max_points") == 5:
        del band["max_points"]  # the default; keeps the definition short
    if line.text("band_free_text") and not cell_bool(line.get("band_free_text")):
        band["free_text"] = False
    band["assent"] = _text(sheet, line, "band_assent", DEFAULT_ASSENT, recorder)
    return band


def _ages(line: Line, defaults: ImportDefaults, recorder: Recorder) -> list[int]:
    text = line.text("band_ages")
    if not text:
        return list(defaults.ages)
    match = re.fullmatch(r"(\d+)\s*[-–~to ]+\s*(\d+)", text)
    if not match:
        recorder.add(None, "band_ages", f"{text!r} is not 'youngest-oldest', e.g. '9-11'")
        return list(defaults.ages)
    return [int(match.group(1)), int(match.group(2))]


def _text(sheet: Sheet, line: Line, column: str, default: dict[str, str], recorder: Recorder) -> dict[str, str]:
    return recorder.texts(sheet, line, column, None, required=False) or dict(default)


def _slug(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-")[:64]
