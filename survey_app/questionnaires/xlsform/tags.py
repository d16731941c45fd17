"""Our tags (action, spatial scale, Lundy) from a row's columns, however the team wrote them.

A column may be named by an alias (``action_area``, ``spatial_scale``, ``lundy_element``; see
``headers.ALIASES``) or be a ``tags`` column (``action=space scale=city lundy=voice``), and a value may
be our code, its Chinese or English name, in any case (``Child safety``, ``儿童安全保障``, ``City``).
The settings sheet and a group row can give tags for every question under them; a row's own win.
"""

from __future__ import annotations

import re

from ..vocabulary import TAGS
from .sheets import Line

_WORDS = {name: {**{code: code for code in names},
                 **{label.lower(): code for code, labels in names.items() for label in labels}}
          for name, names in TAGS.items()}


def tag_value(name: str, written: str) -> str | None:
    """Our code for a tag value as written (a code, or a name, or the one name containing it), else None."""
    lowered = " ".join(written.strip().lower().replace("_", " ").split())
    found = _WORDS[name].get(lowered) or _WORDS[name].get(lowered.replace(" ", "_"))
    if found or len(lowered) < 2:
        return found
    close = {code for label, code in _WORDS[name].items() if lowered in label}
    return close.pop() if len(close) == 1 else None


def read_tags(line: Line) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(tags a row gives, [(column, value) it gives that are not tags])."""
    found: dict[str, str] = {}
    wrong: list[tuple[str, str]] = []
    written = {name: line.text(name) for name in TAGS if line.text(name)}
    for part in re.split(r"[\s,;]+", line.text("tags") or ""):
        key, _, value = part.partition("=") if "=" in part else part.partition(":")
        if value and key.strip().lower() in TAGS:
            written.setdefault(key.strip().lower(), value)
        elif part:
            wrong.append(("tags", part))
    for name, value in written.items():
        code = tag_value(name, value)
        if code:
            found[name] = code
        else:
            wrong.append((name, value))
    return found, wrong
