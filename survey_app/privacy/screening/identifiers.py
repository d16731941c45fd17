"""Check-digit rules for the structured identifiers: mainland resident ID, 学籍号 and HKID.

These are what turn "an 18-digit number" into "an identity number": a random 18-digit string
passes the MOD 11-2 check only one time in eleven, and it must also hold a real birth date.
"""

from __future__ import annotations

import re
from datetime import date

#: GB 11643-1999 / ISO 7064 MOD 11-2 weights for the first 17 characters.
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
#: Check character indexed by (weighted sum mod 11).
RESIDENT_ID_CHECK = "10X98765432"

_RESIDENT_ID = re.compile(r"[0-9]{17}[0-9X]")
_HKID = re.compile(r"([A-Z]{1,2})([0-9]{6})\(?([0-9A])\)?")

#: HKID letters count from 10 (A) to 35 (Z); a one-letter HKID is padded with a space worth 36.
_HKID_SPACE = 36


def resident_id_check_char(first17: str) -> str:
    """Return the check character for the first 17 digits of a resident ID."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK[total % 11]


def is_real_birth_date(yyyymmdd: str, today: date | None = None) -> bool:
    """Is this an existing calendar date from 1900 up to today?"""
    today = today or date.today()
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return 1900 <= born.year and born <= today


def is_valid_resident_id(value: str, today: date | None = None) -> bool:
    """Check an 18-character resident ID: shape, MOD 11-2 check character and birth date."""
    value = value.upper()
    if not _RESIDENT_ID.fullmatch(value):
        return False
    return resident_id_check_char(value[:17]) == value[17] and is_real_birth_date(value[6:14], today)


def is_valid_student_number(value: str, today: date | None = None) -> bool:
    """Check a 学籍号: G or J plus a valid resident ID, or L plus 18 characters (temporary number)."""
    prefix, rest = value[:1].upper(), value[1:].upper()
    if prefix in ("G", "J"):
        return is_valid_resident_id(rest, today)
    # Temporary numbers are issued before an ID exists, so there is no check character to test.
    return prefix == "L" and bool(_RESIDENT_ID.fullmatch(rest))


def _hkid_value(char: str) -> int:
    return int(char) if char.isdigit() else ord(char) - ord("A") + 10


def hkid_check_digit(letters: str, digits: str) -> str:
    """Return the HKID check digit ("0"-"9" or "A") for one or two letters and six digits."""
    values = [_HKID_SPACE] * (2 - len(letters)) + [_hkid_value(c) for c in letters.upper() + digits]
    total = sum(value * weight for value, weight in zip(values, range(9, 1, -1), strict=True))
    remainder = (11 - total % 11) % 11
    return "A" if remainder == 10 else str(remainder)


def is_valid_hkid(value: str) -> bool:
    """Check a Hong Kong identity card number such as "A123456(3)"; brackets are optional."""
    match = _HKID.fullmatch(value.upper().replace(" ", ""))
    return bool(match) and hkid_check_digit(match.group(1), match.group(2)) == match.group(3)
