"""Rule trees (from ``expressions.parse``) written as ODK XPath or as our rule language.

Both dialects share one tree shape, so a rule survives export and import unchanged: parentheses
are written exactly where the tree needs them (``a and (b and c)`` keeps its right-hand nesting).

XPath differences: item references are ``${CODE}``, ``answered(X)`` is ``${X} != ''``,
``count(X)`` is ``count-selected(${X})``, and ``not`` is a function. ``band`` has no XPath
meaning; a workbook holds one band, so comparisons with ``band`` are decided when exporting.
Two tree nodes exist only on the XPath side: ``["const", True/False]`` (``true()``/``false()``)
and calls on ``.`` (``count-selected(.)``), which the exporter writes for ``max``.
"""

from __future__ import annotations

from .. import expressions

_PRECEDENCE = {"or": 1, "and": 2}
TRUE_RULE = ["cmp", "=", ["lit", 1], ["lit", 1]]
FALSE_RULE = ["cmp", "=", ["lit", 1], ["lit", 0]]


class RuleError(ValueError):
    """A rule cannot be written in the other dialect."""


def decide_band(tree: list, band: str) -> list | bool:
    """Replace comparisons with ``band`` by their value in this band, then simplify and/or/not."""
    kind = tree[0]
    if kind == "band":
        return True  # a band id is never empty, so a bare ``band`` is true
    if kind == "cmp" and ["band"] in (tree[2], tree[3]):
        other = tree[3] if tree[2] == ["band"] else tree[2]
        if other[0] not in ("lit", "band"):
            raise RuleError("'band' can only be compared with a quoted band id")
        return bool(expressions.evaluate(tree, {}, band=band))
    if kind == "not":
        inner = decide_band(tree[1], band)
        return (not inner) if isinstance(inner, bool) else ["not", inner]
    if kind in ("and", "or"):
        return _join(kind, decide_band(tree[1], band), decide_band(tree[2], band))
    return tree


def _join(kind: str, left: list | bool, right: list | bool) -> list | bool:
    absorbing = kind == "or"  # true decides an "or", false decides an "and"
    if left is absorbing or right is absorbing:
        return absorbing
    if isinstance(left, bool):  # the other constant changes nothing
        return right
    if isinstance(right, bool):
        return left
    return [kind, left, right]


def conjuncts(tree: list | None) -> list[list]:
    """``a and b and c`` (left-nested, as parsed) -> [a, b, c]; right-nested parts stay whole."""
    if tree is None:
        return []
    if tree[0] == "and":
        return conjuncts(tree[1]) + [tree[2]]
    return [tree]


def conjoin(parts: list[list]) -> list | None:
    """The inverse of ``conjuncts``."""
    tree = parts[0] if parts else None
    for part in parts[1:]:
        tree = ["and", tree, part]
    return tree


def to_xpath(tree: list) -> str:
    return _render(tree, xpath=True)


def to_rule(tree: list) -> str:
    """Our rule text for a tree; parsing the text gives the same tree back (checked by the caller)."""
    return _render(tree, xpath=False)


def _render(tree: list, xpath: bool) -> str:
    kind = tree[0]
    if kind == "lit":
        return _literal(tree[1])
    if kind == "ref":
        return f"${{{tree[1]}}}" if xpath else tree[1]
    if kind == "self":
        return "."
    if kind == "const" and xpath:
        return "true()" if tree[1] else "false()"
    if kind == "band" and not xpath:
        return "band"
    if kind in _PRECEDENCE:
        return f"{_child(tree[1], kind, xpath, False)} {kind} {_child(tree[2], kind, xpath, True)}"
    if kind == "not":
        inner = _render(tree[1], xpath)
        if xpath:
            return f"not({inner})"
        return f"not {inner}" if tree[1][0] in ("ref", "call", "lit") else f"not ({inner})"
    if kind == "cmp":
        return f"{_operand(tree[2], xpath)} {tree[1]} {_operand(tree[3], xpath)}"
    if kind == "call":
        return _call(tree, xpath)
    raise RuleError(f"cannot write {kind!r} in {'XPath' if xpath else 'a rule'}")


def _child(tree: list, parent: str, xpath: bool, right: bool) -> str:
    text = _render(tree, xpath)
    precedence = _PRECEDENCE.get(tree[0], 3)
    if xpath and tree[0] == "call" and tree[1] == "answered":
        precedence = 3  # "${X} != ''" binds tighter than and/or
    needs = precedence < _PRECEDENCE[parent] or (right and precedence == _PRECEDENCE[parent])
    return f"({text})" if needs else text


def _operand(tree: list, xpath: bool) -> str:
    text = _render(tree, xpath)
    compound = tree[0] in ("and", "or", "not", "cmp") or (xpath and tree[0] == "call" and tree[1] == "answered")
    return f"({text})" if compound and not (xpath and tree[0] == "not") else text


def _call(tree: list, xpath: bool) -> str:
    name, code, args = tree[1], tree[2], [_literal(a) for a in tree[3:]]
    if not xpath:
        return f"{name}({', '.join([code, *args])})"
    target = "." if code == "." else f"${{{code}}}"
    if name == "answered":
        return f"{target} != ''"
    if name == "count":
        return f"count-selected({target})"
    return f"{name}({', '.join([target, *args])})"


def _literal(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"' if "'" in value else f"'{value}'"
    return str(value)
