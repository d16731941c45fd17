"""Read the XPath subset XLSForm rules use into our rule trees (the import direction).

Accepted: ``${CODE}``, ``.``, numbers, quoted strings, ``= != < <= > >=``, ``and``, ``or``,
parentheses, ``not(...)``, ``selected(${X}, 'a')``, ``count-selected(${X})``, ``true()``,
``false()``. Anything else (arithmetic, paths, other functions) is refused with a message,
never guessed at.
"""

from __future__ import annotations

import re

from .. import expressions
from .columns import item_code
from .rules import FALSE_RULE, TRUE_RULE, RuleError, to_rule

_TOKEN = re.compile(
    r"""\s*(?:(?P<ref>\$\{\s*[A-Za-z_][\w.-]*\s*\})|(?P<number>-?\d+(?:\.\d+)?)|(?P<string>'[^']*'|"[^"]*")"""
    r"""|(?P<op><=|>=|!=|=|<|>)|(?P<punct>[(),]|\.(?!\.))|(?P<name>[A-Za-z_][\w:-]*))"""
)
_TARGETS = {"selected": 2, "count-selected": 1}


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens, position, text = [], 0, text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            raise RuleError(f"unsupported {text[position:].strip()[:1]!r} at {position + 1}")
        kind = match.lastgroup
        value = match.group(kind)
        tokens.append((kind, item_code(value[2:-1].strip()) if kind == "ref" else value))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.index = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token[1] != value):
            raise RuleError(f"expected {value or 'more'} but found {token[1] if token else 'the end'!r}")
        self.index += 1
        return token

    def at(self, value: str) -> bool:
        return self.peek() is not None and self.peek()[1] == value

    def expression(self) -> list:
        node = self.conjunction()
        while self.at("or"):
            self.take()
            node = ["or", node, self.conjunction()]
        return node

    def conjunction(self) -> list:
        node = self.comparison()
        while self.at("and"):
            self.take()
            node = ["and", node, self.comparison()]
        return node

    def comparison(self) -> list:
        left = self.primary()
        if self.peek() and self.peek()[0] == "op":
            node = ["cmp", self.take()[1], left, self.primary()]
            if self.peek() and self.peek()[0] == "op":
                raise RuleError("chained comparisons are not supported")
            return node
        return left

    def primary(self) -> list:
        kind, value = self.take()
        if kind == "ref":
            return ["ref", value]
        if kind == "number":
            return ["lit", float(value) if "." in value else int(value)]
        if kind == "string":
            return ["lit", value[1:-1]]
        if value == ".":
            return ["self"]
        if value == "(":
            node = self.expression()
            self.take(")")
            return node
        if kind == "name" and self.at("("):
            return self.function(value)
        raise RuleError(f"unexpected {value!r}")

    def function(self, name: str) -> list:
        self.take("(")
        if name in ("true", "false"):
            node = ["const", name == "true"]
        elif name == "not":
            node = ["not", self.expression()]
        elif name in _TARGETS:
            node = ["call", "count" if name == "count-selected" else name, self.target()]
            if _TARGETS[name] == 2:
                self.take(",")
                kind, value = self.take()
                if kind != "string":
                    raise RuleError(f"{name}() needs a quoted choice second")
                node.append(value[1:-1])
        else:
            raise RuleError(f"the function {name}() is not supported")
        self.take(")")
        return node

    def target(self) -> str:
        kind, value = self.take()
        if kind == "ref" or value == ".":
            return value
        raise RuleError(f"expected ${{CODE}} or . but found {value!r}")


def parse_xpath(text: str) -> list:
    """An XPath rule as a tree (may still hold XPath-only nodes; see ``to_ours``)."""
    parser = _Parser(text)
    if not parser.tokens:
        raise RuleError("empty rule")
    tree = parser.expression()
    if parser.peek() is not None:
        raise RuleError(f"unexpected {parser.peek()[1]!r} after the end")
    return tree


def to_ours(tree: list) -> list:
    """Turn XPath idioms into our nodes: ``${X} != ''`` is ``answered(X)``, ``true()`` is ``1 = 1``."""
    kind = tree[0]
    if kind == "const":
        return TRUE_RULE if tree[1] else FALSE_RULE
    if kind == "cmp" and tree[1] in ("=", "!=") and ["lit", ""] in (tree[2], tree[3]):
        other = tree[3] if tree[2] == ["lit", ""] else tree[2]
        if other[0] == "ref":
            answered = ["call", "answered", other[1]]
            return answered if tree[1] == "!=" else ["not", answered]
    if kind == "call" and tree[2] == ".":
        raise RuleError(f"{'count-selected' if tree[1] == 'count' else tree[1]}(.) is only understood as "
                        "'count-selected(.) <= N' (our max)")
    if kind in ("and", "or", "not", "cmp"):
        head = tree[:2] if kind == "cmp" else tree[:1]
        return head + [to_ours(part) for part in tree[len(head):]]
    return tree


def rule_from_xpath(tree: list) -> str:
    """Our rule text for an XPath tree; the text parses back to exactly the same tree."""
    ours = to_ours(tree)
    text = to_rule(ours)
    try:
        parsed = expressions.parse(text)
    except expressions.ExpressionError as error:
        raise RuleError(str(error)) from error
    if parsed != ours:
        raise RuleError(f"cannot be written in our rule language (as {text!r})")
    return text
