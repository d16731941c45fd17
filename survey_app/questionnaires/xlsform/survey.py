"""The survey sheet: groups become sections, question rows become items with one band's settings."""

from __future__ import annotations

from typing import Any

from ..vocabulary import OPTOUTS, TAGS
from .choice_lists import split_optouts
from .columns import IMPORT_TYPES, LIST_TYPES, META_TYPES, cell_bool, cell_number, cell_words, item_code
from .forms import ItemForm, SectionForm
from .reading import Line, Recorder, Sheet
from .rules import RuleError, conjoin, conjuncts
from .xpath import parse_xpath, rule_from_xpath

_ALIASES = {("select", "one"): "select_one", ("select", "multiple"): "select_multiple",
            ("begin", "group"): "begin_group", ("end", "group"): "end_group"}


def split_type(text: str | None) -> tuple[str | None, str | None, str | None]:
    """``select_one visit`` -> ("select_one", "visit", None); ``select one x or_other`` -> (..., "or_other")."""
    words = (text or "").split()
    if len(words) >= 2 and (words[0].lower(), words[1].lower()) in _ALIASES:
        words[:2] = [_ALIASES[(words[0].lower(), words[1].lower())]]
    if not words:
        return None, None, None
    return words[0].lower(), (words[1] if len(words) > 1 else None), (" ".join(words[2:]) or None)


class SurveyReader:
    """Reads rows in order; every problem is recorded with the row's name and column."""

    def __init__(self, sheet: Sheet, lists: dict[str, list], recorder: Recorder, band: str, optouts: list[str]):
        self.sheet, self.lists, self.recorder = sheet, lists, recorder
        self.band, self.default_optouts = band, optouts
        self.sections: list[SectionForm] = []
        self.current: SectionForm | None = None
        self.depth = 0
        self.group_rule: list | None = None
        self.names: set[str] = set()
        self.scales: dict[str, dict[str, Any]] = {}
        self.choices: dict[str, list] = {}

    def read(self) -> list[SectionForm]:
        for column in ("type", "name"):
            if not self.sheet.has(column):
                self.recorder.add(None, f"survey.{column}", f"the survey sheet has no {column} column")
        if self.sheet.has("type") and self.sheet.has("name"):
            self.recorder.require_columns(self.sheet, "survey", "label")
            for line in self.sheet.lines:
                self.line(line)
        if self.depth:
            self.recorder.add(self.current.id if self.current else None, "type", "begin_group without end_group")
        return self.sections

    def line(self, line: Line) -> None:
        word, list_name, extra = split_type(line.text("type"))
        name = line.text("name")
        where = name or f"survey row {line.number}"
        if word in META_TYPES:
            return  # start/end/deviceid and the like ask the child nothing
        if word is None:
            self.recorder.add(where, "type", "missing type")
            return
        if (word not in IMPORT_TYPES and word not in ("begin_group", "end_group")) or extra:
            known = ", ".join([*IMPORT_TYPES, "begin_group", "end_group"])
            self.recorder.add(where, "type", f"unknown or unsupported type {line.text('type')!r}; use {known}")
            return
        if word == "end_group":
            self.end_group(where)
            return
        if not name:
            self.recorder.add(where, "name", "missing name")
            return
        key = name if word == "begin_group" else item_code(name)
        if key in self.names:
            self.recorder.add(name, "name", f"duplicate name (again in survey row {line.number})")
            return
        self.names.add(key)
        if word == "begin_group":
            self.begin_group(line, name)
        else:
            self.item(line, item_code(name), word, list_name)

    def begin_group(self, line: Line, name: str) -> None:
        self.depth += 1
        if self.depth > 1:
            self.recorder.add(name, "type", "a group inside a group is not supported (sections are flat)")
            return
        self.group_rule = self.tree(line, name, "relevant")
        title = self.recorder.texts(self.sheet, line, "label", name)
        self.current = SectionForm(name, title, self.number(line, "position", name))
        self.sections.append(self.current)

    def end_group(self, where: str) -> None:
        if not self.depth:
            self.recorder.add(where, "type", "end_group without begin_group")
            return
        self.depth -= 1
        if not self.depth:
            self.current, self.group_rule = None, None

    def section(self) -> SectionForm:
        if self.current is None:  # rows outside any group get a section of their own
            taken, section_id, number = {s.id for s in self.sections}, "questions", 1
            while section_id in taken:
                number += 1
                section_id = f"questions{number}"
            self.current = SectionForm(section_id, None, None)
            self.sections.append(self.current)
        return self.current

    def item(self, line: Line, code: str, word: str, list_name: str | None) -> None:
        kind = self.kind(line, code, word)
        settings: dict[str, Any] = {"text": self.recorder.texts(self.sheet, line, "label", code)}
        for base, key in (("hint", "help"), ("read_aloud", "read_aloud"), ("constraint_message", "constraint_message")):
            if text := self.recorder.texts(self.sheet, line, base, code, required=False):
                settings[key] = text
        if word in LIST_TYPES:
            self.list_settings(line, code, kind, list_name, settings)
        else:
            self.plain_settings(line, code, kind, word, settings)
        self.rules(line, code, kind, settings)
        if line.text("band") not in (None, self.band):
            self.recorder.add(code, "band", f"row says band {line.text('band')!r}, the settings sheet {self.band!r}")
        tags = {name: line.text(name) for name in TAGS if line.text(name)}
        for name, value in tags.items():
            if value not in TAGS[name]:
                self.recorder.add(code, name, f"unknown {name} tag {value!r}; use one of {', '.join(TAGS[name])}")
        self.section().items.append(ItemForm(code, kind, tags, line.text("harmonise"), cell_bool(line.get("practice")),
                                             settings, self.number(line, "position", code)))

    def kind(self, line: Line, code: str, word: str) -> str:
        """Our type: the ``item_type`` column, else what the XLSForm type and our columns imply."""
        allowed = IMPORT_TYPES[word]
        implied = ("scale" if line.text("scale_name") else None) if word == "select_one" else (
            "place" if word == "text" and line.text("level") else None)
        kind = line.text("item_type") or implied or allowed[0]
        if kind not in allowed:
            self.recorder.add(code, "item_type", f"item_type {kind!r} does not fit type {word!r}; use {allowed}")
        return kind

    def list_settings(self, line: Line, code: str, kind: str, list_name: str | None, settings: dict) -> None:
        choices = self.lists.get(list_name or "")
        if choices is None:
            self.recorder.add(code, "type", f"no choice list {list_name!r} in the choices sheet" if list_name
                              else "needs a list name, e.g. 'select_one yes_no'")
            return
        real, optouts = split_optouts(choices)
        if kind == "scale":
            base = line.text("scale_name") or list_name
            scale = {"kind": line.text("scale_kind") or "agreement", "key": line.text("scale_key") or "none",
                     "points": real}
            self.register(self.scales, base, scale, code, "scale_name")
            settings["scale"] = base
        else:
            base = line.text("choice_list") or list_name
            self.register(self.choices, base, real, code, "choice_list")
            settings["choices"] = base
        self.optouts(kind, optouts, settings)
        column = {"multiple": "max", "rank": "top"}.get(kind)
        if column and (value := self.number(line, column, code)) is not None:
            settings[column] = value

    def register(self, known: dict, name: str, content: Any, code: str, column: str) -> None:
        if known.setdefault(name, content) != content:
            self.recorder.add(code, column, f"list {name!r} differs from an earlier question's list of that name")

    def plain_settings(self, line: Line, code: str, kind: str, word: str, settings: dict) -> None:
        if word == "decimal":
            settings["integer"] = False
        columns = {"number": ("min", "max"), "text": ("max_length",), "place": ("level",)}.get(kind, ())
        for column in columns:
            value = line.text(column) if column == "level" else self.number(line, column, code)
            if value is not None:
                settings[column] = value
        names = cell_words(line.get("optouts"))
        for unknown in [name for name in names if name not in OPTOUTS]:
            self.recorder.add(code, "optouts", f"unknown opt-out {unknown!r}; use {', '.join(OPTOUTS)}")
        self.optouts(kind, names, settings)

    def optouts(self, kind: str, names: list[str], settings: dict) -> None:
        default = self.default_optouts if kind in ("scale", "single") else []
        if names != default:
            settings["optouts"] = names

    def rules(self, line: Line, code: str, kind: str, settings: dict) -> None:
        relevant = conjoin([tree for tree in (self.group_rule, self.tree(line, code, "relevant")) if tree])
        constraint = conjuncts(self.tree(line, code, "constraint"))
        self.strip_limits(code, kind, constraint, settings)
        for column, tree in (("relevant", relevant), ("constraint", conjoin(constraint))):
            if tree is not None:
                try:
                    settings[column] = rule_from_xpath(tree)
                except RuleError as error:
                    self.recorder.add(code, column, f"cannot translate {line.text(column)!r}: {error}")

    def strip_limits(self, code: str, kind: str, parts: list[list], settings: dict) -> None:
        """Drop the clauses ``export`` adds for max/min; they live in their own columns."""
        last = parts[-1] if parts else []
        if kind == "multiple" and last[:3] == ["cmp", "<=", ["call", "count", "."]] and last[3][0] == "lit":
            most = parts.pop()[3][1]
            if settings.setdefault("max", most) != most:
                self.recorder.add(code, "max", f"max {settings['max']} but the constraint allows {most}")
        for op, key in (("<=", "max"), (">=", "min")):
            if kind == "number" and parts and parts[-1] == ["cmp", op, ["self"], ["lit", settings.get(key)]]:
                parts.pop()

    def tree(self, line: Line, where: str, column: str) -> list | None:
        text = line.text(column)
        if not text:
            return None
        try:
            return parse_xpath(text)
        except RuleError as error:
            self.recorder.add(where, column, f"cannot translate {text!r}: {error}")
            return None

    def number(self, line: Line, column: str, where: str) -> int | float | None:
        try:
            return cell_number(line.get(column))
        except ValueError:
            self.recorder.add(where, column, f"{line.text(column)!r} is not a number")
            return None
