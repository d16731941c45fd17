"""Import XLSForm workbooks (ours, or plain KoboToolbox/ODK forms) as one instrument definition.

Nothing partial: any problem in any workbook, in merging them, or from our checker means no data.
"""

from __future__ import annotations

from typing import Any

from ..loader import parse_definition
from ..problems import Problem
from .choice_lists import read_choice_lists
from .form_settings import read_settings
from .forms import BandForm, ImportDefaults
from .merge import merge_forms
from .reading import Recorder, Sheet, Source, default_language, find_sheet, open_workbook, read_sheet, source_name
from .survey import SurveyReader

MAX_WORKBOOKS = 20


def import_xlsforms(workbooks: list[Source], defaults: ImportDefaults | None = None
                    ) -> tuple[dict[str, Any] | None, list[Problem]]:
    """One definition from one workbook per band, checked by ``parse_definition``; or None and every problem."""
    defaults = defaults or ImportDefaults()
    if not workbooks or len(workbooks) > MAX_WORKBOOKS:
        return None, [Problem("xlsform", None, "file", f"give 1 to {MAX_WORKBOOKS} workbooks, one per band")]
    forms, problems = [], []
    for index, source in enumerate(workbooks):
        form, found = read_band_form(source, source_name(source, index), defaults)
        forms.append(form)
        problems += found
    if problems:
        return None, problems
    data, problems = merge_forms(forms, defaults)
    if problems:
        return None, problems
    _, problems = parse_definition(data, ", ".join(form.source for form in forms))
    return (None, problems) if problems else (data, [])


def import_xlsform(workbook: Source, defaults: ImportDefaults | None = None
                   ) -> tuple[dict[str, Any] | None, list[Problem]]:
    """One workbook (one band) as a definition."""
    return import_xlsforms([workbook], defaults)


def read_band_form(source: Source, name: str, defaults: ImportDefaults) -> tuple[BandForm | None, list[Problem]]:
    """What one workbook says about its band; problems name the workbook, the row's name and the column."""
    workbook, problems = open_workbook(source, name)
    if workbook is None or problems:
        return None, problems
    survey = find_sheet(workbook, "survey")
    if survey is None:
        return None, [Problem(name, None, "survey", "no survey sheet")]
    recorder = Recorder(name, problems)
    settings_sheet, choices_sheet = find_sheet(workbook, "settings"), find_sheet(workbook, "choices")
    language = default_language(settings_sheet)
    settings = read_sheet(settings_sheet, language) if settings_sheet is not None else Sheet()
    meta, band = read_settings(settings, defaults, recorder)
    lists = read_choice_lists(read_sheet(choices_sheet, language), recorder) \
        if choices_sheet is not None else {}
    reader = SurveyReader(read_sheet(survey, language), lists, recorder, band["id"],
                          meta["default_optouts"])
    sections = reader.read()
    if "item_cap" not in band:
        answered = [i for s in sections for i in s.items if i.type != "note" and not i.practice]
        band["item_cap"] = defaults.item_cap or max(1, len(answered))
    return BandForm(name, meta, _ordered(band), sections, reader.scales, reader.choices), problems


def _ordered(band: dict[str, Any]) -> dict[str, Any]:
    """Band fields in the order the definition format documents them."""
    order = ("id", "ages", "label", "item_cap", "max_points", "free_text", "assent")
    return {key: band[key] for key in order if key in band}
