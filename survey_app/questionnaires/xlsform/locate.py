"""Point our checker's problems (``bands.B.relevant``) at the workbook cell a person must change.

The checker speaks in definition fields; someone who uploaded a workbook needs its sheet, row and
column, and what to do. Problems the reading already reported for the same item and column are not
repeated.
"""

from __future__ import annotations

import re

from ..problems import Problem
from .forms import BandForm

#: A per-band setting -> the survey column that holds it.
SETTING_COLUMNS = {"text": "label", "help": "hint", "read_aloud": "read_aloud", "scale": "type", "choices": "type",
                   "optouts": "optouts", "max": "max", "top": "top", "max_length": "max_length", "min": "min",
                   "level": "level", "relevant": "relevant", "constraint": "constraint",
                   "constraint_message": "constraint_message", "integer": "type", "": "type"}
ITEM_COLUMNS = {"code": "name", "type": "type", "tags": "action", "harmonise": "harmonise", "bands": "type",
                "item": "type"}
BAND_COLUMNS = {"item_cap": "band_item_cap", "ages": "band_ages", "label": "band_label", "assent": "band_assent",
                "max_points": "band_max_points", "": "band"}
INSTRUMENT_COLUMNS = {"id": "form_id", "version": "version", "title": "form_title", "introduction": "introduction",
                      "bands": "band"}
ADVICE = (("not an earlier item", "; move that question above this one, or correct the name"),
          ("over its cap", "; ask fewer questions in this workbook, or raise band_item_cap in the settings sheet"),
          ("which allows at most", "; use fewer points, or raise band_max_points in the settings sheet"),
          ("does not allow typed free text", "; this band's children do not type (band_free_text is no): remove "
                                             "the text question from this band"),
          ("has no choice", "; use a choice name from that question's list"),
          ("has no items", "; add questions to this workbook"),
          ("overlap in age", "; give the bands' workbooks ages that do not overlap (band_ages in settings)"),
          ("agree_share needs", "; mark agreeing points with agree = yes in the choices sheet"),
          ("rank needs top", "; fill the top column with how many to rank"))


def locate(problem: Problem, forms: list[BandForm]) -> Problem:
    """The problem at its workbook, sheet, row and column, with what to do."""
    form, key, column = _place(problem, forms)
    sheet, row, _ = form.places.get(key, (None, None, {}))
    message = problem.message + next((advice for words, advice in ADVICE if words in problem.message), "")
    if form.band_origin != "settings" and re.search(r"\bband\b", message):
        assumed = "assumed, as the workbook names no band" if form.band_origin == "default" else "given for this import"
        message += f" (band {form.band['id']!r} is {assumed})"
    return Problem(form.source, problem.item, column, message, sheet, row)


def _place(problem: Problem, forms: list[BandForm]) -> tuple[BandForm, str, str]:
    field, item = problem.field, problem.item
    by_band = {form.band["id"]: form for form in forms}
    ordered = sorted(forms, key=lambda f: f.band["ages"][0])
    match = re.match(r"bands\.([^.\[]+)\.?(.*)$", field) or re.match(r"bands\[(\d+)\]\.?(.*)$", field)
    form = forms[0]
    rest = field
    if match:
        chosen, rest = match.group(1), match.group(2)
        form = ordered[int(chosen)] if chosen.isdigit() and int(chosen) < len(ordered) else by_band.get(chosen, form)
    if item and f"item:{item}" in form.places:
        base, _, lang = rest.partition(".")
        column = SETTING_COLUMNS.get(base) if match else ITEM_COLUMNS.get(field.split(".")[0])
        if field.startswith("tags."):
            column = field.split(".", 1)[1]
        column = column or "type"
        if lang in ("zh", "en") and column in ("label", "hint", "read_aloud", "constraint_message"):
            column = f"{column}::{'中文 (zh)' if lang == 'zh' else 'English (en)'}"
        return form, f"item:{item}", column
    if item:
        form = next((f for f in forms if f"item:{item}" in f.places), form)
        return form, f"item:{item}", ITEM_COLUMNS.get(field.split(".")[0], "type")
    for prefix, key in (("scales.", "list:"), ("choices.", "list:"), ("sections.", "section:")):
        if field.startswith(prefix):
            name = re.split(r"[.\[]", field[len(prefix):])[0]
            form = next((f for f in forms if f"{key}{name}" in f.places), form)
            lang = re.search(r"\.label\.(zh|en)$", field)
            if lang:
                return form, f"{key}{name}", f"label::{'中文 (zh)' if lang.group(1) == 'zh' else 'English (en)'}"
            return form, f"{key}{name}", "label" if prefix == "sections." else "name"
    if match:
        return form, "settings", BAND_COLUMNS.get(rest.split(".")[0], "band")
    return form, "settings", INSTRUMENT_COLUMNS.get(field.split(".")[0], field)


def column_base(column: str) -> str:
    return column.split("::")[0].strip().lower()
