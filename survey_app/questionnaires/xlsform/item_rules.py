"""A question's ``relevant`` and ``constraint``: skip logic must be kept exactly, checks may be dropped.

A ``relevant`` (with its groups') that cannot be written in our rules is a problem: without it a
child would be asked what was meant for others. A constraint part that cannot be kept is dropped
with a warning: dropping a check lets more answers through, and skipping is always allowed here.
"""

from __future__ import annotations

from .. import expressions
from .context import Context
from .item_lists import register
from .limits import read_limits
from .rules import TRUE_RULE, RuleError, conjoin, conjuncts, to_rule
from .sheets import Line
from .translate import to_ours
from .xpath import parse_xpath


def translated(ctx: Context, text: str) -> list:
    """Our tree for an XLSForm expression; raises RuleError."""
    return to_ours(parse_xpath(text), ctx.names)


def checked_text(tree: list) -> str:
    """Our rule text for a tree, which parses back to the same tree; raises RuleError."""
    text = to_rule(tree)
    try:
        parsed = expressions.parse(text)
    except expressions.ExpressionError as error:
        raise RuleError(str(error)) from error
    if parsed != tree:
        raise RuleError(f"cannot be written in our rule language (as {text!r})")
    return text


def item_rules(ctx: Context, line: Line, code: str, kind: str, settings: dict, inherited: list[list]) -> None:
    """Set ``relevant`` (the groups' and the row's) and the constraint's rule, limits and message."""
    parts = list(inherited)
    if text := line.text("relevant"):
        try:
            parts.append(translated(ctx, text))
        except RuleError as error:
            ctx.problem(line, "relevant", f"cannot keep relevant {text!r}: {error}; write it with ${{name}}, "
                                          "comparisons, and, or, not(), selected() and count-selected()", code)
    parts = [part for part in parts if part != TRUE_RULE]  # true() says nothing; it would only lengthen the rule
    if parts:
        try:
            settings["relevant"] = checked_text(conjoin(parts))
        except RuleError as error:
            ctx.problem(line, "relevant", f"cannot keep this question's relevance (with its groups'): {error}; "
                                          "shorten the conditions (a rule here is at most 500 characters)", code)
    if text := line.text("constraint"):
        _constraint(ctx, line, code, kind, text, settings)
    elif "constraint_message" in settings:
        settings.pop("constraint_message")
        ctx.warn(line, "constraint_message", "constraint message without a constraint dropped", code)


def _constraint(ctx: Context, line: Line, code: str, kind: str, text: str, settings: dict) -> None:
    try:
        tree = parse_xpath(text)
    except RuleError as error:
        _drop(ctx, line, code, f"constraint {text!r} dropped: {error}", settings)
        return
    found = read_limits(tree, kind)
    _take(ctx, line, code, "max", found.max_choices, settings)
    _take(ctx, line, code, "max_length", found.max_length, settings)
    if found.exclusive:
        _exclusive(ctx, line, code, found.exclusive, settings)
    for dropped in found.dropped:
        ctx.warn(line, "constraint", f"constraint part dropped: {dropped}", code, group=f"dropped:{dropped[:30]}")
        ctx.recorder.note(code, f"constraint part dropped: {dropped}")
    kept = _strip_exported_limits(kind, conjuncts(found.rule), settings)
    rules = []
    for part in kept:
        try:
            rules.append(to_ours(part, ctx.names))
        except RuleError as error:
            ctx.warn(line, "constraint", f"constraint part dropped: {error}", code)
            ctx.recorder.note(code, f"constraint part dropped ({error}): {text}")
    if rules:
        try:
            settings["constraint"] = checked_text(conjoin(rules))
            return
        except RuleError as error:
            _drop(ctx, line, code, f"constraint {text!r} dropped: {error}", settings)
    if "constraint_message" in settings and not rules:
        settings.pop("constraint_message")
        if found.max_choices or found.max_length or found.exclusive:
            ctx.warn(line, "constraint_message", "constraint message dropped: the tablet says in its own words "
                                                 "how many choices or characters are allowed", code,
                     group="limit-message")


def _drop(ctx: Context, line: Line, code: str, message: str, settings: dict) -> None:
    ctx.warn(line, "constraint", message, code)
    ctx.recorder.note(code, message)
    settings.pop("constraint", None)


def _take(ctx: Context, line: Line, code: str, key: str, value: int | None, settings: dict) -> None:
    """A limit from the constraint; a different one in our own column is a problem (they must agree)."""
    if value is None:
        return
    if value < 1:
        ctx.warn(line, "constraint", f"a {key} of {value} dropped (it allows no answer)", code)
        return
    if settings.setdefault(key, value) != value:
        ctx.problem(line, key, f"{key} {settings[key]} but the constraint allows {value}; make them agree", code)


def _exclusive(ctx: Context, line: Line, code: str, names: list[str], settings: dict) -> None:
    """Mark the choices a constraint makes exclusive, on this question's own copy of the list if need be."""
    mapping = ctx.names.choice_codes.get(code, {})
    wanted = {mapping.get(name, name) for name in names}
    listed = ctx.choices.get(settings.get("choices", ""))
    if listed is None:
        return
    unknown = wanted - {choice["code"] for choice in listed}
    if unknown:
        ctx.warn(line, "constraint", f"constraint names choice(s) {sorted(unknown)} that the list does not have; "
                                     "that part was dropped", code)
    marked = [{**choice, "exclusive": True} if choice["code"] in wanted else choice for choice in listed]
    if marked != listed and ctx.uses.get(f"choices:{settings['choices']}") == 1:
        ctx.choices[settings["choices"]] = marked  # no other question uses the list (yet): mark it in place
    elif marked != listed:
        source = ctx.lists.get(settings["choices"]) or next(iter(ctx.lists.values()))
        ctx.uses[f"choices:{settings['choices']}"] -= 1
        settings["choices"] = register(ctx, "choices", settings["choices"], marked, source)


def _strip_exported_limits(kind: str, parts: list[list], settings: dict) -> list[list]:
    """Drop the clauses our export adds for a number's min and max; they live in their own columns."""
    for op, key in (("<=", "max"), (">=", "min")):
        if kind == "number" and parts and key in settings and parts[-1] == ["cmp", op, ["self"],
                                                                             ["lit", settings[key]]]:
            parts.pop()
    return parts
