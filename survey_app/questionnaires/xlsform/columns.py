"""The workbook's vocabulary: our column names, XLSForm type words, and reading cell values.

Standard XLSForm columns keep their XLSForm names so KoboToolbox and ODK read the workbook;
everything our format needs beyond XLSForm lives in extra ("custom") columns, which pyxform ignores.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

LANGUAGE_NAMES = {"zh": "中文 (zh)", "en": "English (en)"}

#: Columns holding text in both languages (written as ``base::中文 (zh)`` and ``base::English (en)``).
SURVEY_TEXTS = ("label", "hint", "constraint_message", "read_aloud")
#: Translatable columns we read but do not keep (reported when filled).
SURVEY_DROPPED_TEXTS = ("required_message", "guidance_hint")
MEDIA_COLUMNS = ("image", "big-image", "audio", "video")
#: Our own survey columns (custom; ODK ignores them). ``scale`` is the spatial-scale tag.
SURVEY_CUSTOM = ("item_type", "band", "position", "action", "scale", "lundy", "harmonise", "practice", "role",
                 "scale_name", "scale_kind", "scale_key", "choice_list", "min", "max", "top", "max_length",
                 "level", "optouts")
CHOICE_CUSTOM = ("face", "picture", "exclusive", "agree", "score")
SETTINGS_PLAIN = ("form_title", "form_id", "version", "default_language", "instrument_id", "default_optouts",
                  "band", "band_ages", "band_item_cap", "band_max_points", "band_free_text")
#: Bilingual settings; never ``title::...``, which pyxform reads as the form title and fails on.
SETTINGS_TEXTS = ("instrument_title", "introduction", "band_label", "band_assent")
TEXT_COLUMNS = {"survey": (*SURVEY_TEXTS, *SURVEY_DROPPED_TEXTS), "choices": ("label",),
                "external_choices": ("label",), "settings": ("form_title", *SETTINGS_TEXTS)}
TAG_COLUMNS = ("action", "scale", "lundy")
#: Every survey column this import reads (to keep, to map, or to drop with a warning); others are reported.
SURVEY_KNOWN = {"type", "name", "relevant", "constraint", "required", "appearance", "calculation", "choice_filter",
                "parameters", "read_only", "default", "trigger", "repeat_count", "autoplay", "rows", "tags",
                "kobo--score-choices", "kobo--rank-items", "kobo--rank-constraint-message",
                *TEXT_COLUMNS["survey"], *MEDIA_COLUMNS, *SURVEY_CUSTOM}

#: Our item type -> the XLSForm type word (lists are appended as ``select_one <list>``).
EXPORT_TYPES = {"scale": "select_one", "single": "select_one", "consent": "select_one",
                "multiple": "select_multiple", "rank": "rank", "text": "text", "place": "text", "note": "note"}
#: XLSForm type word -> our types it may stand for; the first is assumed without an ``item_type`` column.
IMPORT_TYPES = {"select_one": ("single", "scale", "consent"), "select_multiple": ("multiple",), "rank": ("rank",),
                "text": ("text", "place"), "integer": ("number",), "decimal": ("number",), "range": ("number",),
                "note": ("note",), "acknowledge": ("note",)}
LIST_TYPES = ("select_one", "select_multiple", "rank")

TRUE_WORDS = ("yes", "true", "1", "y", "true()", "是")
FALSE_WORDS = ("no", "false", "0", "n", "false()", "否", "")
#: Numbers larger than this are refused (they would overflow the database or make no sense in a form).
LARGEST_NUMBER = 1_000_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def header(base: str, lang: str | None = None) -> str:
    return f"{base}::{LANGUAGE_NAMES[lang]}" if lang else base


def cell_text(value: Any) -> str | None:
    """A cell as trimmed text (control characters removed); whole floats lose their ".0"; blank is None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", _CONTROL.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n")))
    text = "".join(char for char in text if not "\ud800" <= char <= "\udfff").strip()  # lone surrogates
    return text or None


def cell_bool(value: Any) -> bool:
    return value is True or (cell_text(value) or "").lower() in TRUE_WORDS


def cell_number(value: Any) -> int | float | None:
    """A finite number from a numeric or text cell; raises ValueError for anything else or anything huge."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int | float):
        number = value
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if not re.fullmatch(r"-?\d+(\.\d+)?", text):
            raise ValueError("not a number")
        number = float(text) if "." in text else int(text)
    if isinstance(number, float) and (not math.isfinite(number) or number.is_integer()):
        if not math.isfinite(number):
            raise ValueError("not a finite number")
        number = int(number)
    if abs(number) > LARGEST_NUMBER:
        raise ValueError("too large")
    return number


def cell_words(value: Any) -> list[str]:
    """``dont_know prefer_not`` or ``dont_know, prefer_not`` -> a list of words."""
    return [word for word in re.split(r"[\s,;]+", cell_text(value) or "") if word]
