"""A small, safe expression language for relevance (skip logic) and validation rules.

Nothing is ever passed to ``eval``: text is tokenised, parsed into a JSON-friendly tree, and
that tree is interpreted here and, with the same rules, by the tablet's JavaScript.

    S07 != 'safe' and (P04 >= 2 or selected(S07, 'dark'))
    . >= 6 and . <= 17            ("." is the answer being validated)
    band = 'D'

Grammar::

    expr       := and_expr ('or' and_expr)*
    and_expr   := not_expr ('and' not_expr)*
    not_expr   := 'not' not_expr | comparison
    comparison := operand (('=' | '!=' | '<' | '<=' | '>' | '>=') operand)?
    operand    := CODE | '.' | 'band' | NUMBER | STRING | CALL | '(' expr ')'
    CALL       := ('selected' '(' CODE ',' STRING ')') | ('answered' | 'count') '(' CODE ')'

Trees are lists: ``["or", a, b]``, ``["and", a, b]``, ``["not", a]``, ``["cmp", op, l, r]``,
``["ref", code]``, ``["self"]``, ``["band"]``, ``["lit", value]``, ``["call", name, code, *args]``.
An unanswered item is ``None``; every comparison with ``None`` is false except ``!=``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

MAX_LENGTH = 500
COMPARISONS = ("<=", ">=", "!=", "=", "<", ">")
FUNCTIONS = {"selected": 2, "answered": 1, "count": 1}
_TOKEN = re.compile(
    r"""\s*(?:(?P<number>-?\d+(?:\.\d+)?)|(?P<string>'[^']*'|"[^"]*")|(?P<op><=|>=|!=|=|<|>)"""
    r"""|(?P<punct>[(),.])|(?P<word>[A-Za-z_][A-Za-z0-9_]*))"""
)


class ExpressionError(ValueError):
    """The expression cannot be parsed; the message says where."""


def tokenise(text: str) -> list[tuple[str, str]]:
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"longer than {MAX_LENGTH} characters")
    tokens, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ExpressionError(f"unexpected character {text[position:position + 1]!r} at {position + 1}")
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens = tokens
        self.index = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token[1].lower() != value):
            found = token[1] if token else "the end"
            raise ExpressionError(f"expected {value or 'more'} but found {found!r}")
        self.index += 1
        return token

    def at_word(self, word: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "word" and token[1].lower() == word

    def expression(self) -> list:
        node = self.and_expression()
        while self.at_word("or"):
            self.take()
            node = ["or", node, self.and_expression()]
        return node

    def and_expression(self) -> list:
        node = self.not_expression()
        while self.at_word("and"):
            self.take()
            node = ["and", node, self.not_expression()]
        return node

    def not_expression(self) -> list:
        if self.at_word("not"):
            self.take()
            return ["not", self.not_expression()]
        left = self.operand()
        token = self.peek()
        if token and token[0] == "op":
            self.take()
            return ["cmp", token[1], left, self.operand()]
        return left

    def operand(self) -> list:
        kind, value = self.take()
        if kind == "number":
            return ["lit", float(value) if "." in value else int(value)]
        if kind == "string":
            return ["lit", value[1:-1]]
        if value == "(":
            node = self.expression()
            self.take(")")
            return node
        if value == ".":
            return ["self"]
        if kind == "word" and value.lower() == "band":
            return ["band"]
        if kind == "word" and value.lower() in FUNCTIONS:
            return self.call(value.lower())
        if kind == "word" and value.lower() not in ("and", "or", "not"):
            return ["ref", value]
        raise ExpressionError(f"unexpected {value!r}")

    def call(self, name: str) -> list:
        self.take("(")
        code = self.take()
        if code[0] != "word":
            raise ExpressionError(f"{name}() needs an item code first")
        node = ["call", name, code[1]]
        if FUNCTIONS[name] == 2:
            self.take(",")
            kind, value = self.take()
            if kind != "string":
                raise ExpressionError(f"{name}() needs a quoted choice code second")
            node.append(value[1:-1])
        self.take(")")
        return node


def parse(text: str) -> list:
    """Parse an expression into its tree, or raise ExpressionError."""
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("empty expression")
    parser = _Parser(tokenise(text))
    tree = parser.expression()
    if parser.peek() is not None:
        raise ExpressionError(f"unexpected {parser.peek()[1]!r} after the end")
    return tree


def references(tree: list) -> set[str]:
    """The item codes a tree reads."""
    kind = tree[0]
    if kind == "ref":
        return {tree[1]}
    if kind == "call":
        return {tree[2]}
    if kind in ("and", "or"):
        return references(tree[1]) | references(tree[2])
    if kind == "not":
        return references(tree[1])
    if kind == "cmp":
        return references(tree[2]) | references(tree[3])
    return set()


def uses_self(tree: list) -> bool:
    if tree[0] == "self":
        return True
    return any(isinstance(part, list) and uses_self(part) for part in tree[1:])


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


_ORDERED: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
}


def _compare(op: str, left: Any, right: Any) -> bool:
    if left is None or right is None or isinstance(left, list) or isinstance(right, list):
        return op == "!=" and left != right
    a, b = _number(left), _number(right)
    if a is None or b is None:
        a, b = str(left), str(right)
    if op == "=":
        return a == b
    if op == "!=":
        return a != b
    return _ORDERED[op](a, b)


def evaluate(tree: list, answers: Mapping[str, Any], *, band: str | None = None, value: Any = None) -> Any:
    """Evaluate a tree against answers (code -> value, list for multiple choice)."""
    kind = tree[0]
    if kind == "lit":
        return tree[1]
    if kind == "ref":
        return answers.get(tree[1])
    if kind == "self":
        return value
    if kind == "band":
        return band
    if kind == "or":
        return bool(evaluate(tree[1], answers, band=band, value=value)) or bool(
            evaluate(tree[2], answers, band=band, value=value))
    if kind == "and":
        return bool(evaluate(tree[1], answers, band=band, value=value)) and bool(
            evaluate(tree[2], answers, band=band, value=value))
    if kind == "not":
        return not evaluate(tree[1], answers, band=band, value=value)
    if kind == "cmp":
        return _compare(tree[1], evaluate(tree[2], answers, band=band, value=value),
                        evaluate(tree[3], answers, band=band, value=value))
    return _call(tree, answers)


def _call(tree: list, answers: Mapping[str, Any]) -> Any:
    name, answer = tree[1], answers.get(tree[2])
    if name == "answered":
        return answer not in (None, "", [])
    if name == "count":
        return len(answer) if isinstance(answer, list) else int(answer not in (None, ""))
    chosen = answer if isinstance(answer, list) else [answer]
    return tree[3] in chosen


def to_text(tree: list) -> str:
    """Write a tree back as text (for XLSForm export and messages)."""
    kind = tree[0]
    if kind == "lit":
        return f"'{tree[1]}'" if isinstance(tree[1], str) else str(tree[1])
    if kind == "ref":
        return tree[1]
    if kind == "self":
        return "."
    if kind == "band":
        return "band"
    if kind in ("and", "or"):
        return f"({to_text(tree[1])} {kind} {to_text(tree[2])})"
    if kind == "not":
        return f"not {to_text(tree[1])}"
    if kind == "cmp":
        return f"{to_text(tree[2])} {tree[1]} {to_text(tree[3])}"
    args = ", ".join([tree[2], *(f"'{a}'" for a in tree[3:])])
    return f"{tree[1]}({args})"
