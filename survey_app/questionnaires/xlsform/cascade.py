"""Cascading selects: a ``choice_filter`` such as ``district=${district}`` becomes one question per answer.

Our format has no filtered lists, and showing a child every street of the city is no answer. So a
question filtered by earlier answers is split into one question per combination of those answers
that its list holds (``STREET_FUTIAN``, ``STREET_LUOHU``, ...), each with only its choices and asked
only after that answer. Rules that refer to the question read all its parts. Other filters (``!=``,
functions) are dropped with a warning, and the child sees the whole list.
"""

from __future__ import annotations

from dataclasses import dataclass

from .choice_lists import ChoiceList
from .context import Context
from .rules import RuleError
from .sheets import Line
from .translate import to_ours
from .xpath import parse_xpath

MAX_PARTS = 30


@dataclass
class Part:
    code: str
    list_name: str
    choices: list[dict]
    relevant: list  # our tree: the parent answers that ask this part


def split_by_filter(ctx: Context, line: Line, code: str, choices: ChoiceList, text: str) -> list[Part] | None:
    """The parts of a filtered question, or None (the whole list; a warning or problem says why)."""
    try:
        pairs = _equalities(parse_xpath(text))
    except RuleError:
        pairs = None
    if not pairs:
        ctx.warn(line, "choice_filter", f"choice_filter {text!r} dropped: only 'column = ${{question}}' filters "
                                        "(joined by and) become one question per answer; the child sees the "
                                        "whole list", code)
        ctx.recorder.note(code, f"choice_filter {text!r} dropped: the whole list is shown")
        return None
    combos: dict[tuple[str, ...], list] = {}
    for row in choices.rows:
        values = tuple(row.columns.get(column) for column, _ in pairs)
        if None in values:
            missing = next(column for (column, _), value in zip(pairs, values, strict=True) if value is None)
            ctx.recorder.problem(row.sheet, row.row, missing, f"choice {row.name!r} has no {missing!r} value, which "
                                                              f"the choice_filter of {code} needs; fill it in")
            return None
        combos.setdefault(values, []).append(dict(row.choice))
    if len(combos) > MAX_PARTS:
        ctx.problem(line, "choice_filter", f"this cascading select would become {len(combos)} questions (one per "
                                           f"earlier answer; at most {MAX_PARTS}); for places use a place question "
                                           "(type text with a 'level' column)", code)
        return None
    try:
        parts = [_part(ctx, code, choices.name, pairs, values, listed) for values, listed in combos.items()]
    except RuleError as error:
        ctx.problem(line, "choice_filter", f"cannot read choice_filter {text!r}: {error}", code)
        return None
    ctx.names.splits[code] = [(part.code, {c["code"] for c in part.choices}) for part in parts]
    shown = ", ".join(part.code for part in parts[:5]) + (", ..." if len(parts) > 5 else "")
    ctx.warn(line, "choice_filter", f"cascading select {code} became {len(parts)} questions, one per earlier "
                                    f"answer ({shown}); their answers are stored under those codes", code)
    ctx.recorder.note(code, f"cascading select (choice_filter {text!r}) split into {len(parts)} questions")
    return parts


def _equalities(tree: list) -> list[tuple[str, str]] | None:
    """[(choice column, question name)] for ``col = ${q} and col2 = ${q2}``, else None."""
    if tree[0] == "and":
        left, right = _equalities(tree[1]), _equalities(tree[2])
        return left + right if left and right else None
    if tree[0] == "cmp" and tree[1] == "=":
        sides = {tree[2][0]: tree[2][1], tree[3][0]: tree[3][1]}
        if set(sides) == {"col", "ref"}:
            return [(sides["col"], sides["ref"])]
    return None


def _part(ctx: Context, code: str, list_name: str, pairs: list[tuple[str, str]], values: tuple[str, ...],
          listed: list[dict]) -> Part:
    conditions = [to_ours(["cmp", "=", ["ref", parent], ["lit", value]], ctx.names)
                  for (_, parent), value in zip(pairs, values, strict=True)]
    relevant = conditions[0]
    for condition in conditions[1:]:
        relevant = ["and", relevant, condition]
    suffix = "_".join(values)
    part_code = ctx.codes.fitted(f"{code}_{suffix}".upper())
    name, number = f"{list_name}_{suffix}".lower(), 1
    while name in ctx.choices or name in ctx.lists:
        number += 1
        name = f"{list_name}_{suffix}_{number}".lower()
    return Part(part_code, name, listed, relevant)
