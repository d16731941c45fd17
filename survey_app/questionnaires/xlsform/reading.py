"""Open an uploaded workbook as hostile input and read its sheets as rows of cells.

Refused before parsing: files over 5 MB, anything that is not a zip (old .xls, CSV, OpenDocument
are named), zips that unpack to over 50 MB or hold too many parts. Read in openpyxl's streaming
mode with fixed row and column limits, so a sheet claiming a million rows costs nothing. Formulas
are never run: a formula cell gives the value Excel saved with it, and a warning.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from .findings import Recorder

#: A workbook given as a path, as bytes, as (name, bytes), or already open.
Source = str | Path | bytes | tuple[str, bytes] | Workbook

MAX_BYTES = 5 * 1024 * 1024
#: A small zip can unpack to gigabytes; refuse before openpyxl tries.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PARTS = 500
#: Rows and columns read per sheet; a real XLSForm has far fewer.
MAX_ROWS = 5000
MAX_COLUMNS = 300
SHEETS = ("survey", "choices", "settings", "external_choices")


@dataclass
class RawSheet:
    """A sheet as written: its title, and its non-empty rows as (row number, values)."""

    title: str
    rows: list[tuple[int, tuple[Any, ...]]]


def source_name(source: Source, index: int) -> str:
    if isinstance(source, tuple):
        return source[0]
    if isinstance(source, str | Path):
        return Path(source).name
    return f"workbook {index + 1}"


def open_workbook(source: Source, recorder: Recorder) -> dict[str, RawSheet] | None:
    """The workbook's sheets by kind (survey, choices, ...), or None with the reason recorded."""
    content = _content(source, recorder)
    if content is None:
        return None
    why = _refusal(content)
    if why:
        recorder.problem(None, None, "", why)
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            return _sheets(content, recorder)
    except Exception as error:  # openpyxl raises many kinds for a damaged file; all mean "cannot read"
        recorder.problem(None, None, "", f"not a readable .xlsx workbook ({type(error).__name__}); open it in "
                                         "Excel or LibreOffice and save it again as .xlsx")
        return None


def _content(source: Source, recorder: Recorder) -> bytes | None:
    if isinstance(source, Workbook):
        buffer = io.BytesIO()
        source.save(buffer)
        return buffer.getvalue()
    if isinstance(source, tuple | bytes):
        content = source[1] if isinstance(source, tuple) else source
    else:
        try:
            path = Path(source)
            content = None if path.stat().st_size > MAX_BYTES else path.read_bytes()
        except OSError as error:
            recorder.problem(None, None, "", f"cannot read the file: {error.strerror or error}")
            return None
    if content is None or len(content) > MAX_BYTES:
        recorder.problem(None, None, "", f"larger than {MAX_BYTES // (1024 * 1024)} MB; a questionnaire workbook "
                                         "is far smaller: remove pictures or data pasted into it")
        return None
    return content


def _refusal(content: bytes) -> str | None:
    """Why these bytes are not a workbook we will open, or None."""
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Excel .xls file (or a password-protected one): save it as .xlsx without a password"
    if not content.startswith(b"PK"):
        return "not an .xlsx workbook (it looks like text or CSV): save the form as Excel .xlsx"
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
            names = {info.filename for info in parts}
            if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
                return "an OpenDocument spreadsheet (.ods): save it as Excel .xlsx"
    except zipfile.BadZipFile:
        return "not an .xlsx workbook (a damaged zip file): save the form as Excel .xlsx again"
    if len(parts) > MAX_PARTS or sum(info.file_size for info in parts) > MAX_UNPACKED_BYTES:
        return "unpacks to more than 50 MB; a questionnaire workbook is far smaller"
    if "xl/workbook.xml" not in names:
        return "not a readable .xlsx workbook (a zip file without a workbook inside): save it as Excel .xlsx"
    return None


def _sheets(content: bytes, recorder: Recorder) -> dict[str, RawSheet]:
    sheets, formulas, ignored = _load(content, recorder, data_only=False)
    if formulas:
        saved, _, _ = _load(content, Recorder(recorder.file), data_only=True)
        _use_saved_values(sheets, saved, formulas, recorder)
    _report_other_sheets(ignored, sheets, recorder)
    return sheets


def _load(content: bytes, recorder: Recorder, data_only: bool
          ) -> tuple[dict[str, RawSheet], list[tuple[str, int, int]], list[str]]:
    """(sheets by kind, formula cells as (sheet title, row, column index), titles of sheets not read)."""
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=data_only)
    sheets: dict[str, RawSheet] = {}
    formulas: list[tuple[str, int, int]] = []
    ignored = []
    try:
        for worksheet in workbook.worksheets:
            kind = _kind(worksheet.title)
            if kind is None or kind in sheets or not hasattr(worksheet, "iter_rows"):
                ignored.append(worksheet.title)
                continue
            sheets[kind] = _read_rows(worksheet, recorder, formulas)
    finally:
        workbook.close()
    return sheets, formulas, ignored


def _kind(title: str) -> str | None:
    word = "_".join(title.strip().lower().split())
    return word if word in SHEETS else None


def _read_rows(worksheet: Any, recorder: Recorder, formulas: list[tuple[str, int, int]]) -> RawSheet:
    rows: list[tuple[int, tuple[Any, ...]]] = []
    last = MAX_ROWS * 4  # rows read, blank ones included; the 20 blank rows pyxform allows fit many times
    for number, cells in enumerate(worksheet.iter_rows(max_row=last, max_col=MAX_COLUMNS + 1), start=1):
        values = []
        for cell in cells:
            if getattr(cell, "data_type", None) == "f":
                formulas.append((worksheet.title, number, len(values)))
            values.append(cell.value)
        if any(value is not None and str(value).strip() for value in values):
            rows.append((number, tuple(values)))
        if len(rows) > MAX_ROWS:
            recorder.problem(worksheet.title, number, "", f"the {worksheet.title} sheet has more than {MAX_ROWS} "
                                                          "rows; a children's questionnaire needs far fewer")
            return RawSheet(worksheet.title, rows)
    if (getattr(worksheet, "max_row", None) or 0) > last:
        recorder.problem(worksheet.title, last, "", f"the {worksheet.title} sheet goes on below row {last}; "
                                                    "delete the rows below the form")
    if rows and len(rows[0][1]) > MAX_COLUMNS and rows[0][1][MAX_COLUMNS] is not None:
        recorder.problem(worksheet.title, rows[0][0], get_column_letter(MAX_COLUMNS + 1),
                         f"more than {MAX_COLUMNS} columns; remove the columns this form does not use")
    return RawSheet(worksheet.title, rows)


def _use_saved_values(sheets: dict[str, RawSheet], saved: dict[str, RawSheet],
                      formulas: list[tuple[str, int, int]], recorder: Recorder) -> None:
    """Take every sheet's values as Excel saved them, and say which cells held formulas."""
    for kind, sheet in sheets.items():
        if kind in saved:
            sheet.rows = saved[kind].rows
    values = {(sheet.title, number): row for sheet in sheets.values() for number, row in sheet.rows}
    headers = {sheet.title: sheet.rows[0][1] if sheet.rows else () for sheet in sheets.values()}
    for title, number, index in formulas:
        row = values.get((title, number), ())
        value = row[index] if index < len(row) else None
        cell = f"{get_column_letter(index + 1)}{number}"
        column = str(headers[title][index]) if index < len(headers[title]) and headers[title][index] else cell
        if value is None:
            recorder.problem(title, number, column, f"cell {cell} holds a formula without a saved value; type the "
                                                    "value itself (formulas are never run here)")
        else:
            recorder.warn(title, number, column, f"cell {cell} holds a formula; the value Excel saved with it "
                                                 f"({str(value)[:40]!r}) was used (formulas are never run here)",
                          group="formula")


def _report_other_sheets(ignored: list[str], sheets: dict[str, RawSheet], recorder: Recorder) -> None:
    for title in ignored:
        close = next((kind for kind in SHEETS if kind not in sheets and _similar(title, kind)), None)
        if close:
            recorder.problem(title, None, "", f"a sheet named {title!r}: if it is the {close} sheet, name it "
                                              f"exactly '{close}'")
        elif _kind(title) not in SHEETS:
            recorder.warn(title, None, "", f"sheet {title!r} ignored (this import reads survey, choices, settings "
                                           "and external_choices)", group=f"sheet:{title}")


def _similar(title: str, kind: str) -> bool:
    word = "".join(title.lower().split())
    return word.rstrip("s") == kind.rstrip("s") or (len(word) > 3 and (word in kind or kind in word))
