"""Normalised views of a text that remember where each character came from.

Detectors never see the child's raw text. They see a *view*: the text after Unicode NFKC (so "１３８"
becomes "138" and "（３）" becomes "(3)"), and a second, *compact* view in which spaces, hyphens and dots
between digits are removed ("138 0013-8000" becomes "13800138000"). Every character of a view
carries the index of the original character it came from, so a hit in any view can be cut out of
the original text. That is why redacted text keeps the child's own punctuation and script: only
the detected span changes.

X and x are unified by the detectors themselves (check characters are compared in upper case),
not here, so that words such as "xx小学" are not rewritten.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

#: Whitespace control characters a child's text may contain; any other Cc character means the
#: input is binary or corrupted rather than typed.
ALLOWED_CONTROLS = frozenset("\t\n\r\x0b\x0c")

#: Characters people put inside long numbers: spaces (ASCII, no-break, ideographic after NFKC),
#: the hyphen/dash family and dots (139.3108.5047). Removing a decimal point only matters if
#: the joined digits then pass a phone or ID check, which ordinary decimals do not.
NUMBER_SEPARATORS = frozenset(" \u00a0-\u2010\u2011\u2012\u2013\u2014\u2212.")

#: A run longer than this between two digits separates two numbers rather than groups one.
MAX_SEPARATOR_RUN = 3


@dataclass(frozen=True)
class View:
    """A transformed text plus, for each of its characters, the index in the original text."""

    text: str
    origin: Sequence[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span [start, end) of this view to a span of the original text."""
        return self.origin[start], self.origin[end - 1] + 1


def find_disallowed_control(text: str) -> str | None:
    """Return the first control character that no keyboard produces, or None."""
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cs") and char not in ALLOWED_CONTROLS:
            return char
    return None


@lru_cache(maxsize=4096)
def _nfkc_char(char: str) -> str:
    return unicodedata.normalize("NFKC", char)


def normalised_view(text: str) -> View:
    """NFKC the text character by character, keeping the origin of every output character.

    Per-character NFKC differs from whole-string NFKC only for combining sequences, which never
    occur inside the numbers, e-mail addresses and cue words the detectors look for.
    """
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return View(text, range(len(text)))
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        normal = _nfkc_char(char)
        parts.append(normal)
        origin.extend([index] * len(normal))
    return View("".join(parts), origin)


def _separator_run_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] in NUMBER_SEPARATORS:
        end += 1
    return end


def compact_view(view: View) -> View:
    """Drop short runs of spaces and hyphens that sit between two ASCII digits."""
    text = view.text
    parts: list[str] = []
    origin: list[int] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in NUMBER_SEPARATORS and index > 0 and "0" <= text[index - 1] <= "9":
            end = _separator_run_end(text, index)
            if end - index <= MAX_SEPARATOR_RUN and end < len(text) and "0" <= text[end] <= "9":
                index = end
                continue
        parts.append(char)
        origin.append(view.origin[index])
        index += 1
    return View("".join(parts), origin)
