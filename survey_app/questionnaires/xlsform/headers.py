"""Column headers as field teams write them: aliases, prefixes and every way of naming a language.

``label::English (en)``, ``label::en``, ``label::English``, ``label::中文``, ``label::Chinese (zh-CN)``,
``Label:English`` (the old single-colon style), ``media::image::English (en)``, ``bind::required``,
``instance::action`` and ``list name`` all resolve to a (column, language) pair. The aliases follow
pyxform's ``aliases.py`` (survey_header, list_header, settings_header).
"""

from __future__ import annotations

import re
import unicodedata

#: Header words that mean one of our columns (pyxform's aliases, and common names for our tags).
ALIASES = {
    "relevance": "relevant", "constraining_message": "constraint_message", "constraint_msg": "constraint_message",
    "jr:constraintmsg": "constraint_message", "requiredmsg": "required_message", "required_msg": "required_message",
    "jr:requiredmsg": "required_message", "caption": "label", "command": "type", "tag": "name",
    "calculate": "calculation", "count": "repeat_count", "jr:count": "repeat_count", "readonly": "read_only",
    "list": "list_name", "listname": "list_name", "big_image": "big-image",
    # Our tags, by the names teams give them.
    "action_area": "action", "plan_action": "action", "action_tag": "action", "actions": "action",
    "行动": "action", "行动领域": "action", "spatial_scale": "scale", "scale_tag": "scale", "geo_scale": "scale",
    "geographic_scale": "scale", "spatial": "scale", "尺度": "scale", "空间尺度": "scale", "lundy_tag": "lundy",
    "lundy_element": "lundy", "lundy_model": "lundy", "lundy_dimension": "lundy", "伦迪": "lundy",
}
#: Aliases that hold on one sheet only (``value`` is a choice's name, but a plain word elsewhere).
SHEET_ALIASES = {"choices": {"value": "name"}, "survey": {"value": "name"},
                 "settings": {"title": "form_title", "set_form_title": "form_title", "set_form_id": "form_id"}}
#: Prefixes that only say where pyxform puts a column in the XForm; ``media::image`` is ``image``.
PREFIXES = ("instance", "bind", "body", "control", "media")

#: Language names and codes (lower case) -> "zh", "zh-Hant" or "en".
LANGUAGE_NAMES = {
    "zh": ("zh", "zho", "chi", "cmn", "zh-cn", "zh-hans", "zh-hans-cn", "zh-sg", "chinese", "中文", "汉语", "漢語",
           "华语", "华文", "简体中文", "简体", "普通话", "mandarin", "simplified chinese", "chinese (simplified)",
           "chinese simplified", "中文 (简体)", "中文(简体)", "简中"),
    "zh-Hant": ("zh-hant", "zh-tw", "zh-hk", "zh-mo", "zh-hant-tw", "zh-hant-hk", "traditional chinese",
                "chinese (traditional)", "chinese traditional", "繁體中文", "繁体中文", "繁體", "繁体", "正體中文"),
    "en": ("en", "eng", "en-us", "en-gb", "en-au", "en-ca", "en-in", "english", "英文", "英语", "英語",
           "anglais", "inglés", "ingles", "englisch"),
}
_BY_NAME = {name: code for code, names in LANGUAGE_NAMES.items() for name in names}
#: Zero-width and direction marks that sneak into copied headers and names.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def clean_word(text: object) -> str:
    """An identifier as typed: NFKC (full-width letters become ASCII), no zero-width marks, single spaces."""
    value = _INVISIBLE.sub("", unicodedata.normalize("NFKC", str(text or "")))
    return " ".join(value.split())


def language_code(text: str) -> str:
    """"zh", "zh-Hant", "en", or the language as written (another language) for a header's language part."""
    written = clean_word(text)
    lowered = written.lower().replace("_", "-")
    if lowered in _BY_NAME:
        return _BY_NAME[lowered]
    match = re.search(r"\(([^()]+)\)\s*$", lowered)
    if match and match.group(1).strip() in _BY_NAME:
        return _BY_NAME[match.group(1).strip()]
    name = re.sub(r"\s*\([^()]*\)\s*$", "", lowered).strip()
    if name in _BY_NAME:
        return _BY_NAME[name]
    return written or "?"


def parse_header(text: object, sheet: str, single_colon: bool = False) -> tuple[str, str | None]:
    """(column, language) for a header; the language is None for a column without one.

    ``single_colon`` reads ``label:English`` as pyxform does for sheets without any ``::`` header.
    """
    written = clean_word(text)
    if not written:
        return "", None
    parts = [part.strip() for part in written.split("::")]
    if single_colon and len(parts) == 1 and ":" in written and not written.lower().startswith("jr:"):
        parts = [part.strip() for part in written.split(":", 1)]
    while len(parts) > 1 and parts[0].lower() in PREFIXES:
        parts = parts[1:]
    if len(parts) == 1:
        parts = _language_suffix(parts[0])
    base = _base(parts[0], sheet)
    return base, (language_code(parts[1]) if len(parts) > 1 and parts[1] else None)


def _language_suffix(written: str) -> list[str]:
    """``label (English)``, ``label_en``, ``hint_chinese`` -> [column, language] for our two languages."""
    match = re.fullmatch(r"([A-Za-z][\w -]*?)\s*\((.+)\)", written) or re.fullmatch(
        r"([A-Za-z][\w-]*?)[_ -]([A-Za-z]+|[\u4e00-\u9fff]+)", written)
    if match and language_code(match.group(2)) in ("zh", "en", "zh-Hant"):
        return [match.group(1), match.group(2)]
    return [written]


def _base(word: str, sheet: str) -> str:
    base = "_".join(word.lower().split())
    base = SHEET_ALIASES.get(sheet, {}).get(base) or ALIASES.get(base, base)
    if ":" in base and not base.startswith("jr:"):  # "mmc:action" from instance::mmc:action
        base = base.split(":", 1)[1]
    return ALIASES.get(base, base)


def looks_chinese(texts: list[str]) -> bool:
    """Whether most of a column's cells are written in Chinese characters."""
    scored = [any("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" for char in text) for text in texts]
    return bool(scored) and sum(scored) * 2 >= len(scored)
