"""The settings sheet: the instrument's id, version, title and introduction, and this workbook's band.

Versions come in the styles teams use: ``3``, ``2026112801`` (ODK's yyyymmddrr, kept as it is),
``2026-11-28`` (becomes 20261128) and ``v3`` (becomes 3); ``--version`` overrides any of them. A
title written once (``form_title``) may hold both languages (``我的城市 / My City``); otherwise the
other language is filled with the same words and a warning asks for a translation.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..vocabulary import OPTOUTS
from .columns import cell_bool, cell_number, cell_text, cell_words, header
from .findings import Recorder
from .forms import DEFAULT_AGES, DEFAULT_BAND, ImportDefaults
from .headers import looks_chinese
from .sheets import Line, Sheet
from .tags import read_tags

#: Said before a plain form's first question when its workbook has no introduction of ours.
DEFAULT_INTRODUCTION = {"zh": "没有对错，每个问题都可以跳过。",
                        "en": "There are no right or wrong answers, and you can skip any question."}
#: A plain form's assent: only what is true of every survey in this app (skipping and stopping are allowed).
DEFAULT_ASSENT = {"zh": "你可以不回答任何问题，也可以随时停下来。",
                  "en": "You don't have to answer any question, and you can stop at any time."}
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,63}$"
LARGEST_VERSION = 2_147_483_647
#: Settings ODK uses that mean nothing here.
IGNORED = {"public_key": "answers are stored on this server, anonymous, and never sent elsewhere",
           "submission_url": "answers are sent to this server", "instance_name": "answers have no names here",
           "style": "the tablet has its own layout", "auto_send": "the tablet sends answers itself",
           "auto_delete": "the tablet keeps nothing after sending", "namespaces": "", "name": "",
           "allow_choice_duplicates": "choice names must be unique here", "clean_text_values": ""}


class SettingsReader:
    def __init__(self, sheet: Sheet, defaults: ImportDefaults, recorder: Recorder):
        self.sheet, self.defaults, self.recorder = sheet, defaults, recorder
        self.line = sheet.lines[0] if sheet.lines else Line(sheet.header_row + 1, {})
        self.band_origin = "settings"
        self.tags: dict[str, str] = {}

    @property
    def row(self) -> int | None:
        return self.line.number if self.sheet.lines else None  # None: the workbook has no settings row

    def problem(self, column: str, message: str) -> None:
        self.recorder.problem(self.sheet.title, self.row, self.sheet.column(column), message)

    def warn(self, column: str, message: str, group: str | None = None) -> None:
        self.recorder.warn(self.sheet.title, self.row, self.sheet.column(column), message, group=group)

    def meta(self) -> dict[str, Any]:
        """The instrument's fields this workbook states (every band's workbook must agree)."""
        line = self.line
        form_id = line.word("form_id")
        stem = Path(self.recorder.file).stem
        instrument_id = self.defaults.instrument_id or line.word("instrument_id") or _slug(form_id or stem)
        if not re.match(ID_PATTERN, instrument_id):
            self.problem("instrument_id" if line.word("instrument_id") else "form_id",
                         f"cannot make an instrument id from {instrument_id!r}; give one (lower-case letters, digits "
                         "and hyphens) in form_id, or as this import's instrument id (--id)")
        self.others()
        return {"id": instrument_id, "version": self.version(), "title": self.title(form_id or stem),
                "introduction": self.text("introduction", DEFAULT_INTRODUCTION), "default_optouts": self.optouts()}

    def version(self) -> int:
        override, written = self.defaults.version, self.line.text("version")
        if override is not None:
            if written and written != str(override):
                self.warn("version", f"version {written!r} replaced by {override}, as asked")
            return override
        if not written:
            self.warn("version", "no version in the settings sheet: version 1 used (write one, or give this "
                                 "import a version: --version, or Version on the upload page)")
            return 1
        digits = re.sub(r"[\s_]", "", written)
        if re.fullmatch(r"\d{1,10}", digits) and 1 <= int(digits) <= LARGEST_VERSION:
            return int(digits)
        dated = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", digits)
        numbered = re.fullmatch(r"(?i)v(?:er(?:sion)?)?\.?(\d{1,9})", digits)
        if dated or numbered:
            value = int(f"{dated[1]}{int(dated[2]):02d}{int(dated[3]):02d}") if dated else int(numbered[1])
            self.warn("version", f"version {written!r} read as {value}")
            return value
        self.problem("version", f"version {written!r} is not a whole number; write one (3, or ODK's date style "
                                "2026112801), or give this import a version (--version, or Version on the upload page)")
        return 1

    def title(self, fallback: str) -> dict[str, str]:
        line = self.line
        ours = line.texts("instrument_title")
        if len(ours) == 2:
            return ours
        found = ours or line.texts("form_title")
        column = "instrument_title" if ours else "form_title"
        if len(found) == 1:
            found = _split_title(next(iter(found.values()))) or found
        if not found:
            self.warn("form_title", f"no form_title: the title is {fallback!r} (from the form id or file name) in "
                                    "both languages; write one")
            self.recorder.note(None, "title made from the form id or file name: write one")
            return {"zh": fallback, "en": fallback}
        if len(found) == 1:
            (lang, text), = found.items()
            other = "en" if lang == "zh" else "zh"
            found[other] = text
            self.warn(column, f"the title is in one language only: {text!r} was used for both Chinese and English; "
                              f"translate it (write {header('instrument_title', other)} in settings)")
            self.recorder.note(None, f"title {other} copied from the other language: translate it")
        return {"zh": found["zh"], "en": found["en"]}

    def text(self, column: str, default: dict[str, str]) -> dict[str, str]:
        found = self.line.texts(column)
        if len(found) == 1:
            (lang, text), = found.items()
            found["en" if lang == "zh" else "zh"] = text
            self.warn(column, f"{column} in one language only: the other was filled with the same words; "
                              "translate it")
        return found or dict(default)

    def optouts(self) -> list[str]:
        optouts = cell_words(self.line.get("default_optouts"))
        optouts = [] if optouts == ["none"] else optouts
        for unknown in [name for name in optouts if name not in OPTOUTS]:
            self.problem("default_optouts", f"unknown opt-out {unknown!r}; use {', '.join(OPTOUTS)}")
        return [name for name in optouts if name in OPTOUTS]

    def others(self) -> None:
        """Settings that mean nothing here, said once; tags for every question kept."""
        found, wrong = read_tags(self.line)
        self.tags = found
        for column, value in wrong:
            self.problem(column, f"unknown {column} tag {value!r}")
        for (base, _), value in self.line.cells.items():
            if base in IGNORED and cell_text(value):
                why = IGNORED[base] or "this app does not use it"
                self.warn(base, f"setting {base} ignored: {why}", group=f"setting:{base}")
            elif base.startswith("attribute") or base.startswith("jr:"):
                self.warn(base, f"setting {base} ignored", group=f"setting:{base}")
        if len(self.sheet.lines) > 1:
            self.recorder.warn(self.sheet.title, self.sheet.lines[1].number, "", "settings rows below the first "
                               "are ignored (XLSForm reads one row of settings)")

    def band(self) -> dict[str, Any]:
        line = self.line
        band_id = line.word("band")
        if not band_id:
            self.band_origin = "option" if self.defaults.band else "default"
            band_id = self.defaults.band or DEFAULT_BAND
        ages = self.ages()
        label = {"zh": f"{ages[0]}-{ages[1]}岁", "en": f"Ages {ages[0]}-{ages[1]}"}
        band: dict[str, Any] = {"id": band_id, "ages": ages, "label": self.text("band_label", label)}
        for column, key in (("band_item_cap", "item_cap"), ("band_max_points", "max_points")):
            try:
                value = cell_number(line.get(column))
            except ValueError:
                self.problem(column, f"{line.text(column)!r} is not a whole number")
                value = None
            if value is not None:
                band[key] = value
        if band.get("max_points") == 5:
            del band["max_points"]  # the default; keeps the definition short
        if line.text("band_free_text") and not cell_bool(line.get("band_free_text")):
            band["free_text"] = False
        band["assent"] = self.text("band_assent", DEFAULT_ASSENT)
        return band

    def ages(self) -> list[int]:
        text = self.line.text("band_ages")
        fallback = list(self.defaults.ages or DEFAULT_AGES)
        if not text:
            return fallback
        match = re.fullmatch(r"(\d{1,2})\s*(?:-|–|~|to|至|到)\s*(\d{1,2})", text)
        if not match:
            self.problem("band_ages", f"{text!r} is not 'youngest-oldest', e.g. '9-11'")
            return fallback
        return [int(match.group(1)), int(match.group(2))]


def _split_title(text: str) -> dict[str, str] | None:
    """``我的城市 / My City``, ``After school 放学以后`` -> both languages (one side Chinese, the other not)."""
    parts = [part.strip() for part in re.split(r"\s+[/|｜]\s+", text) if part.strip()]
    if len(parts) == 1:
        mixed = re.fullmatch(r"([^\u4e00-\u9fff]*[A-Za-z][^\u4e00-\u9fff]*?)\s+([\u4e00-\u9fff][^A-Za-z]*)"
                             r"|([\u4e00-\u9fff][^A-Za-z]*?)\s+([A-Za-z][^\u4e00-\u9fff]*)", text)
        parts = [part.strip() for part in (mixed.groups() if mixed else ()) if part]
    if len(parts) == 2 and looks_chinese([parts[0]]) != looks_chinese([parts[1]]):
        zh, en = parts if looks_chinese([parts[0]]) else parts[::-1]
        return {"zh": zh, "en": re.sub(r"\s*\([A-Z]\)$", "", en)}
    return None


def _slug(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-")[:64]

