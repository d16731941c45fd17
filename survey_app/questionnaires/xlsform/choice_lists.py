"""The choices sheet: XLSForm lists, with opt-outs (``_dk``, ``_na``, ``_pn``) told apart from real choices."""

from __future__ import annotations

from typing import Any

from ..vocabulary import OPTOUTS
from .columns import cell_bool, cell_number
from .reading import Line, Recorder, Sheet

#: Stored opt-out code -> our opt-out name (``_dk`` -> ``dont_know``).
OPTOUT_NAMES = {code: name for name, (code, _, _) in OPTOUTS.items()}


def read_choice_lists(sheet: Sheet, recorder: Recorder) -> dict[str, list[dict[str, Any]]]:
    """Every list in sheet order: list name -> choices as our definition writes them."""
    recorder.require_columns(sheet, "choices", "label")
    lists: dict[str, list[dict[str, Any]]] = {}
    for line in sheet.lines:
        list_name, code = line.text("list_name"), line.text("name")
        if not list_name or not code:
            recorder.add(code or f"choices row {line.number}", "list_name" if not list_name else "name",
                         f"choices row {line.number} needs both list_name and name")
            continue
        where = f"{list_name}.{code}"
        if any(choice["code"] == code for choice in lists.get(list_name, [])):
            recorder.add(where, "name", f"duplicate choice name {code!r} in list {list_name!r}")
            continue
        lists.setdefault(list_name, []).append(_choice(line, code, where, sheet, recorder))
    return lists


def _choice(line: Line, code: str, where: str, sheet: Sheet, recorder: Recorder) -> dict[str, Any]:
    choice: dict[str, Any] = {"code": code, "label": recorder.texts(sheet, line, "label", where)}
    for column in ("face", "picture"):
        if line.text(column):
            choice[column] = line.text(column)
    for column in ("exclusive", "agree"):
        if cell_bool(line.get(column)):
            choice[column] = True
    try:
        score = cell_number(line.get("score"))
    except ValueError:
        recorder.add(where, "score", f"score {line.text('score')!r} is not a number")
        score = None
    if score is not None:
        choice["score"] = score
    return choice


def split_optouts(choices: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """(the real choices, the opt-out names in list order): ODK has no opt-outs, so they travel as choices."""
    real = [choice for choice in choices if choice["code"] not in OPTOUT_NAMES]
    return real, [OPTOUT_NAMES[c["code"]] for c in choices if c["code"] in OPTOUT_NAMES]

