"""One question row becomes one item (or several: ``or_other`` adds a text, a cascade splits by answer).

Texts: the question's and each choice's label need Chinese and English (children read them). A
hint, constraint message or read-aloud text in one language only gets the other filled with the
same words, and a warning to translate it. What our format cannot hold (``required``, appearances,
question media, ``guidance_hint``, ...) is dropped with a warning and a comment in the YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import expressions
from ..vocabulary import ITEM_ROLES, OPTOUTS, PLACE_LEVELS, TAGS
from .appearance import appearances, why_dropped
from .columns import IMPORT_TYPES, LIST_TYPES, MEDIA_COLUMNS, cell_bool, cell_number, cell_words
from .context import Context
from .forms import ItemForm
from .item_lists import ListChoice, list_settings
from .item_rules import checked_text, item_rules
from .rules import RuleError
from .sheets import Line
from .tags import read_tags

_LANGUAGE = {"zh": "Chinese", "en": "English"}
#: Columns we read and do not keep, with why (only reported when filled).
_DROPPED_COLUMNS = {
    "guidance_hint": "guidance hints are for interviewers, and children answer on their own here",
    "required_message": "skipping is always allowed here, so there is no 'required' message",
    "read_only": "every question here can be answered", "default": "questions start empty, so no answer is "
    "suggested to a child", "trigger": "questions are not recalculated here", "repeat_count": "",
    "autoplay": "the tablet's speaker button reads every question aloud", "rows": "",
    "parameters": "", "calculation": "only calculate rows use a calculation",
    **dict.fromkeys(MEDIA_COLUMNS, "the tablet shows built-in art and reads questions aloud itself; question "
                                   "media are not kept"),
}
#: Name parts and label words of questions that ask who a child is (children's answers here are anonymous).
PERSONAL_NAMES = {"name", "firstname", "first_name", "surname", "last_name", "fullname", "full_name", "phone",
                  "mobile", "telephone", "tel", "address", "email", "school_name", "class_name", "idcard", "id_card",
                  "wechat", "qq"}
PERSONAL_WORDS = ("your name", "your full name", "phone number", "mobile number", "your address", "email address",
                  "name of your school", "你的名字", "你叫什么", "姓名", "电话", "手机号", "住址", "家庭地址", "身份证",
                  "微信号", "学校名称", "哪个学校", "几年级几班", "班级")
CONSENT_WORDS = ("consent", "assent", "agree_to_participate", "agree_participate", "informed_consent")


@dataclass
class RowHints:
    """What the rows around a row say about it (KoboToolbox's score and rank blocks, table rows)."""

    likert: bool = False
    top: int | None = None


@dataclass
class Frame:
    """What a question inherits from the groups it is in: their rules and tags."""

    relevant: list[list] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)


def build_items(ctx: Context, line: Line, word: str, target: str | None, or_other: bool, frame: Frame,
                hints: RowHints | None = None) -> list[ItemForm]:
    """The items for one question row (none when the row has problems that leave nothing to build)."""
    name = line.word("name") or ""
    code = ctx.names.codes[name]
    ctx.places[f"item:{code}"] = (ctx.sheet.title, line.number, {})
    hints = hints or RowHints()
    kind = _kind(ctx, line, code, word, hints)
    settings: dict[str, Any] = {"text": texts(ctx, line, "label", code, required=True)}
    for base, key in (("hint", "help"), ("read_aloud", "read_aloud")):
        if found := texts(ctx, line, base, code):
            settings[key] = found
    if line.texts("constraint_message"):
        settings["constraint_message"] = line.texts("constraint_message")  # translated once it is known to stay
    extra: list[ListChoice] = []
    if word in LIST_TYPES or word.endswith(("_from_file", "_external")):
        kind, extra = list_settings(ctx, line, code, kind, word, target, or_other, settings)
    else:
        _plain_settings(ctx, line, code, kind, word, settings)
    if kind is None:
        return []
    item_rules(ctx, line, code, kind, settings, frame.relevant)
    if "constraint_message" in settings:
        settings["constraint_message"] = texts(ctx, line, "constraint_message", code)
    if hints.top and kind == "rank" and "top" not in settings:
        settings["top"] = hints.top  # a KoboToolbox rank block: one row per place ranked
    _whole_list(ctx, kind, settings)
    if line.word("band") not in (None, ctx.band):
        ctx.problem(line, "band", f"this row says band {line.word('band')!r}, but the workbook is {ctx.band_said()}; "
                                  "make them agree (one workbook holds one band)", code)
    _dropped(ctx, line, code, kind, word)
    tags = _tags(ctx, line, code, kind, frame)
    if kind in ("text", "number") and _personal(line, settings["text"]):
        ctx.warn(line, "label", f"{code} seems to ask who the child is (a name, phone, address or school): answers "
                                "here are anonymous and names are screened out of them; remove or reword it", code)
        ctx.recorder.note(code, "seems to ask for personal details: remove or reword it")
    item = ItemForm(code, kind, tags, line.word("harmonise") or settings.pop("_harmonise", None),
                    cell_bool(line.get("practice")), settings, _number(ctx, line, "position", code), line.number,
                    _role(ctx, line, code))
    added = [_added(ctx, line, item, choice) for choice in extra]
    return added if any(choice.replaces for choice in extra) else [item, *added]


def _personal(line: Line, text: dict[str, str]) -> bool:
    parts = set(re.split(r"[^a-z0-9]+", (line.word("name") or "").lower())) | {(line.word("name") or "").lower()}
    words = " ".join(text.values()).lower()
    return bool(parts & PERSONAL_NAMES) or any(word in words for word in PERSONAL_WORDS)


def _whole_list(ctx: Context, kind: str, settings: dict) -> None:
    """XLSForm lets a child choose or rank every choice unless a constraint says otherwise; so do we."""
    key = {"multiple": "max", "rank": "top"}.get(kind)
    if key and key not in settings and settings.get("choices") in ctx.choices:
        settings[key] = len(ctx.choices[settings["choices"]])


_PIPED = re.compile(r"\$\{[^}]*\}")
_MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,200}>|\*\*|__|^#{1,6}\s+", re.M)


def texts(ctx: Context, line: Line, base: str, code: str | None, required: bool = False) -> dict[str, str]:
    """Both languages of a text: a question label needs both; other texts get a missing one filled."""
    found = {lang: _plain_text(ctx, line, base, lang, text, code) for lang, text in line.texts(base).items()}
    missing = [lang for lang in ("zh", "en") if lang not in found]
    if not missing or (not found and not required):
        return found
    if required:
        if all(ctx.sheet.has(base, lang) for lang in missing):
            where = " and ".join(ctx.column(f"{base}::{lang}") for lang in missing)
            what = "no label" if len(missing) == 2 else f"no {_LANGUAGE[missing[0]]} label"
            ctx.problem(line, f"{base}::{missing[0]}", f"{what}; write the question in {where}", code)
        return found
    for lang in missing:
        other = found["en" if lang == "zh" else "zh"]
        found[lang] = other
        ctx.warn(line, f"{base}::{lang}", f"{base} in {_LANGUAGE['en' if lang == 'zh' else 'zh']} only: the "
                                          f"{_LANGUAGE[lang]} text was filled with the same words; translate it in "
                                          f"{ctx.column(f'{base}::{lang}')}", code, group=f"half:{base}:{lang}")
        ctx.recorder.note(code, f"{base} {lang} copied from the other language: translate it")
    return found


def _plain_text(ctx: Context, line: Line, base: str, lang: str, text: str, code: str | None) -> str:
    """The text as a child reads it: no ${name} (shown as written here, so a problem) and no markup (dropped)."""
    if _PIPED.search(text):
        ctx.problem(line, f"{base}::{lang}", f"the text shows another answer ({_PIPED.search(text).group(0)}), which "
                                              "this app does not fill in: a child would see it as written; reword it",
                    code)
    cleaned = _MARKUP.sub("", text).strip()
    if cleaned != text:
        ctx.warn(line, f"{base}::{lang}", "formatting (HTML or markdown) removed from the text: the tablet shows "
                                          "plain words", code, group="markup")
    return cleaned or text


def _kind(ctx: Context, line: Line, code: str, word: str, hints: RowHints) -> str:
    """Our type: the ``item_type`` column, else what the XLSForm type, appearance and columns imply."""
    base = word.replace("_from_file", "").replace("_external", "")
    allowed = IMPORT_TYPES[base]
    if base == "select_one":
        name = (line.word("name") or "").lower()
        likert = hints.likert or "likert" in appearances(line.text("appearance"))
        implied = "scale" if line.word("scale_name") or likert else (
            "consent" if cell_bool(line.get("required")) and any(w in name for w in CONSENT_WORDS) else None)
    else:
        implied = "place" if base == "text" and line.word("level") else None
    kind = line.word("item_type") or implied or allowed[0]
    if kind not in allowed:
        ctx.problem(line, "item_type", f"item_type {kind!r} does not fit type {word!r}; use one of "
                                       f"{', '.join(allowed)}", code)
        kind = allowed[0]
    if kind == "consent" and not line.word("item_type"):
        ctx.warn(line, "type", f"{code} became the consent question (a gate: a child who does not agree stops "
                               "there), because it is required and named as consent", code)
        ctx.recorder.note(code, "read as the consent gate (required, named consent)")
    if word == "acknowledge":
        ctx.warn(line, "type", "acknowledge rows became notes (a note needs no tap here)", code, group="acknowledge")
    return kind


def _plain_settings(ctx: Context, line: Line, code: str, kind: str, word: str, settings: dict) -> None:
    if word == "decimal":
        settings["integer"] = False
    if word == "range":
        _range(ctx, line, code, settings)
    columns = {"number": ("min", "max"), "text": ("max_length",), "place": ("level",)}.get(kind, ())
    for column in columns:
        value = line.word(column) if column == "level" else _number(ctx, line, column, code)
        if column == "level" and value not in PLACE_LEVELS:
            ctx.problem(line, "level", f"unknown level {value!r}; use {', '.join(PLACE_LEVELS)}", code)
        elif value is not None:
            settings[column] = value
    names = cell_words(line.get("optouts"))
    for unknown in [name for name in names if name not in OPTOUTS]:
        ctx.problem(line, "optouts", f"unknown opt-out {unknown!r}; use {', '.join(OPTOUTS)}", code)
    names = [name for name in names if name in OPTOUTS]
    if names != (ctx.default_optouts if kind in ("scale", "single") else []):
        settings["optouts"] = names


def _range(ctx: Context, line: Line, code: str, settings: dict) -> None:
    """``range`` with ``start=0 end=10 step=1`` is a number from 0 to 10 (ODK's default is 1 to 10)."""
    found = dict(part.split("=", 1) for part in (line.text("parameters") or "").replace(",", " ").split()
                 if "=" in part)
    limits = {}
    for key, default in (("start", 1), ("end", 10), ("step", 1)):
        try:
            limits[key] = cell_number(found.get(key)) if key in found else default
        except ValueError:
            ctx.problem(line, "parameters", f"range {key} {found[key]!r} is not a number", code)
            limits[key] = default
    low, high = sorted((limits["start"], limits["end"]))
    settings.update(min=low, max=high)
    if limits["step"] != 1 or any(isinstance(v, float) for v in limits.values()):
        settings["integer"] = not any(isinstance(v, float) for v in limits.values())
        if limits["step"] not in (1, 1.0):
            ctx.warn(line, "parameters", f"range step {limits['step']} dropped: any number from {low} to {high} "
                                         "is accepted", code)


def _dropped(ctx: Context, line: Line, code: str, kind: str, word: str) -> None:
    for column, why in _DROPPED_COLUMNS.items():
        if column == "parameters" and (word == "range" or word.endswith("_from_file")):
            continue
        if any(line.text(base, lang) for base, lang in line.cells if base == column):
            reason = why or "this app does not use it"
            ctx.warn(line, column, f"{column} dropped: {reason}", code, group=f"column:{column}")
            ctx.recorder.note(code, f"{column} dropped ({reason})")
    required = line.text("required")
    if required and kind != "consent" and (cell_bool(required) or required.lower() not in ("no", "false", "false()")):
        ctx.warn(line, "required", "required dropped: a child may skip any question here (only a consent question "
                                   "is a gate)", code, group="required")
        ctx.recorder.note(code, "required dropped: every question may be skipped")
    for appearance in appearances(line.text("appearance")):
        if appearance in ("likert", "list-nolabel") and kind == "scale":
            continue
        reason = why_dropped(appearance)
        ctx.warn(line, "appearance", f"appearance {appearance!r} dropped: {reason}", code,
                 group=f"appearance:{appearance}")
        ctx.recorder.note(code, f"appearance {appearance!r} dropped ({reason})")


def _tags(ctx: Context, line: Line, code: str, kind: str, frame: Frame) -> dict[str, str]:
    found, wrong = read_tags(line)
    for column, value in wrong:
        allowed = ", ".join(TAGS[column]) if column in TAGS else "action=..., scale=..., lundy=..."
        ctx.problem(line, column, f"unknown {column} tag {value!r}; use one of {allowed}", code)
    return {**ctx.form_tags, **frame.tags, **found}


def _added(ctx: Context, line: Line, item: ItemForm, added: ListChoice) -> ItemForm:
    """An item a row adds besides its own: the "specify other" text, or one part of a cascade."""
    settings = {key: value for key, value in item.settings.items() if key != "choices"} if added.inherit else {}
    settings.update(added.settings)
    tree = added.relevant
    if added.inherit and "relevant" in item.settings:
        tree = ["and", expressions.parse(item.settings["relevant"]), tree]
    try:
        settings["relevant"] = checked_text(tree)
    except RuleError as error:
        ctx.problem(line, "relevant", f"cannot keep the relevance of {added.code}: {error}", item.code)
    ctx.places[f"item:{added.code}"] = (ctx.sheet.title, line.number, {})
    return ItemForm(added.code, added.kind, dict(item.tags), item.harmonise if added.inherit else None,
                    item.practice, settings, item.position, line.number)


def _role(ctx: Context, line: Line, code: str) -> str | None:
    """background or quasi_identifier from the role column (an indicator writes none)."""
    written = (line.word("role") or "").lower().replace("-", "_").replace(" ", "_")
    if written in ("", "indicator"):
        return None
    if written not in ITEM_ROLES:
        ctx.problem(line, "role", f"unknown role {written!r}; use background or quasi_identifier, or leave it empty",
                    code)
        return None
    return written


def _number(ctx: Context, line: Line, column: str, code: str) -> int | float | None:
    try:
        return cell_number(line.get(column))
    except ValueError:
        ctx.problem(line, column, f"{line.text(column)!r} is not a number; write a number", code)
        return None
