"""Open a workbook safely and read its sheets as rows keyed by (column, language)."""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.workbook.workbook import Workbook

from ..problems import Problem
from .columns import SETTINGS_TEXTS, SURVEY_TEXTS, cell_text, header, language_of, parse_header

#: A workbook given as a path, as bytes, as (name, bytes), or already open.
Source = str | Path | bytes | tuple[str, bytes] | Workbook

MAX_BYTES = 5 * 1024 * 1024
#: A small zip can unpack to gigabytes; refuse before openpyxl tries.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 5000
TEXT_COLUMNS = (*SURVEY_TEXTS, *SETTINGS_TEXTS)


@dataclass
class Line:
    """One sheet row: its number (as Excel shows it) and its cells by (column, language)."""

    number: int
    cells: dict[tuple[str, str | None], Any]

    def get(self, column: str) -> Any:
        return self.cells.get((column, None))

    def text(self, column: str) -> str | None:
        return cell_text(self.get(column))

    def texts(self, column: str) -> dict[str, str]:
        found = {lang: cell_text(self.cells.get((column, lang))) for lang in ("zh", "en")}
        return {lang: value for lang, value in found.items() if value}


@dataclass
class Sheet:
    columns: set[tuple[str, str | None]] = field(default_factory=set)
    lines: list[Line] = field(default_factory=list)

    def has(self, column: str, lang: str | None = None) -> bool:
        return (column, lang) in self.columns


def source_name(source: Source, index: int) -> str:
    if isinstance(source, tuple):
        return source[0]
    if isinstance(source, str | Path):
        return Path(source).name
    return f"workbook {index + 1}"


def open_workbook(source: Source, name: str) -> tuple[Workbook | None, list[Problem]]:
    """The workbook, or one problem saying why it cannot be read (too large, not an .xlsx file, ...)."""
    if isinstance(source, Workbook):
        return source, _too_long(source, name)
    try:
        content = _content(source)
    except OSError as error:
        return None, [Problem(name, None, "file", f"cannot read: {error.strerror or error}")]
    if content is None or len(content) > MAX_BYTES:
        return None, [Problem(name, None, "file", f"larger than {MAX_BYTES // (1024 * 1024)} MB")]
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                return None, [Problem(name, None, "file", "unpacks to more than 50 MB")]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            workbook = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except zipfile.BadZipFile:
        return None, [Problem(name, None, "file", "not an .xlsx workbook (save it as Excel .xlsx)")]
    except Exception as error:  # openpyxl raises many kinds for a damaged file; all mean "cannot read"
        return None, [Problem(name, None, "file", f"not a readable .xlsx workbook: {error}")]
    problems = _too_long(workbook, name)
    return (None if problems else workbook), problems


def _too_long(workbook: Workbook, name: str) -> list[Problem]:
    longest = max(workbook.worksheets, key=lambda ws: ws.max_row, default=None)
    if longest is not None and longest.max_row > MAX_ROWS:
        return [Problem(name, None, "file", f"sheet {longest.title!r} has more than {MAX_ROWS} rows")]
    return []


def _content(source: Source) -> bytes | None:
    if isinstance(source, tuple):
        return source[1]
    if isinstance(source, bytes):
        return source
    path = Path(source)
    return None if path.stat().st_size > MAX_BYTES else path.read_bytes()


def find_sheet(workbook: Workbook, title: str) -> Any:
    return next((ws for ws in workbook.worksheets if ws.title.strip().lower() == title), None)


def read_sheet(worksheet: Any, default_lang: str | None) -> Sheet:
    """Rows under the first (header) row; a text column without a language takes the form's default one."""
    sheet = Sheet()
    rows = worksheet.iter_rows(values_only=True)
    keys = [_key(value, default_lang) for value in next(rows, ())]
    sheet.columns = {key for key in keys if key[0]}
    for number, values in enumerate(rows, start=2):
        cells: dict[tuple[str, str | None], Any] = {}
        for key, value in zip(keys, values, strict=False):
            if key[0] and cell_text(value) is not None:
                cells.setdefault(key, value)  # the first of two same-meaning columns wins
        if cells:
            sheet.lines.append(Line(number, cells))
    return sheet


def _key(value: Any, default_lang: str | None) -> tuple[str, str | None]:
    base, lang = parse_header(value)
    if lang is None and base in TEXT_COLUMNS and default_lang in ("zh", "en"):
        return base, default_lang
    return base, lang


def default_language(worksheet: Any) -> str | None:
    """The language of unmarked ``label``/``hint`` columns, from the settings sheet's ``default_language``."""
    if worksheet is None:
        return None
    rows = list(worksheet.iter_rows(min_row=1, max_row=2, values_only=True))
    if len(rows) < 2:
        return None
    for key, value in zip(rows[0], rows[1], strict=False):
        if parse_header(key) == ("default_language", None) and cell_text(value):
            return language_of(cell_text(value))
    return None



class Recorder:
    """Collects problems for one workbook; each names the row's name and the column."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = problems
        self.missing_columns: set[tuple[int, str, str]] = set()

    def add(self, item: str | None, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, item, field, message))

    def require_columns(self, sheet: Sheet, title: str, base: str) -> None:
        """One problem for a missing language column, rather than one on every row."""
        for lang, language in (("zh", "Chinese"), ("en", "English")):
            if not sheet.has(base, lang):
                unmarked = f"; '{base}' alone needs default_language in settings" if sheet.has(base) else ""
                self.add(None, f"{title}.{header(base, lang)}", f"no {language} {base} column{unmarked}")
                self.missing_columns.add((id(sheet), base, lang))

    def texts(self, sheet: Sheet, line: Line, base: str, item: str | None, required: bool = True) -> dict[str, str]:
        """Both languages of a text; a half-translated text is always a problem, a missing one if required."""
        found = line.texts(base)
        for lang in ("zh", "en"):
            if (id(sheet), base, lang) in self.missing_columns:
                continue  # already reported once for the whole sheet
            if lang not in found and (found or (required and sheet.has(base, lang))):
                self.add(item, header(base, lang), "missing English" if lang == "en" else "missing Chinese")
        return found
