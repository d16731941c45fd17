"""Question types: how each turns into a form field and how its answers are checked.

Both the tablet's JSON submission and the server-rendered pages (no JavaScript) go through
``clean``, so an answer is accepted or refused for the same reasons either way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l

from .schema import BandItem
from .vocabulary import OPTOUTS

Answer = str | int | float | list[str]
#: Numbers beyond this are nobody's answer, and a stored value is at most 32 characters.
LARGEST = 10**15
#: Official place codes are ASCII digits (6 for a district, 9 a street, 12 a community).
PLACE_CODE = re.compile(r"[0-9]{6,12}")
#: Looks up whether a place code exists at a level (district/street/community).
PlaceCheck = Callable[[str, str], bool]


#: A text up to this long is accepted and cut to the item's limit (a client that does not enforce the limit,
#: or an instrument whose limit was lowered); longer is not a child typing, and is refused.
CUT_LIMIT = 5000


class CutText(str):
    """A text answer cut to its item's limit. ``whole`` is what the child sent: screening reads it whole,
    so a disclosure past the limit still reaches the safeguarding lead."""

    whole: str

    def __new__(cls, whole: str, limit: int) -> CutText:
        cut = super().__new__(cls, whole[:limit])
        cut.whole = whole
        return cut


class AnswerError(ValueError):
    """One answer is not acceptable; the message is for the person who sent it."""


def optout_codes(item: BandItem) -> set[str]:
    return {OPTOUTS[name][0] for name in item.optouts}


def _code(item: BandItem, value: Any) -> str:
    if not isinstance(value, str):
        raise AnswerError(_l("Choose one of the answers."))
    if value in optout_codes(item) or item.choice(value):
        return value
    raise AnswerError(_l("That answer is not one of the choices."))


def _code_list(item: BandItem, value: Any, most: int | None) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AnswerError(_l("Choose from the answers."))
    if len(set(value)) != len(value):
        raise AnswerError(_l("Each answer can be chosen only once."))
    unknown = [v for v in value if not item.choice(v)]
    if unknown:
        raise AnswerError(_l("That answer is not one of the choices."))
    if most is not None and len(value) > most:
        raise AnswerError(_l("Choose at most %(n)d.", n=most))
    return value


def clean_choice(item: BandItem, value: Any, place_exists: PlaceCheck) -> Answer:
    return _code(item, value)


def clean_multiple(item: BandItem, value: Any, place_exists: PlaceCheck) -> Answer:
    if isinstance(value, str) and value in optout_codes(item):
        return value
    chosen = _code_list(item, value, item.max_choices)
    if len(chosen) > 1 and any(item.choice(c).exclusive for c in chosen):
        raise AnswerError(_l("That answer cannot be combined with others."))
    return chosen


def clean_rank(item: BandItem, value: Any, place_exists: PlaceCheck) -> Answer:
    if isinstance(value, str) and value in optout_codes(item):
        return value
    return _code_list(item, value, item.top)


def clean_text(item: BandItem, value: Any, place_exists: PlaceCheck) -> Answer:
    if not isinstance(value, str):
        raise AnswerError(_l("Please write text."))
    if value in optout_codes(item):
        return value
    text = value.strip()
    if any(unicodedata.category(char) in ("Cc", "Cs", "Co") and char not in "\n\t" for char in text):
        raise AnswerError(_l("Please write plain text."))
    limit = item.max_length or 200
    if len(text) > CUT_LIMIT:
        raise AnswerError(_l("Please write at most %(n)d characters.", n=limit))
    return CutText(text, limit) if len(text) > limit else text


def clean_number(item: BandItem, value: Any, place_exists: PlaceCheck) -> Answer:
    if isinstance(value, str) and value in optout_codes(item):
        return value
    if isinstance(value, str):
        try:
            text = value.strip()
            value = float(text) if len(text) <= 40 and "." in text else int(text) if len(text) <= 40 else None
        except ValueError:
            raise AnswerError(_l("Please give a number.")) from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not -LARGEST <= value <= LARGEST:
        raise AnswerError(_l("Please give a number."))  # also NaN and infinity, which fail every comparison
    if item.integer and value != int(value):
        raise AnswerError(_l("Please give a whole number."))
    if (item.minimum is not None and value < item.minimum) or (item.maximum is not None and value > item.maximum):
        raise AnswerError(_l("Please give a number from %(low)s to %(high)s.",
                             low=_plain(item.minimum), high=_plain(item.maximum)))
    return int(value) if item.integer else float(value)


def clean_place(item: BandItem, value: Any, place_exists: PlaceCheck) -> Answer:
    if not isinstance(value, str):
        raise AnswerError(_l("Choose a place from the list."))
    if value in optout_codes(item) or PLACE_CODE.fullmatch(value) and place_exists(value, item.level or "street"):
        return value
    raise AnswerError(_l("Choose a place from the list."))


def _plain(number: float | None) -> str:
    if number is None:
        return "…"
    return str(int(number)) if number == int(number) else str(number)


CLEANERS: dict[str, Callable[[BandItem, Any, PlaceCheck], Answer]] = {
    "scale": clean_choice,
    "single": clean_choice,
    "consent": clean_choice,
    "multiple": clean_multiple,
    "rank": clean_rank,
    "text": clean_text,
    "number": clean_number,
    "place": clean_place,
}


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []
