"""A sheet as rows of cells keyed by (column, language), whatever the headers' style and language order.

Text columns end up as "zh" or "en". A column that names no language (``label``) takes the
settings' ``default_language``, else the language its text is written in (with a warning). A
Traditional Chinese column stands in for Chinese only when there is no Simplified one; other
languages are set aside with one warning per sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from .columns import MEDIA_COLUMNS, TEXT_COLUMNS, cell_text, header
from .findings import Recorder
from .headers import clean_word, language_code, looks_chinese, parse_header
from .reading import RawSheet

Key = tuple[str, str | None]
LANGUAGE_WORDS = {"zh": "Chinese", "en": "English"}


@dataclass
class Line:
    """One sheet row: its number (as Excel shows it) and its cells by (column, language)."""

    number: int
    cells: dict[Key, Any]

    def get(self, column: str, lang: str | None = None) -> Any:
        return self.cells.get((column, lang))

    def text(self, column: str, lang: str | None = None) -> str | None:
        return cell_text(self.get(column, lang))

    def word(self, column: str) -> str | None:
        """An identifier cell (type, name, list name, appearance): NFKC, no invisible marks."""
        return clean_word(self.text(column)) or None

    def texts(self, column: str) -> dict[str, str]:
        found = {lang: self.text(column, lang) for lang in ("zh", "en")}
        return {lang: value for lang, value in found.items() if value}


@dataclass
class Sheet:
    kind: str
    title: str
    headers: dict[Key, str] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    header_row: int = 1

    def has(self, column: str, lang: str | None = None) -> bool:
        return (column, lang) in self.headers

    def has_any(self, column: str) -> bool:
        return any(base == column for base, _ in self.headers)

    def column(self, base: str, lang: str | None = None) -> str:
        """The column's header as the workbook writes it (or as it should be written, if absent)."""
        return self.headers.get((base, lang)) or header(base, lang)


def build_sheet(raw: RawSheet | None, kind: str, default_lang: str | None, recorder: Recorder) -> Sheet:
    """Key every cell by (column, language); report duplicate, unnamed-language and other-language columns."""
    sheet = Sheet(kind, raw.title if raw else kind)
    if raw is None or not raw.rows:
        return sheet
    sheet.header_row, titles = raw.rows[0]
    written = [clean_word(value) for value in titles]
    single_colon = not any("::" in text for text in written)
    parsed = [parse_header(text, kind, single_colon) for text in written]
    keys = _final_keys(sheet, raw, parsed, written, default_lang, recorder)
    for number, values in raw.rows[1:]:
        cells: dict[Key, Any] = {}
        for key, value in zip(keys, values, strict=False):
            if key is not None and cell_text(value) is not None:
                cells[key] = value
        if cells:
            sheet.lines.append(Line(number, cells))
    return sheet


def _final_keys(sheet: Sheet, raw: RawSheet, parsed: list[Key], written: list[str], default_lang: str | None,
                recorder: Recorder) -> list[Key | None]:
    texts = TEXT_COLUMNS.get(sheet.kind, ())
    keys: list[Key | None] = []
    others: dict[str, list[str]] = {}
    for index, (base, lang) in enumerate(parsed):
        if not base:
            keys.append(None)
            continue
        if base in texts:
            lang = _text_language(sheet, raw, index, written[index], lang, default_lang, recorder)
        elif base in MEDIA_COLUMNS or lang is not None:
            lang = None if lang in (None, "zh", "en", "zh-Hant") or base not in MEDIA_COLUMNS else lang
        if lang not in (None, "zh", "en", "zh-Hant"):
            others.setdefault(lang, []).append(written[index])
            keys.append(None)
            continue
        keys.append((base, lang))
    keys = _traditional_as_chinese(sheet, keys, written, recorder)
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in sheet.headers and key[0] in MEDIA_COLUMNS:
            keys[index] = None  # image::中文 (zh) and image::English (en): one image, as ours are
        elif key in sheet.headers:
            recorder.warn(sheet.title, sheet.header_row, written[index],
                          f"column {written[index]!r} ({get_column_letter(index + 1)}) says the same as column "
                          f"{sheet.headers[key]!r}; the first one is used")
            keys[index] = None
        else:
            sheet.headers[key] = written[index]
    if others:
        names = ", ".join(sorted(others))
        recorder.warn(sheet.title, sheet.header_row, ", ".join(c for cs in others.values() for c in cs),
                      f"languages other than Chinese and English set aside ({names}): this app shows Chinese "
                      "and English", group=f"languages:{sheet.kind}")
    return keys


def _text_language(sheet: Sheet, raw: RawSheet, index: int, written: str, lang: str | None,
                   default_lang: str | None, recorder: Recorder) -> str | None:
    if lang is not None:
        return lang
    if default_lang in ("zh", "en", "zh-Hant"):
        return default_lang
    if default_lang:  # the default language is another one: this column is in it
        return default_lang
    cells = [text for _, values in raw.rows[1:] if index < len(values) and (text := cell_text(values[index]))]
    guess = "zh" if looks_chinese(cells) else "en"
    if cells and sheet.kind != "settings":  # a settings title's language is handled with the title
        recorder.warn(sheet.title, sheet.header_row, written,
                      f"column {written!r} names no language; read as {LANGUAGE_WORDS[guess]} because its text is "
                      f"written in it (name it {header(_base_of(written), guess)!r} to be sure)",
                      group=f"unnamed:{sheet.kind}:{written}")
    return guess


def _base_of(written: str) -> str:
    return written.split("::")[0].strip().lower()


def _traditional_as_chinese(sheet: Sheet, keys: list[Key | None], written: list[str],
                            recorder: Recorder) -> list[Key | None]:
    """A Traditional Chinese column is the Chinese text only when no Simplified one exists."""
    present = {key for key in keys if key}
    result = []
    for index, key in enumerate(keys):
        if key and key[1] == "zh-Hant":
            if (key[0], "zh") in present:
                recorder.warn(sheet.title, sheet.header_row, written[index],
                              f"Traditional Chinese column {written[index]!r} set aside: the Simplified Chinese "
                              "column is used", group=f"hant:{sheet.kind}")
                key = None
            else:
                recorder.warn(sheet.title, sheet.header_row, written[index],
                              f"Traditional Chinese column {written[index]!r} used as the Chinese text; this "
                              "app shows Simplified Chinese, so check the wording", group=f"hant:{sheet.kind}")
                key = (key[0], "zh")
                present.add(key)
        result.append(key)
    return result


def default_language(settings: RawSheet | None) -> str | None:
    """The language unmarked text columns are in, from the settings sheet's ``default_language``."""
    if settings is None or len(settings.rows) < 2:
        return None
    titles, values = settings.rows[0][1], settings.rows[1][1]
    for title, value in zip(titles, values, strict=False):
        if parse_header(title, "settings")[0] == "default_language" and cell_text(value):
            return language_code(cell_text(value))
    return None
