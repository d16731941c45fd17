"""XLSForm appearances: which we keep (``likert``), and why the rest are dropped (with a warning each)."""

from __future__ import annotations

import re

_LAYOUT = "the tablet lays out choices itself, large enough to touch and with a speaker button"
_ONE_SCREEN = "the tablet shows one question per screen, so young children are not overwhelmed"
#: appearance -> why it is dropped ("likert" is kept: the question becomes a scale).
DROPPED = {
    "field-list": _ONE_SCREEN, "table-list": _ONE_SCREEN, "minimal": "the tablet shows big buttons, never a "
    "drop-down list", "quick": "single choices already move on by themselves", "quickcompact": _LAYOUT,
    "horizontal": _LAYOUT, "horizontal-compact": _LAYOUT, "compact": _LAYOUT, "columns": _LAYOUT,
    "columns-pack": _LAYOUT, "no-buttons": _LAYOUT, "list-nolabel": _LAYOUT, "label": _LAYOUT,
    "list": _LAYOUT, "image-map": _LAYOUT, "vertical": _LAYOUT, "autocomplete": _LAYOUT,
    "multiline": "text answers are always a box of several lines", "numbers": "number questions already show "
    "a number keypad", "thousands-sep": "numbers are shown plainly", "rating": "a range is asked as a number",
    "picker": "a range is asked as a number", "distress": "a range is asked as a number",
}


def appearances(text: str | None) -> list[str]:
    """``horizontal-compact  quick`` -> ["horizontal-compact", "quick"] (columns-3 counts as columns)."""
    words = (text or "").lower().split()
    return [re.sub(r"^(columns|w)-?\d+$", lambda m: m.group(1), word) for word in words]


def why_dropped(appearance: str) -> str:
    if appearance.startswith("search(") or appearance.startswith("search"):
        return "search() reads choices from a file"
    return DROPPED.get(appearance, "this app does not use it")
