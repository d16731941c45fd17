"""The workbook's vocabulary: sheet and column names, type names, and reading cell values.

Standard XLSForm columns keep their XLSForm names so KoboToolbox and ODK read the workbook;
everything our format needs beyond XLSForm lives in extra ("custom") columns, which pyxform ignores.
"""

from __future__ import annotations

import re
from typing import Any

LANGUAGE_NAMES = {"zh": "中文 (zh)", "en": "English (en)"}
#: Words that name a language in a header such as ``label::Chinese`` or ``label::中文``.
LANGUAGE_WORDS = {"zh": ("zh", "chinese", "中文", "汉语", "简体中文", "普通话", "mandarin"), "en": ("en", "english")}

#: Columns holding text in both languages (written as ``base::中文 (zh)`` and ``base::English (en)``).
SURVEY_TEXTS = ("label", "hint", "constraint_message", "read_aloud")
SURVEY_PLAIN = ("relevant", "constraint", "required")
#: Our own survey columns (custom; ODK ignores them). ``scale`` is the spatial-scale tag.
SURVEY_CUSTOM = ("item_type", "band", "position", "action", "scale", "lundy", "harmonise", "practice",
                 "scale_name", "scale_kind", "scale_key", "choice_list", "min", "max", "top", "max_length",
                 "level", "optouts")
CHOICE_CUSTOM = ("face", "picture", "exclusive", "agree", "score")
SETTINGS_PLAIN = ("form_title", "form_id", "version", "default_language", "instrument_id", "default_optouts",
                  "band", "band_ages", "band_item_cap", "band_max_points", "band_free_text")
#: Bilingual settings; never ``title::...``, which pyxform reads as the form title and fails on.
SETTINGS_TEXTS = ("instrument_title", "introduction", "band_label", "band_assent")

#: Our item type -> the XLSForm type word (lists are appended as ``select_one <list>``).
EXPORT_TYPES = {"scale": "select_one", "single": "select_one", "consent": "select_one",
                "multiple": "select_multiple", "rank": "rank", "text": "text", "place": "text", "note": "note"}
#: XLSForm type word -> our types it may stand for; the first is assumed without an ``item_type`` column.
IMPORT_TYPES = {"select_one": ("single", "scale", "consent"), "select_multiple": ("multiple",), "rank": ("rank",),
                "text": ("text", "place"), "integer": ("number",), "decimal": ("number",), "note": ("note",)}
LIST_TYPES = ("select_one", "select_multiple", "rank")
#: Metadata rows a KoboToolbox form carries; they ask the child nothing, so they are skipped.
META_TYPES = ("start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username",
              "email", "audit", "start-geopoint")

TRUE_WORDS = ("yes", "true", "1", "y", "true()")


def header(base: str, lang: str | None = None) -> str:
    return f"{base}::{LANGUAGE_NAMES[lang]}" if lang else base


def parse_header(text: Any) -> tuple[str, str | None]:
    """``label::English (en)`` -> ("label", "en"); ``type`` -> ("type", None); unknown language -> "?"."""
    base, _, lang = str(text or "").partition("::")
    base = re.sub(r"\s+", "_", base.strip().lower())
    if not lang.strip():
        return base, None
    return base, language_of(lang)


def language_of(text: str) -> str:
    """The language code a header or ``default_language`` names: "zh", "en" or "?"."""
    lowered = text.strip().lower()
    match = re.search(r"\(([a-z]{2})[a-z_-]*\)", lowered)
    words = {match.group(1)} if match else set(re.split(r"[\s_()-]+", lowered)) | {lowered}
    for code, names in LANGUAGE_WORDS.items():
        if words & set(names):
            return code
    return "?"


def item_code(name: str) -> str:
    """Our code for an XLSForm name: ODK names are often lower-case (``likes``), our codes never are."""
    return re.sub(r"[^A-Z0-9_]", "_", name.upper())


def cell_text(value: Any) -> str | None:
    """A cell as stripped text; whole floats lose their ".0" (Excel stores 1 as 1.0); blank is None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def cell_bool(value: Any) -> bool:
    return value is True or (cell_text(value) or "").lower() in TRUE_WORDS


def cell_number(value: Any) -> int | float | None:
    """A number from a numeric or text cell; raises ValueError for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int | float):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    text = str(value).strip()
    return float(text) if re.fullmatch(r"-?\d+\.\d+", text) else int(text)


def cell_words(value: Any) -> list[str]:
    """``dont_know prefer_not`` or ``dont_know, prefer_not`` -> a list of words."""
    return [word for word in re.split(r"[\s,;]+", cell_text(value) or "") if word]
