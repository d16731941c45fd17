"""The choices (and external_choices) sheet: lists of choices with our codes, labels, images and filters.

Choice names become our codes (``Yes`` -> ``yes``, ``-99`` -> ``minus_99``; a warning says so and
rules follow). An ``image`` becomes a picture choice: the file is kept as the choice's ``image``
(copied when the media files are given), and the tablet shows the built-in picture of the same name,
or a generic picture until one is chosen. Opt-outs our exports write as ``_dk``, ``_na``, ``_pn``
are told apart from real choices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..vocabulary import FACES, OPTOUTS
from .columns import CHOICE_CUSTOM, cell_bool, cell_number, header
from .findings import Recorder
from .media import builtin_picture
from .names import choice_code
from .sheets import Line, Sheet

#: Stored opt-out code -> our opt-out name (``_dk`` -> ``dont_know``).
OPTOUT_NAMES = {code: name for name, (code, _, _) in OPTOUTS.items()}
#: Columns of a choice row that are not filter columns for ``choice_filter``.
_KNOWN = {"list_name", "name", "label", "image", "big-image", "audio", "video", *CHOICE_CUSTOM}


@dataclass
class ChoiceRow:
    sheet: str
    row: int
    name: str
    choice: dict[str, Any]
    #: Other columns (``district``, ``filter``, ...) that a ``choice_filter`` may compare.
    columns: dict[str, str] = field(default_factory=dict)


@dataclass
class ChoiceList:
    name: str
    sheet: str
    row: int
    rows: list[ChoiceRow] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)  # name as written -> our code

    def choices(self) -> list[dict[str, Any]]:
        return [dict(row.choice) for row in self.rows]


def read_choice_lists(sheet: Sheet, recorder: Recorder, into: dict[str, ChoiceList] | None = None
                      ) -> dict[str, ChoiceList]:
    """Every list in sheet order (added to ``into``, so external_choices can join the choices sheet)."""
    lists = into if into is not None else {}
    if not sheet.lines:
        return lists
    for column in ("list_name", "name"):
        if not sheet.has(column):
            recorder.problem(sheet.title, sheet.header_row, column, f"the {sheet.title} sheet has no {column} "
                                                                    "column; add it (XLSForm needs list_name and name)")
            return lists
    for lang, language in (("zh", "Chinese"), ("en", "English")):
        if not sheet.has("label", lang):
            where = sheet.column("label", lang)
            recorder.problem(sheet.title, sheet.header_row, where, f"the {sheet.title} sheet has no {language} "
                                                                   f"label column; add {where}")
    for line in sheet.lines:
        _read_row(sheet, line, lists, recorder)
    _report_renamed(lists, recorder)
    return lists


def _read_row(sheet: Sheet, line: Line, lists: dict[str, ChoiceList], recorder: Recorder) -> None:
    list_name, name = line.word("list_name"), line.word("name")
    if not list_name or not name:
        missing = "list_name" if not list_name else "name"
        recorder.problem(sheet.title, line.number, sheet.column(missing), f"a choice row needs a {missing}; fill "
                                                                           "it in or delete the row")
        return
    entry = lists.setdefault(list_name, ChoiceList(list_name, sheet.title, line.number))
    if name in entry.codes:
        recorder.problem(sheet.title, line.number, sheet.column("name"),
                         f"choice {name!r} is in list {list_name!r} twice; give each choice its own name")
        return
    code = name if name in OPTOUT_NAMES else choice_code(name, set(entry.codes.values()))
    entry.codes[name] = code
    entry.rows.append(ChoiceRow(sheet.title, line.number, name, _choice(sheet, line, code, list_name, recorder),
                                _filter_columns(line)))


def _choice(sheet: Sheet, line: Line, code: str, list_name: str, recorder: Recorder) -> dict[str, Any]:
    label = line.texts("label")
    missing = [lang for lang in ("zh", "en") if lang not in label and sheet.has("label", lang)]
    if missing:
        where = " and ".join(sheet.column("label", lang) for lang in missing)
        words = " or ".join({"zh": "Chinese", "en": "English"}[lang] for lang in missing)
        recorder.problem(sheet.title, line.number, sheet.column("label", missing[0]),
                         f"choice {line.word('name')!r} of list {list_name!r} has no {words} label; write it in "
                         f"{where}")
    choice: dict[str, Any] = {"code": code, "label": label}
    if line.word("face"):
        face = line.word("face")
        if face not in FACES:
            recorder.problem(sheet.title, line.number, sheet.column("face"), f"unknown face {face!r}; use one of "
                                                                             f"{', '.join(FACES)}")
        choice["face"] = face
    image = line.word("image") or line.word("big-image")
    # Our own workbooks say the picture; a plain form's image stands for the built-in picture named like it.
    picture = line.word("picture") if sheet.has("picture") or "face" in choice else (
        builtin_picture(image) if image else None)
    if picture:
        choice["picture"] = picture
    if image:
        choice["image"] = image
    for column in ("exclusive", "agree"):
        if cell_bool(line.get(column)):
            choice[column] = True
    _score(sheet, line, choice, recorder)
    for column in ("audio", "video"):
        if line.text(column):
            recorder.warn(sheet.title, line.number, sheet.column(column),
                          f"{column} on choices dropped: the tablet reads every choice aloud itself",
                          group=f"choice-{column}")
    return choice


def _score(sheet: Sheet, line: Line, choice: dict[str, Any], recorder: Recorder) -> None:
    try:
        score = cell_number(line.get("score"))
    except ValueError:
        recorder.problem(sheet.title, line.number, sheet.column("score"),
                         f"score {line.text('score')!r} is not a number; write a number from 0 to 1")
        return
    if score is not None:
        choice["score"] = score


def _filter_columns(line: Line) -> dict[str, str]:
    return {base: text for (base, lang), _ in line.cells.items()
            if lang is None and base not in _KNOWN and (text := line.word(base))}


def _report_renamed(lists: dict[str, ChoiceList], recorder: Recorder) -> None:
    for entry in lists.values():
        renamed = [(name, code) for name, code in entry.codes.items() if name != code]
        if renamed:
            shown = ", ".join(f"{name!r} -> {code!r}" for name, code in renamed[:6])
            recorder.warn(entry.sheet, entry.row, header("name"),
                          f"choice names in list {entry.name!r} became lower-case codes ({shown}"
                          f"{', ...' if len(renamed) > 6 else ''}); rules that use them follow",
                          group=f"renamed:{entry.name}")


def split_optouts(choices: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """(the real choices, the opt-out names in list order): ODK has no opt-outs, so they travel as choices."""
    real = [choice for choice in choices if choice["code"] not in OPTOUT_NAMES]
    return real, [OPTOUT_NAMES[c["code"]] for c in choices if c["code"] in OPTOUT_NAMES]
