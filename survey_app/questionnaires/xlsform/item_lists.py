"""A choice question's list: from the choices sheet, a CSV file (``select_one_from_file``) or
external_choices; with ``or_other``, a ``choice_filter`` cascade, or as a scale (``likert``, faces).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .cascade import split_by_filter
from .choice_lists import ChoiceList, read_choice_lists, split_optouts
from .columns import cell_number
from .context import Context
from .likert import guess_scale
from .media import MediaError, builtin_pictures, face_in_name, read_csv_list, safe_name
from .reading import RawSheet
from .sheets import Line, build_sheet

OTHER_CHOICE = {"code": "other", "label": {"zh": "其他", "en": "Other"}}
OTHER_TEXT = {"zh": "请写出其他：", "en": "Specify other."}


@dataclass
class ListChoice:
    """An item a list question adds: the "specify other" text, or one part of a cascade (``replaces``)."""

    code: str
    kind: str
    settings: dict[str, Any]
    relevant: list
    replaces: bool = False
    inherit: bool = False
    notes: list[str] = field(default_factory=list)


def list_settings(ctx: Context, line: Line, code: str, kind: str, word: str, target: str | None, or_other: bool,
                  settings: dict) -> tuple[str | None, list[ListChoice]]:
    """Fill the list settings of a choice question; (its kind, items it adds), or (None, []) when it has no list."""
    source = _source(ctx, line, code, word, target)
    if source is None:
        return None, []
    ctx.names.choice_codes[code] = dict(source.codes)
    real, optouts = split_optouts(source.choices())
    base, extras = source.name, []
    if or_other:
        extras.append(_other(ctx, line, code, real))
        base = f"{source.name}_or_other"
    if kind == "single" and _face_choices(real):
        kind = "scale"
    if kind == "scale":
        kind = _scale(ctx, line, code, source, base, real, optouts, settings)
    parts = _cascade(ctx, line, code, kind, source) if line.text("choice_filter") else []
    extras += parts
    if kind != "scale":
        name = line.word("choice_list") or base
        settings["choices"] = parts[0].settings["choices"] if parts else register(
            ctx, "choices", name, real, source, fixed=bool(line.word("choice_list")))
        _generic_pictures(ctx, source, real)
    _optouts(ctx, kind, optouts, settings)
    column = {"multiple": "max", "rank": "top"}.get(kind)
    if column:
        try:
            value = cell_number(line.get(column))
        except ValueError:
            ctx.problem(line, column, f"{line.text(column)!r} is not a number; write a whole number", code)
            value = None
        if value is not None:
            settings[column] = value
    return kind, extras


def _cascade(ctx: Context, line: Line, code: str, kind: str, source: ChoiceList) -> list[ListChoice]:
    if kind == "scale":
        ctx.warn(line, "choice_filter", "choice_filter dropped on a scale: every point is shown", code)
        return []
    parts = split_by_filter(ctx, line, code, source, line.text("choice_filter") or "") or []
    return [ListChoice(part.code, kind, {"choices": register(ctx, "choices", part.list_name, part.choices, source)},
                       part.relevant, replaces=True, inherit=True) for part in parts]


def _source(ctx: Context, line: Line, code: str, word: str, target: str | None) -> ChoiceList | None:
    if not target:
        ctx.problem(line, "type", f"{word} needs a list name after it, e.g. '{word} yes_no'", code)
        return None
    if word.endswith("_from_file"):
        return _file_list(ctx, line, code, target)
    found = ctx.lists.get(target)
    if found is None:
        ctx.problem(line, "type", f"no choice list {target!r} in the choices sheet; add its choices there "
                                  "(list_name, name, label) or fix the name", code)
        return None
    if word.endswith("_external"):
        ctx.warn(line, "type", "select_one_external read as a plain single choice from the external_choices "
                               "sheet", code, group="external")
    ctx.places.setdefault(f"list:{found.name}", (found.sheet, found.row, {}))
    return found


def _file_list(ctx: Context, line: Line, code: str, file: str) -> ChoiceList | None:
    """The choices of ``select_one_from_file places.csv``, read from the given media files."""
    key = f"file:{file}"
    if key in ctx.lists:
        return ctx.lists[key]
    try:
        name = safe_name(file)
        if not name.lower().endswith(".csv"):
            raise MediaError(f"{name}: only CSV lists can be imported (not XML or GeoJSON)")
        content = ctx.media.get(name)
        if content is None:
            raise MediaError(f"needs the file {name}, which was not given: add it to the media files "
                             "(on the upload page, or --media DIR) or copy its rows into the choices sheet")
        header, rows = read_csv_list(content)
    except MediaError as error:
        ctx.problem(line, "type", str(error), code)
        return None
    value, label = _file_columns(line)
    renamed = [_rename(column, value, label) for column in header]
    raw = RawSheet(name, [(1, (*renamed, "list_name"))] + [
        (number, (*(row.get(column, "") for column in header), key)) for number, row in enumerate(rows, start=2)])
    sheet = build_sheet(raw, "choices", None, ctx.recorder)
    read_choice_lists(sheet, ctx.recorder, into=ctx.lists)
    found = ctx.lists.get(key)
    if found is None:
        ctx.problem(line, "type", f"{name} has no choices (it needs name and label columns)", code)
        return None
    found.name = _stem(name)
    ctx.places[f"list:{found.name}"] = (name, 2, {})
    return found


def _file_columns(line: Line) -> tuple[str, str]:
    """The CSV's name and label columns (``parameters: value=code label=text``; else name and label)."""
    words = (line.text("parameters") or "").replace(",", " ").split()
    found = dict(part.split("=", 1) for part in words if "=" in part)
    return found.get("value", "name"), found.get("label", "label")


def _rename(column: str, value: str, label: str) -> str:
    """A CSV header with the parameters' value/label columns called name/label (languages kept)."""
    base, sep, lang = column.partition("::")
    base = "name" if base.strip() == value else "label" if base.strip() == label else base
    return f"{base}{sep}{lang}"


def _stem(file: str) -> str:
    stem = file.rsplit(".", 1)[0].lower()
    return "".join(char if char.isalnum() else "_" for char in stem).strip("_") or "list"


def _other(ctx: Context, line: Line, code: str, real: list[dict]) -> ListChoice:
    if not any(choice["code"] == "other" for choice in real):
        real.append(dict(OTHER_CHOICE))
    ctx.names.choice_codes[code]["other"] = "other"
    text_code = ctx.codes.fitted(f"{code}_OTHER")
    ctx.recorder.note(code, f"or_other: an 'other' choice and the text question {text_code} were added")
    ctx.warn(line, "type", f"or_other: an 'other' choice and the text question {text_code} (asked when 'other' is "
                           "chosen) were added, as ODK does", code)
    return ListChoice(text_code, "text", {"text": dict(OTHER_TEXT)}, ["call", "selected", code, "other"])


def _generic_pictures(ctx: Context, source: ChoiceList, choices: list[dict]) -> None:
    generic = [choice["image"] for choice in choices if choice.get("picture") == "picture" and choice.get("image")]
    if generic:
        others = ", ".join(p for p in builtin_pictures() if p != "picture")
        ctx.recorder.warn(source.sheet, source.row, "image", f"the tablet has no built-in picture named like "
                          f"{', '.join(generic[:4])}, so those choices of list {source.name!r} show a generic picture; "
                          f"the files are kept as the choices' images; set 'picture' in the YAML to one of {others}",
                          group=f"generic-picture:{source.name}")


def _face_choices(choices: list[dict]) -> bool:
    """Choices whose images are all faces (happy.png, sad.png, ...) are a scale, whatever the appearance."""
    named = [face_in_name(choice.get("image")) for choice in choices]
    return 2 <= len(choices) <= 5 and all(named) and len(set(named)) == len(named)


def _scale(ctx: Context, line: Line, code: str, source: ChoiceList, base: str, real: list[dict],
           optouts: list[str], settings: dict) -> str:
    name = line.word("scale_name") or base
    if line.word("scale_name") or line.word("scale_kind") or line.word("scale_key"):
        scale = {"kind": line.word("scale_kind") or "agreement", "key": line.word("scale_key") or "none",
                 "points": real}
    else:
        images = any(choice.get("image") or choice.get("face") for choice in real)
        written = {our: name for name, our in source.codes.items()}
        guess = guess_scale(real, [written.get(point["code"], point["code"]) for point in real], images)
        if guess is None:
            ctx.warn(line, "appearance", f"{code} kept as a single choice: a scale has 2 to 5 points, and this "
                                         f"list has {len(real)}", code)
            return "single"
        scale, settings["_harmonise"] = guess.scale, guess.harmonise
        optouts.extend(o for o in guess.optouts if o not in optouts)
        ctx.warn(line, "appearance", f"{code} became a scale: {guess.notes[0]}", code)
        for note in guess.notes:
            ctx.recorder.note(code, note)
    settings["scale"] = register(ctx, "scales", name, scale, source, fixed=bool(line.word("scale_name")))
    return "scale"


def _optouts(ctx: Context, kind: str, optouts: list[str], settings: dict) -> None:
    default = ctx.default_optouts if kind in ("scale", "single") else []
    if optouts != default:
        settings["optouts"] = list(optouts)


def register(ctx: Context, kind: str, name: str, content: Any, source: ChoiceList, fixed: bool = False) -> str:
    """Add a scale or list under its name, or a variant name when another question's list of that name differs."""
    known = ctx.scales if kind == "scales" else ctx.choices
    wanted, number = name, 1
    while wanted in known and known[wanted] != content:
        if fixed:
            ctx.recorder.problem(source.sheet, source.row, "list_name", f"{kind[:-1]} {name!r} differs from an "
                                                                       "earlier question's of that name")
            return wanted
        number += 1
        wanted = f"{name}_{number}"
    known[wanted] = content
    ctx.uses[f"{kind}:{wanted}"] = ctx.uses.get(f"{kind}:{wanted}", 0) + 1
    ctx.places.setdefault(f"list:{wanted}", (source.sheet, source.row, {}))
    return wanted
