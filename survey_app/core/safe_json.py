"""JSON from strangers: parsed only when it is shallow, finite and valid Unicode.

The standard parser recurses once per nesting level (about 1000 levels raise RecursionError,
which is no ValueError and so escapes ``silent=True``), accepts NaN and Infinity, turns ``1e999``
into infinity, and passes an escaped lone surrogate (``"\\ud800"``) through as a string that no
database driver can encode. Anything a child's tablet sends is a few levels deep, so refusing
the rest costs nothing and turns each of those faults into one plain "not valid" answer.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

#: A tablet's submission is three levels deep (body, answers, a list of choices).
MAX_DEPTH = 20
#: Longer number literals are not answers anyone gives (and Python refuses ints over 4300 digits).
MAX_NUMBER_LENGTH = 40

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class UntrustedJSONError(ValueError):
    """The text is not JSON this application accepts from outside."""


def parse_untrusted_json(text: str | bytes | None, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse ``text`` or raise UntrustedJSONError; never RecursionError, never NaN or a lone surrogate."""
    if text is None:
        raise UntrustedJSONError("no body")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise UntrustedJSONError("not UTF-8") from None
    if _SURROGATE.search(text):
        raise UntrustedJSONError("lone surrogate")
    _check_depth(text, max_depth)
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_int=_parse_int, parse_float=_parse_float)
    except (ValueError, RecursionError) as error:  # RecursionError only if the depth scan were wrong
        raise UntrustedJSONError(str(error)) from None
    _check_strings(value)
    return value


def _check_depth(text: str, max_depth: int) -> None:
    """Count brackets outside strings, without recursion, before the parser sees the text."""
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub('""', text)):
        depth += 1 if bracket in "[{" else -1
        if depth > max_depth:
            raise UntrustedJSONError("nested too deeply")


def _refuse_constant(name: str) -> Any:
    raise UntrustedJSONError(f"{name} is not a number")


def _parse_int(literal: str) -> int:
    if len(literal) > MAX_NUMBER_LENGTH:
        raise UntrustedJSONError("number too long")
    return int(literal)


def _parse_float(literal: str) -> float:
    value = float(literal) if len(literal) <= MAX_NUMBER_LENGTH else math.inf
    if not math.isfinite(value):
        raise UntrustedJSONError("number out of range")
    return value


def _check_strings(value: Any) -> None:
    """Escapes such as ``\\udc00`` decode to lone surrogates; refuse them in keys and values."""
    pending = [value]
    while pending:
        current = pending.pop()
        if isinstance(current, dict):
            pending.extend(current.keys())
            pending.extend(current.values())
        elif isinstance(current, list):
            pending.extend(current)
        elif isinstance(current, str) and _SURROGATE.search(current):
            raise UntrustedJSONError("lone surrogate")
