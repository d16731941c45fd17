"""Relevance rules as a sentence a child can follow on paper ("Only if you answered Yes to question 12")."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _

from ..questionnaires.expressions import to_text
from ..questionnaires.schema import BandItem, local
from ..questionnaires.vocabulary import OPTOUTS

OPTOUT_LABELS = {code: {"zh": zh, "en": en} for code, zh, en in OPTOUTS.values()}


def describe_rule(tree: list, items: Mapping[str, tuple[int, BandItem]], lang: str) -> str:
    """The condition in words; an item is named by its number on this form (its code if it is not on it)."""
    kind = tree[0]
    if kind in ("and", "or"):
        joiner = _(" and ") if kind == "and" else _(" or ")
        return describe_rule(tree[1], items, lang) + joiner + describe_rule(tree[2], items, lang)
    if kind == "call" and tree[1] == "answered":
        return _("you answered question %(n)s", n=_number(tree[2], items))
    if kind == "call" and tree[1] == "selected":
        return _("you ticked “%(choice)s” in question %(n)s", choice=_label(tree[2], tree[3], items, lang),
                 n=_number(tree[2], items))
    if kind == "not" and tree[1][0] == "call" and tree[1][1] == "selected":
        inner = tree[1]
        return _("you did not tick “%(choice)s” in question %(n)s",
                 choice=_label(inner[2], inner[3], items, lang), n=_number(inner[2], items))
    if kind == "cmp" and tree[1] in ("=", "!=") and tree[2][0] == "ref" and tree[3][0] == "lit":
        code, value = tree[2][1], str(tree[3][1])
        message = (_("you answered “%(choice)s” to question %(n)s") if tree[1] == "="
                   else _("you did not answer “%(choice)s” to question %(n)s"))
        return message % {"choice": _label(code, value, items, lang), "n": _number(code, items)}
    return _("this holds: %(rule)s", rule=_plain(tree, items))


def _number(code: str, items: Mapping[str, tuple[int, BandItem]]) -> str:
    return str(items[code][0]) if code in items else code


def _label(code: str, value: str, items: Mapping[str, tuple[int, BandItem]], lang: str) -> str:
    if value in OPTOUT_LABELS:
        return local(OPTOUT_LABELS[value], lang)
    choice = items[code][1].choice(value) if code in items else None
    return local(choice.label, lang) if choice else value


def _plain(tree: list, items: Mapping[str, tuple[int, BandItem]]) -> str:
    """Any other rule, written out with question numbers for item codes."""
    if tree[0] == "ref":
        return _("question %(n)s", n=_number(tree[1], items))
    if tree[0] in ("and", "or"):
        return f"({_plain(tree[1], items)} {tree[0]} {_plain(tree[2], items)})"
    if tree[0] == "not":
        return f"not {_plain(tree[1], items)}"
    if tree[0] == "cmp":
        return f"{_plain(tree[2], items)} {tree[1]} {_plain(tree[3], items)}"
    return to_text(tree)
