"""Turn XLSForm XPath trees into our rule trees, with names resolved to our codes.

Kept: ``${name}``, ``.``, numbers, strings, comparisons, ``and``, ``or``, ``not()``, ``true()``,
``false()``, ``selected(${x}, 'a')``, ``count-selected(${x})``, ``${x} != ''`` and
``string-length(${x}) > 0`` (both ``answered(X)``). A ``calculate`` row that a rule refers to is
written into the rule when its formula can be (``${n} > 2`` with ``n = count-selected(${s})``).
A question split into one question per parent answer (a cascading select) is read as all its parts.
Anything else raises RuleError naming what cannot be kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .. import expressions
from .rules import FALSE_RULE, TRUE_RULE, RuleError, to_rule
from .xpath import written

_BOOLEAN = ("and", "or", "not", "cmp", "const")


@dataclass
class Names:
    """What a rule's names mean: our codes, calculations, split questions and renamed choices."""

    #: XLSForm name -> our item code, for every question row.
    codes: dict[str, str] = field(default_factory=dict)
    #: XLSForm name -> why a rule cannot use it (a metadata row, a note, a refused row, ...).
    unusable: dict[str, str] = field(default_factory=dict)
    #: calculate name -> its parsed formula (or the RuleError text when it did not parse).
    calculations: dict[str, list | str] = field(default_factory=dict)
    used_calculations: set[str] = field(default_factory=set)
    #: item code -> [(part code, the choice codes it offers)] for a question split by its parent's answer.
    splits: dict[str, list[tuple[str, set[str]]]] = field(default_factory=dict)
    #: item code -> {choice name as written -> our choice code}.
    choice_codes: dict[str, dict[str, str]] = field(default_factory=dict)

    def code(self, name: str) -> str:
        if name in self.codes:
            return self.codes[name]
        if name in self.unusable:
            raise RuleError(f"refers to ${{{name}}}, {self.unusable[name]}")
        raise RuleError(f"refers to ${{{name}}}, but no question has that name")


def to_ours(tree: list, names: Names, depth: int = 0) -> list:
    """Our tree for an XPath tree (raises RuleError for what our rule language cannot say)."""
    if depth > 20:
        raise RuleError("calculations refer to each other in a loop")
    kind = tree[0]
    if kind == "const":
        return TRUE_RULE if tree[1] else FALSE_RULE
    if kind in ("and", "or"):
        return [kind, to_ours(tree[1], names, depth), to_ours(tree[2], names, depth)]
    if kind == "not":
        return ["not", to_ours(tree[1], names, depth)]
    if kind == "cmp":
        return _comparison(tree, names, depth)
    if kind == "fn":
        return _function(tree, names)
    if kind == "ref":
        return _reference(tree[1], names, depth)
    if kind in ("lit", "self"):
        return tree
    raise RuleError(f"{written(tree)} is not supported")


def _reference(name: str, names: Names, depth: int) -> list:
    if name in names.calculations:
        formula = names.calculations[name]
        if isinstance(formula, str):
            raise RuleError(f"refers to ${{{name}}}, a calculate row whose formula cannot be kept ({formula})")
        names.used_calculations.add(name)
        return to_ours(formula, names, depth + 1)
    code = names.code(name)
    if code in names.splits:  # a bare reference means "answered"
        return _any([["call", "answered", part] for part, _ in names.splits[code]])
    return ["ref", code]


def _comparison(tree: list, names: Names, depth: int) -> list:
    op, left, right = tree[1], tree[2], tree[3]
    if right[0] == "fn" and left[0] == "lit":  # 0 < string-length(${q}): the function first
        left, right = right, left
        op = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(op, op)
    if left[0] == "fn" and left[1] == "string-length" and right[0] == "lit" and len(left) == 3:
        return _length_check(left[2], op, right[1], names)
    if right == ["lit", ""] and left[0] == "ref" and op in ("=", "!=") and left[1] not in names.calculations:
        answered = _answered(names.code(left[1]), names)
        return answered if op == "!=" else ["not", answered]
    if left[0] == "ref" and left[1] not in names.calculations and names.code(left[1]) in names.splits:
        return _split_comparison(names.code(left[1]), op, right, names)
    ours_left, ours_right = to_ours(left, names, depth), to_ours(right, names, depth)
    for side in (ours_left, ours_right):
        if side[0] in _BOOLEAN or (side[0] == "call" and side[1] in ("answered", "selected")):
            raise RuleError("compares a true/false value with something else; write the condition itself")
    return ["cmp", op, _choice_literal(ours_left, ours_right, names), _choice_literal(ours_right, ours_left, names)]


def _choice_literal(side: list, other: list, names: Names) -> list:
    """A quoted choice compared with a question whose choices were renamed follows the new code."""
    if side[0] == "lit" and isinstance(side[1], str) and other[0] == "ref":
        return ["lit", names.choice_codes.get(other[1], {}).get(side[1], side[1])]
    return side


def _length_check(target: list, op: str, limit: object, names: Names) -> list:
    """``string-length(${x}) > 0`` is "x is answered"; other lengths of other questions cannot be said."""
    if target[0] != "ref" or isinstance(limit, str):
        raise RuleError("string-length() is only kept as a length limit on the answer itself "
                        "(string-length(.) <= N) or as 'answered' (string-length(${x}) > 0)")
    answered_when = {(">", 0), (">=", 1), ("!=", 0)}
    empty_when = {("=", 0), ("<", 1), ("<=", 0)}
    answered = _answered(names.code(target[1]), names)
    if (op, limit) in answered_when:
        return answered
    if (op, limit) in empty_when:
        return ["not", answered]
    raise RuleError(f"string-length(${{{target[1]}}}) {op} {limit} cannot be said in our rules; only whether "
                    "it is answered")


def _answered(code: str, names: Names) -> list:
    if code in names.splits:
        return _any([["call", "answered", part] for part, _ in names.splits[code]])
    return ["call", "answered", code]


def _split_comparison(code: str, op: str, right: list, names: Names) -> list:
    """``${street} = 'x'`` for a street question split by district: true when the part offering x says x."""
    if op not in ("=", "!=") or right[0] != "lit":
        raise RuleError(f"{code} is asked as one question per earlier answer (a cascading select); rules can "
                        "only compare it with a choice using = or !=")
    value = names.choice_codes.get(code, {}).get(str(right[1]), right[1])
    parts = [["cmp", "=", ["ref", part], ["lit", value]] for part, offered in names.splits[code] if value in offered]
    equal = _any(parts) if parts else FALSE_RULE
    return equal if op == "=" else ["not", equal]


def _any(parts: list[list]) -> list:
    tree = parts[0]
    for part in parts[1:]:
        tree = ["or", tree, part]
    return tree


def _function(tree: list, names: Names) -> list:
    name, args = tree[1], tree[2:]
    if name in ("selected", "count-selected") and args and args[0][0] == "self":
        raise RuleError(f"{name}(.) is only kept in a multiple-choice constraint as the most choices "
                        "(count-selected(.) <= N) or an answer that excludes the others")
    if name == "selected" and len(args) == 2 and args[0][0] == "ref" and args[1][0] == "lit":
        code, choice = names.code(args[0][1]), str(args[1][1])
        choice = names.choice_codes.get(code, {}).get(choice, choice)
        if code in names.splits:
            return _split_comparison(code, "=", ["lit", choice], names)
        return ["call", "selected", code, choice]
    if name == "count-selected" and len(args) == 1 and args[0][0] == "ref":
        return ["call", "count", names.code(args[0][1])]
    if name == "selected":
        raise RuleError("selected() needs a question and a quoted choice: selected(${q}, 'a')")
    raise RuleError(f"{written(tree)} is not supported")


def rule_text(tree: list, names: Names, check: Callable[[list], None] | None = None) -> str:
    """Our rule text for an XPath tree; the text parses back to exactly the tree it was made from."""
    ours = to_ours(tree, names)
    if check:
        check(ours)
    text = to_rule(ours)
    try:
        parsed = expressions.parse(text)
    except expressions.ExpressionError as error:
        raise RuleError(str(error)) from error
    if parsed != ours:
        raise RuleError(f"cannot be written in our rule language (as {text!r})")
    return text
