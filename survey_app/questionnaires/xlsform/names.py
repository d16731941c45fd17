"""Our codes for XLSForm names: item codes (``likes`` -> ``LIKES``) and choice codes (``Yes`` -> ``yes``).

ODK names are often lower case, long (``how_safe_walking_to_school``) or start with ``_``; our item
codes are 2-20 upper-case letters, digits and ``_`` starting with a letter, and choice codes are
lower case. Upper-casing alone is silent (our own exports round-trip through it); any other change
is a warning naming the new code, and every rule that refers to the name follows it.
"""

from __future__ import annotations

import re
import unicodedata

from ..vocabulary import CHOICE_CODE_PATTERN, CODE_PATTERN

MAX_CODE = 20
MAX_CHOICE_CODE = 32


def item_code(name: str) -> str:
    """The plain code for a name: upper case, other characters as ``_`` (may still be too long)."""
    return re.sub(r"[^A-Z0-9_]", "_", unicodedata.normalize("NFKC", name).upper())


class Codes:
    """Hands out unique item codes in row order, shortening names that do not fit our pattern."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def code_for(self, name: str) -> tuple[str, bool]:
        """(the code, whether it is more than the name upper-cased)."""
        plain = item_code(name)
        if re.match(CODE_PATTERN, plain) and plain not in self.taken:
            self.taken.add(plain)
            return plain, False
        return self.fitted(plain), True

    def fitted(self, wanted: str) -> str:
        """A free code close to ``wanted``: cleaned, starting with a letter, at most 20 long."""
        base = re.sub(r"_+", "_", wanted).strip("_") or "Q"
        if not base[0].isalpha() or not base[0].isascii():
            base = f"Q{base}"
        base = base[:MAX_CODE].rstrip("_") or "Q"
        if len(base) < 2:
            base = f"{base}1"
        code, number = base, 1
        while code in self.taken or not re.match(CODE_PATTERN, code):
            number += 1
            suffix = f"_{number}"
            code = base[:MAX_CODE - len(suffix)].rstrip("_") + suffix
        self.taken.add(code)
        return code


def choice_code(name: str, taken: set[str]) -> str:
    """A lower-case choice code for a name, unique among ``taken`` (which it joins)."""
    if re.match(CHOICE_CODE_PATTERN, name) and name not in taken:
        taken.add(name)
        return name
    lowered = unicodedata.normalize("NFKC", name).lower()
    if lowered.startswith("-") and lowered[1:].replace(".", "").isdigit():
        lowered = f"minus_{lowered[1:]}"  # -99, a common "refused" code
    base = re.sub(r"_+", "_", re.sub(r"[^a-z0-9_]", "_", lowered)).strip("_")[:MAX_CHOICE_CODE] or "choice"
    code, number = base, 1
    while code in taken:
        number += 1
        suffix = f"_{number}"
        code = base[:MAX_CHOICE_CODE - len(suffix)] + suffix
    taken.add(code)
    return code
