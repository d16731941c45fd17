"""Import XLSForm workbooks (ours, or plain KoboToolbox/ODK forms) as one instrument definition.

One run reports everything: each workbook is read to the end whatever it holds, the bands are
merged, and our checker runs on the result, its problems pointed back at the workbook cells. Any
problem means no definition (nothing partial); warnings say what was mapped or dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..loader import parse_definition
from ..problems import Problem
from .choice_lists import read_choice_lists
from .context import Context
from .findings import Recorder
from .form_settings import SettingsReader
from .forms import BandForm, ImportDefaults
from .locate import column_base, locate
from .media import MediaError, MediaFiles
from .merge import merge_forms
from .reading import Source, open_workbook, source_name
from .sheets import build_sheet, default_language
from .survey import SurveyReader
from .yaml_out import ordered, to_yaml

MAX_WORKBOOKS = 20


@dataclass
class ImportResult:
    """A definition (None if there is any problem), every problem and warning, and the media it uses."""

    data: dict[str, Any] | None
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)
    #: item code (None: the whole instrument) -> comments for the YAML.
    notes: dict[str | None, list[str]] = field(default_factory=dict)
    #: file name -> bytes: the images and lists the definition names, to keep beside it in media/.
    media: dict[str, bytes] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None

    def yaml(self) -> str:
        """The definition as YAML, with comments where something from the workbooks was dropped."""
        if self.data is None:
            raise ValueError("no definition: the workbooks have problems")
        header = [f"Imported from {', '.join(self.sources)} (XLSForm). Check the comments below, then delete them."]
        return to_yaml(self.data, self.notes, header)


def import_xlsforms(workbooks: list[Source], defaults: ImportDefaults | None = None,
                    media: MediaFiles | None = None) -> ImportResult:
    """One definition from one workbook per band, checked by ``parse_definition``."""
    defaults, media = defaults or ImportDefaults(), media or MediaFiles()
    if not workbooks or len(workbooks) > MAX_WORKBOOKS:
        return ImportResult(None, [Problem("xlsform", None, "file", f"give 1 to {MAX_WORKBOOKS} workbooks, one per "
                                                                    "band")])
    forms, recorders = [], []
    for index, source in enumerate(workbooks):
        recorder = Recorder(source_name(source, index))
        recorders.append(recorder)
        form = read_band_form(source, recorder, defaults, media)
        if form is not None:
            forms.append(form)
    problems = [p for r in recorders for p in r.problems]
    result = ImportResult(None, problems, [w for r in recorders for w in r.warnings], _notes(recorders),
                          sources=[r.file for r in recorders])
    if not forms:
        return result
    data, merged = merge_forms(forms, defaults)
    _, checked = parse_definition(data, ", ".join(form.source for form in forms))
    merged = _not_reported(merged, problems)
    located = _not_reported([locate(c, forms) for c in checked], problems + merged)
    result.problems = _in_reading_order(problems + merged + _unique(located), result.sources)
    if not result.problems:
        result.data = ordered(data)
        result.media = _media(result, media, recorders[0])
    return result


def import_xlsform(workbook: Source, defaults: ImportDefaults | None = None,
                   media: MediaFiles | None = None) -> ImportResult:
    """One workbook (one band) as a definition."""
    return import_xlsforms([workbook], defaults, media)


def read_band_form(source: Source, recorder: Recorder, defaults: ImportDefaults, media: MediaFiles) -> BandForm | None:
    """What one workbook says about its band; every problem is recorded with its sheet, row and column."""
    raw = open_workbook(source, recorder)
    if raw is None:
        return None
    if "survey" not in raw:
        recorder.problem(None, None, "", "no survey sheet: name the sheet that holds the questions 'survey'")
        return None
    language = default_language(raw.get("settings"))
    settings = build_sheet(raw.get("settings"), "settings", language, recorder)
    reader = SettingsReader(settings, defaults, recorder)
    meta, band = reader.meta(), reader.band()
    lists = read_choice_lists(build_sheet(raw.get("choices"), "choices", language, recorder), recorder)
    if "external_choices" in raw:
        read_choice_lists(build_sheet(raw["external_choices"], "external_choices", language, recorder), recorder,
                          into=lists)
    survey = build_sheet(raw["survey"], "survey", language, recorder)
    ctx = Context(survey, lists, recorder, band["id"], reader.band_origin, meta["default_optouts"], media,
                  reader.tags)
    sections = SurveyReader(ctx).read()
    if "item_cap" not in band:
        answered = [i for s in sections for i in s.items if i.type != "note" and not i.practice]
        band["item_cap"] = defaults.item_cap or max(1, len(answered))
    places = {**ctx.places, "settings": (settings.title, reader.row, {})}
    return BandForm(recorder.file, meta, _ordered_band(band), sections, ctx.scales, ctx.choices, places,
                    reader.band_origin)


def _ordered_band(band: dict[str, Any]) -> dict[str, Any]:
    order = ("id", "ages", "label", "item_cap", "max_points", "free_text", "assent")
    return {key: band[key] for key in order if key in band}


def _notes(recorders: list[Recorder]) -> dict[str | None, list[str]]:
    notes: dict[str | None, list[str]] = {}
    for recorder in recorders:
        for item, texts in recorder.notes.items():
            kept = notes.setdefault(item, [])
            kept += [text for text in texts if text not in kept]
    return notes


def _not_reported(located: list[Problem], reported: list[Problem]) -> list[Problem]:
    """Checker problems the reading has not already reported (for the item and column, or the whole column)."""
    by_item = {(p.file, p.item, column_base(p.field)) for p in reported if p.item}
    by_column = {p.field for p in reported if not p.item}
    return [p for p in located if (p.file, p.item, column_base(p.field)) not in by_item
            and p.field not in by_column]


SHEET_ORDER = {None: 0, "settings": 1, "survey": 2, "choices": 3, "external_choices": 4}


def _in_reading_order(problems: list[Problem], sources: list[str]) -> list[Problem]:
    """Problems by workbook, then sheet (whole-file ones first), then row, as a person works through them."""
    files = {name: index for index, name in enumerate(sources)}
    return sorted(problems, key=lambda p: (files.get(p.file, -1), SHEET_ORDER.get(p.sheet, 5), p.row or 0))


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _media(result: ImportResult, media: MediaFiles, recorder: Recorder) -> dict[str, bytes]:
    """The media the definition names; a missing image is a warning (its name is kept for later)."""
    data = result.data or {}
    images = {choice["image"] for group in (data.get("choices", {}).values(),
                                            (s["points"] for s in data.get("scales", {}).values()))
              for choices in group for choice in choices if choice.get("image")}
    missing = []
    for name in sorted(images):
        try:
            if media.get(name) is None:
                missing.append(name)
        except MediaError as error:
            missing.append(f"{name} ({error})")
    if missing:
        given = "are not among the media files given" if media.given else "were named, but no media files were given"
        result.warnings.append(Problem(recorder.file, None, "image", f"choice images {', '.join(missing[:8])}"
                                       f"{' ...' if len(missing) > 8 else ''} {given}: their names are kept; put "
                                       "the files in the instrument's media/ folder (or upload them as media files; "
                                       "--media DIR)",
                                       "choices", None))
    return dict(media.used)
