"""Read a constraint into our limits: most choices, longest text, exclusive answers, and a remaining rule.

XLSForm can only say these things as constraints; our format has fields for them, which the
tablet enforces before the child moves on:

- ``count-selected(.) <= 3`` (or ``< 4``) -> ``max: 3`` on a multiple choice;
- ``string-length(.) <= 100`` and ``regex(., '^.{0,100}$')`` -> ``max_length: 100`` on a text;
- ``not(selected(., 'none') and count-selected(.) > 1)`` and its spellings -> ``exclusive: true``
  on the choice ``none``.

A part of a constraint we cannot keep (a minimum length, a character pattern) is dropped with a
warning: a dropped check lets more answers through, and skipping is always allowed here anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .rules import conjuncts

_LENGTH_PATTERN = re.compile(r"\^(?:\(\?:)?(\.|\[\\s\\S\]|\[\\S\\s\]|\(\.\|\\n\)|\[[^\]]+\]|\\[dwDWsS])\)?"
                             r"(?:\{(\d*)(,?)(\d*)\}|([*+]))\$")
_ANY_CHARACTER = (".", "[\\s\\S]", "[\\S\\s]", "(.|\\n)")


@dataclass
class Limits:
    """What a constraint says: limits in our fields, the rest as an XPath tree, and what was dropped."""

    rule: list | None = None
    max_choices: int | None = None
    max_length: int | None = None
    exclusive: list[str] = field(default_factory=list)
    #: (the part as written, why it was dropped)
    dropped: list[str] = field(default_factory=list)


def read_limits(tree: list | None, kind: str) -> Limits:
    """Split a constraint's parts into our limits and the parts left for the rule."""
    found = Limits()
    kept: list[list] = []
    for part in conjuncts(tree):
        if not _limit(part, kind, found):
            kept.append(part)
    found.rule = _join(kept)
    return found


def _join(parts: list[list]) -> list | None:
    tree = parts[0] if parts else None
    for part in parts[1:]:
        tree = ["and", tree, part]
    return tree


def _limit(part: list, kind: str, found: Limits) -> bool:
    """Record ``part`` if it is one of our limits (or a limit we drop); False to keep it as a rule."""
    if kind == "multiple":
        most = _at_most(part, "count-selected")
        if most is not None:
            found.max_choices = min(most, found.max_choices or most)
            return True
        choice = _exclusive(part)
        if choice is not None:
            found.exclusive.append(choice)
            return True
    if kind == "text":
        return _text_limit(part, found)
    return False


def _text_limit(part: list, found: Limits) -> bool:
    longest = _at_most(part, "string-length")
    if longest is not None:
        found.max_length = min(longest, found.max_length or longest)
        return True
    if _at_least(part, "string-length"):
        found.dropped.append("a minimum length (our text questions have a most, not a least)")
        return True
    if part[0] == "fn" and part[1] == "regex" and len(part) == 4 and part[2] == ["self"] and part[3][0] == "lit":
        _regex(str(part[3][1]), found)
        return True
    return False


def _regex(pattern: str, found: Limits) -> None:
    match = _LENGTH_PATTERN.fullmatch(pattern.strip())
    if not match:
        found.dropped.append(f"the pattern {pattern!r} (our rules cannot check the characters of a text)")
        return
    characters, least, comma, most, repeat = match.groups()
    if repeat is None:
        longest = int(most or least) if (most or not comma) and (most or least) else None
        if longest:
            found.max_length = min(longest, found.max_length or longest)
        if least and int(least) > 0:
            found.dropped.append(f"the minimum length {least} in {pattern!r}")
    if characters not in _ANY_CHARACTER:
        found.dropped.append(f"the allowed characters {characters} in {pattern!r} (our rules cannot check "
                             "the characters of a text)")


def _at_most(part: list, function: str) -> int | None:
    """N for ``function(.) <= N`` (and ``< N+1``, ``N >= function(.)``), else None."""
    if part[0] != "cmp":
        return None
    op, left, right = part[1], part[2], part[3]
    if _on_self(right, function):
        left, right, op = right, left, {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(op, op)
    if not _on_self(left, function) or right[0] != "lit" or not isinstance(right[1], int):
        return None
    return {"<=": right[1], "<": right[1] - 1}.get(op)


def _at_least(part: list, function: str) -> bool:
    if part[0] != "cmp" or part[3][0] != "lit":
        return False
    return _on_self(part[2], function) and part[1] in (">", ">=", "=")


def _on_self(node: list, function: str) -> bool:
    return node[0] == "fn" and node[1] == function and node[2:] == [["self"]]


def _exclusive(part: list) -> str | None:
    """The choice in ``not(selected(., 'x') and count-selected(.) > 1)`` and the other usual spellings."""
    if part[0] == "not" and part[1][0] == "and":
        pair = part[1][1:]
        for first, second in (pair, pair[::-1]):
            if _selected_self(first) is not None and _more_than_one(second):
                return _selected_self(first)
    if part[0] == "or":
        for first, second in (part[1:], part[2:0:-1]):
            if first[0] == "not" and _selected_self(first[1]) is not None and _just_one(second):
                return _selected_self(first[1])
    return None


def _selected_self(node: list) -> str | None:
    if node[0] == "fn" and node[1] == "selected" and len(node) == 4 and node[2] == ["self"] and node[3][0] == "lit":
        return str(node[3][1])
    return None


def _more_than_one(node: list) -> bool:
    return node[0] == "cmp" and _on_self(node[2], "count-selected") and (node[1], node[3]) in (
        (">", ["lit", 1]), (">=", ["lit", 2]), ("!=", ["lit", 1]))


def _just_one(node: list) -> bool:
    return node[0] == "cmp" and _on_self(node[2], "count-selected") and (node[1], node[3]) in (
        ("=", ["lit", 1]), ("<=", ["lit", 1]), ("<", ["lit", 2]))
