"""Pattern detectors for identifiers and contact details.

Each detector takes the text of a view (see normalise.py) and yields ``Hit`` spans in that view's
coordinates. Regexes only propose candidates; a checksum or the ``phonenumbers`` metadata decides.
Digits are written ``[0-9]`` rather than ``\\d`` because ``\\d`` also matches Arabic-Indic and other
digits that ``int()`` accepts, which would make "numbers" out of ordinary words in other scripts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

import phonenumbers

from .identifiers import is_valid_hkid, is_valid_resident_id, is_valid_student_number


class Hit(NamedTuple):
    """A detected span [start, end) of a view and its type code."""

    start: int
    end: int
    code: str


Detector = Callable[[str], Iterable[Hit]]

_CHECK = "[0-9Xx×]"  # children type the multiplication sign for the X check character
_STUDENT = re.compile(rf"(?<![0-9A-Za-z])[GJLgjl][0-9]{{17}}{_CHECK}(?![0-9])")
_RESIDENT = re.compile(rf"(?<![0-9])[0-9]{{17}}{_CHECK}(?![0-9])")
_HKID = re.compile(r"(?<![0-9A-Za-z])[A-Za-z]{1,2} ?[0-9]{6} ?(?:\([0-9Aa]\)|[0-9Aa](?![0-9A-Za-z]))")

_MOBILE = re.compile(r"(?<![0-9])(?:\(?(?:\+|00)?86\)?)?(1[3-9][0-9]{9})(?![0-9])")
_HK_PREFIXED = re.compile(r"(?<![0-9])\(?(?:\+|00)?852\)?([2-9][0-9]{7})(?![0-9])")
_PHONE_CUE = re.compile(
    r"(?i:电话|電話|座机|座機|固话|手机|手機|号码|號碼|联系方式|whatsapp|(?<![a-z])(?:tel|phone|call|mobile))"
    r"[^0-9\n]{0,6}?(?<![0-9])([0-9]{7,12})(?![0-9])"
)
_AREA_CODE_LANDLINE = re.compile(r"(?<![0-9])(?:0[1-9][0-9]{1,2}-|\(0[1-9][0-9]{1,2}\))[2-9][0-9]{6,7}(?![0-9])")

# The look-behind makes a match start only where a run of address characters starts: without it a
# long run with no "@" is rescanned from every position (quadratic time on 5000 characters).
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(r"(?i)(?<![a-z0-9])(?:https?://|www\.)[!#-;=?-~]+")
_TLDS = "com|cn|net|org|edu|gov|hk|io|top|xyz|me|cc|tv|info|app|site|online|club|vip|shop"
_BARE_DOMAIN = re.compile(
    rf"(?i)(?<![a-z0-9@.\-])(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_TLDS})(?![a-z0-9\-])(?:/[!#-;=?-~]*)?"
)
_URL_TRAILING = ".,;:!?)]}'\""

_SOCIAL = re.compile(
    r"(?i)(?<![a-z])(?:qq|微信|weixin|wechat|vx|wx|v信|威信|抖音|快手|微博|小红书|小紅書|b站|bilibili|哔哩哔哩"
    r"|instagram|snapchat|discord|telegram)"
    r"的?(?P<marker>号码|號碼|号|號|账号|帳號|id|群)?\s*(?P<sep>是|为|為|叫|:|=)?\s*"
    r"(?P<token>[A-Za-z0-9][A-Za-z0-9_.\-]{4,29})"
)


def _checked(pattern: re.Pattern[str], text: str, code: str, valid: Callable[[str], bool]) -> Iterator[Hit]:
    for match in pattern.finditer(text):
        if valid(match.group(0).replace("×", "X").replace(" ", "")):
            yield Hit(match.start(), match.end(), code)


def find_identity_numbers(text: str) -> Iterator[Hit]:
    """Find resident IDs, 学籍号 and HKIDs that pass their check-digit rules."""
    yield from _checked(_STUDENT, text, "student_number", is_valid_student_number)
    yield from _checked(_RESIDENT, text, "resident_id", is_valid_resident_id)
    yield from _checked(_HKID, text, "hk_id", is_valid_hkid)


def _phone_type(number: str, region: str) -> int | None:
    """Return the phonenumbers type of a valid number, or None when it is not a real number."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.number_type(parsed) if phonenumbers.is_valid_number(parsed) else None


_MOBILE_TYPES = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
_FIXED_TYPES = {phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}


def _cued_number_code(digits: str) -> str | None:
    """Classify a number that follows a phone cue word such as 电话 or tel."""
    if len(digits) == 8 and digits[0] in "569" and _phone_type(digits, "HK") in _MOBILE_TYPES:
        return "hk_phone"
    if digits[0] == "0" and _phone_type(digits, "CN") in _FIXED_TYPES:
        return "landline"
    # A local number without area code cannot be validated; after a cue word it is still a phone.
    if len(digits) in (7, 8) and digits[0] in "2345678":
        return "landline"
    return None


def find_phones(text: str) -> Iterator[Hit]:
    """Find mainland mobiles, Hong Kong numbers and landlines (the last only after a cue or area code)."""
    for match in _MOBILE.finditer(text):
        if _phone_type(match.group(1), "CN") in _MOBILE_TYPES:
            yield Hit(match.start(), match.end(), "mobile")
    for match in _HK_PREFIXED.finditer(text):
        if _phone_type(match.group(1), "HK") is not None:
            yield Hit(match.start(), match.end(), "hk_phone")
    for match in _PHONE_CUE.finditer(text):
        code = _cued_number_code(match.group(1))
        if code:
            yield Hit(match.start(1), match.end(1), code)
    for match in _AREA_CODE_LANDLINE.finditer(text):
        if _phone_type(match.group(0), "CN") in _FIXED_TYPES:
            yield Hit(match.start(), match.end(), "landline")


def _trim_url(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _URL_TRAILING:
        end -= 1
    return end


def find_contacts(text: str) -> Iterator[Hit]:
    """Find e-mail addresses, URLs, bare domains and QQ/WeChat-style account ids after a cue."""
    for match in _EMAIL.finditer(text):
        yield Hit(match.start(), match.end(), "email")
    for pattern in (_URL, _BARE_DOMAIN):
        for match in pattern.finditer(text):
            yield Hit(match.start(), _trim_url(text, match.start(), match.end()), "url")
    for match in _SOCIAL.finditer(text):
        token = match.group("token").rstrip("._-")
        explicit = match.group("marker") or match.group("sep")
        # Without 号/是/: an English word after "wechat" is prose, not an account id.
        if explicit or any(c.isdigit() or c == "_" for c in token):
            yield Hit(match.start("token"), match.start("token") + len(token), "social")


#: Detectors for numbers: they run on the plain view and on the compact view.
NUMBER_DETECTORS: tuple[Detector, ...] = (find_identity_numbers, find_phones)
