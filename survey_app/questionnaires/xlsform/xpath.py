"""Parse the XPath XLSForm rules are written in into trees; ``translate`` decides what we can keep.

The parser reads the whole expression grammar field teams use (``and``/``or`` in any case,
comparisons, arithmetic, functions, ``${name}``, ``.``, paths) so that the problem it reports names
exactly what cannot be kept. Trees: ``["ref", name]`` (the XLSForm name, not yet our code),
``["self"]``, ``["lit", v]``, ``["const", bool]``, ``["cmp", op, a, b]``, ``["and"|"or", a, b]``,
``["not", a]``, ``["fn", name, *args]``, ``["arith", op, a, b]``, ``["col", name]`` (a bare name, as
``choice_filter`` uses for choice columns) and ``["path", text]``. Never evaluated.
"""

from __future__ import annotations

import re

from .rules import RuleError

MAX_TEXT = 2000
MAX_DEPTH = 40
SMART_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\uff08": "(",
                              "\uff09": ")", "\uff0c": ",", "\uff1d": "="})

_TOKEN = re.compile(
    r"""\s*(?:(?P<ref>\$\{\s*[^{}\s]+\s*\})|(?P<number>\d+(?:\.\d+)?|\.\d+)|(?P<string>'[^']*'|"[^"]*")"""
    r"""|(?P<op><=|>=|!=|=|<|>|\+|-|\*|\|)|(?P<path>\.\.(?:/[\w.-]+)*|/[\w/.:-]*)|(?P<punct>[(),]|\.)"""
    r"""|(?P<name>[^\W\d][\w:.-]*))""",
    re.UNICODE,
)
_EQUALITY = ("=", "!=")
_RELATIONAL = ("<", "<=", ">", ">=")


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens, position, text = [], 0, text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise RuleError(f"unexpected {text[position:].strip()[:1]!r} at character {position + 1}")
        kind = match.lastgroup
        value = match.group(kind)
        if kind == "ref":
            value = value[2:-1].strip()
        elif kind == "name" and value.lower() in ("and", "or", "div", "mod"):
            kind, value = "word", value.lower()
        tokens.append((kind, value))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.index = 0
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token[1] != value):
            found = repr(token[1]) if token else "the end"
            raise RuleError(f"expected {value!r} but found {found}" if value else f"unexpected end after {found}")
        self.index += 1
        return token

    def at(self, *values: str) -> bool:
        token = self.peek()
        return token is not None and token[0] in ("word", "op") and token[1] in values

    def expression(self) -> list:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise RuleError(f"nested more than {MAX_DEPTH} levels deep")
        node = self.binary("or", self.conjunction)
        self.depth -= 1
        return node

    def conjunction(self) -> list:
        return self.binary("and", self.equality)

    def binary(self, word: str, part) -> list:
        node = part()
        while self.at(word):
            self.take()
            node = [word, node, part()]
        return node

    def equality(self) -> list:
        node = self.relational()
        if self.at(*_EQUALITY):
            node = ["cmp", self.take()[1], node, self.relational()]
            if self.at(*_EQUALITY):
                raise RuleError("chained comparisons such as a = b = c are not supported")
        return node

    def relational(self) -> list:
        node = self.additive()
        if self.at(*_RELATIONAL):
            node = ["cmp", self.take()[1], node, self.additive()]
            if self.at(*_RELATIONAL):
                raise RuleError("chained comparisons such as a < b < c are not supported")
        return node

    def additive(self) -> list:
        node = self.multiplicative()
        while self.at("+", "-"):
            node = ["arith", self.take()[1], node, self.multiplicative()]
        return node

    def multiplicative(self) -> list:
        node = self.unary()
        while self.at("*", "div", "mod"):
            node = ["arith", self.take()[1], node, self.unary()]
        return node

    def unary(self) -> list:
        if self.at("-"):
            self.take()
            inner = self.unary()
            return ["lit", -inner[1]] if inner[0] == "lit" and not isinstance(inner[1], str) else [
                "arith", "-", ["lit", 0], inner]
        node = self.primary()
        if self.at("|"):
            raise RuleError("node-set unions ('|') are not supported")
        return node

    def primary(self) -> list:
        kind, value = self.take()
        if kind == "ref":
            return ["ref", value]
        if kind == "number":
            return ["lit", float(value) if "." in value else int(value)]
        if kind == "string":
            return ["lit", value[1:-1]]
        if kind == "path":
            return ["path", value]
        if value == ".":
            return ["self"]
        if value == "(":
            node = self.expression()
            self.take(")")
            return node
        if kind == "name" and self.peek() and self.peek()[1] == "(":
            return self.function(value)
        if kind == "name":
            return ["col", value]
        raise RuleError(f"unexpected {value!r}")

    def function(self, name: str) -> list:
        self.take("(")
        args = []
        while not (self.peek() and self.peek()[1] == ")"):
            args.append(self.expression())
            if self.peek() and self.peek()[1] == ",":
                self.take(",")
            elif not (self.peek() and self.peek()[1] == ")"):
                raise RuleError(f"expected ',' or ')' in {name}()")
        self.take(")")
        if name in ("true", "false") and not args:
            return ["const", name == "true"]
        if name == "not" and len(args) == 1:
            return ["not", args[0]]
        return ["fn", name, *args]


def parse_xpath(text: str) -> list:
    """An XLSForm expression as a tree; raises RuleError for text that is not an expression at all."""
    text = text.translate(SMART_QUOTES)
    if len(text) > MAX_TEXT:
        raise RuleError(f"longer than {MAX_TEXT} characters")
    parser = _Parser(text)
    if not parser.tokens:
        raise RuleError("empty rule")
    try:
        tree = parser.expression()
    except RecursionError:
        raise RuleError(f"nested more than {MAX_DEPTH} levels deep") from None
    if parser.peek() is not None:
        raise RuleError(f"unexpected {parser.peek()[1]!r} after the end of the rule")
    return tree


def written(tree: list) -> str:
    """A short description of a node for messages (``string-length()``, ``'+'``, ``../x``)."""
    kind = tree[0]
    if kind == "fn":
        return f"the function {tree[1]}()"
    if kind == "arith":
        return f"arithmetic ({tree[1]!r})"
    if kind == "path":
        return f"the path {tree[1]!r}"
    if kind == "col":
        return f"the bare name {tree[1]!r} (write ${{{tree[1]}}} for a question)"
    return kind
