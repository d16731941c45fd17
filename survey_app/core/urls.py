"""URLs: redirect targets that stay on this site, and integer ids the database can hold."""

from __future__ import annotations

import builtins
from urllib.parse import urlsplit

from werkzeug.routing import IntegerConverter, Map, ValidationError


def safe_next_url(target: str | None, fallback: str) -> str:
    """Return ``target`` when it is a path on this site, otherwise ``fallback``."""
    if not target or len(target) > 2000:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    if "\\" in target:
        return fallback
    return target


#: The largest value an INTEGER column holds on every database we run on (PostgreSQL's is 32-bit).
DATABASE_INT_MAX = 2**31 - 1


class DatabaseIntConverter(IntegerConverter):
    """``<int:...>`` in every route: ASCII digits within the database's integer range, else a 404.

    Werkzeug's converter takes any size (the database then fails with an overflow: a 500) and
    digits of any script (``\\d``), which would give a page a second address.
    """

    regex = r"[0-9]+"

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None,  # noqa: A002 - werkzeug's names
                 max: int | None = None, signed: bool = False) -> None:  # noqa: A002
        upper = DATABASE_INT_MAX if max is None else builtins.min(max, DATABASE_INT_MAX)
        super().__init__(map, fixed_digits, min, upper, signed)

    def to_python(self, value: str) -> int:
        if len(value.lstrip("-")) > len(str(DATABASE_INT_MAX)):
            raise ValidationError()  # do not even parse thousands of digits
        return super().to_python(value)
