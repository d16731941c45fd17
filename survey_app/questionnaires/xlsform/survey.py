"""The survey sheet: groups become sections, question rows become items with one band's settings.

Two passes. The first gives every question its code (so a rule may use a name written with any
spelling) and reads ``calculate`` rows; the second builds the items in order. Groups inside
groups become sections of their own (ours are flat), each question taking every enclosing group's
``relevant`` and tags. Repeats are refused. Nothing stops the reading: every row is looked at.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .appearance import appearances
from .columns import SURVEY_KNOWN
from .context import Context
from .forms import SectionForm
from .item_rules import translated
from .questions import Frame, RowHints, build_items, texts
from .row_types import DROPPED_TYPES, META_TYPES, QUESTION_TYPES, REFUSED_TYPES, STRUCTURE, split_type
from .rules import RuleError
from .sheets import Line
from .tags import read_tags
from .xpath import parse_xpath

KOBO_SKIPPED = ("rank__level", "end_rank", "table_header", "begin_kobomatrix", "end_kobomatrix")
REPEAT_REASON = ("a repeat asks its questions again and again (once per family member, say), but here every "
                 "question is answered once by each child and pooled by its code; ask each question once "
                 "(remove begin_repeat/end_repeat) or give each round its own questions")


@dataclass
class _Group:
    name: str
    row: int
    repeat: bool
    title: dict[str, str] | None
    frame: Frame
    section: SectionForm | None = None


@dataclass
class _Row:
    line: Line
    word: str | None
    target: str | None
    or_other: bool
    hints: RowHints = field(default_factory=RowHints)


@dataclass
class SurveyReader:
    """Reads the survey sheet of one workbook into sections."""

    ctx: Context
    sections: list[SectionForm] = field(default_factory=list)
    stack: list[_Group] = field(default_factory=list)
    meta_rows: list[int] = field(default_factory=list)
    loose: SectionForm | None = None
    #: KoboToolbox's own score and rank blocks: the list their rows share, and the open rank row.
    kobo_list: str | None = None
    rank_row: _Row | None = None

    def read(self) -> list[SectionForm]:
        sheet = self.ctx.sheet
        for column in ("type", "name"):
            if not sheet.has(column):
                self.ctx.problem(None, column, f"the survey sheet has no {column} column; add it (every XLSForm "
                                               "has type, name and label)")
        for lang, language in (("zh", "Chinese"), ("en", "English")):
            if not sheet.has("label", lang):
                self.ctx.recorder.problem(sheet.title, sheet.header_row, sheet.column("label", lang),
                                          f"the survey sheet has no {language} label column; add "
                                          f"{sheet.column('label', lang)}")
        unknown = sorted({sheet.headers[key] for key in sheet.headers if key[0] not in SURVEY_KNOWN})
        if unknown:
            self.ctx.recorder.warn(sheet.title, sheet.header_row, ", ".join(unknown),
                                   f"column(s) not used by this import, so ignored: {', '.join(unknown)}")
        rows = [self.index(line) for line in sheet.lines] if sheet.has("type") and sheet.has("name") else []
        for row in rows:
            self.walk(row)
        for group in self.stack:
            word = "begin_repeat" if group.repeat else "begin_group"
            self.ctx.recorder.problem(sheet.title, group.row, self.ctx.column("type"),
                                      f"{word} {group.name!r} has no end row; add an end row below its questions")
        self.report_skipped()
        return self.sections

    def index(self, line: Line) -> _Row:
        """First pass: the row's type, and a code or a meaning for its name."""
        row = self.kobo_row(_Row(line, *split_type(line.text("type"))))
        word, name, names = row.word, line.word("name"), self.ctx.names
        if word is None or word in STRUCTURE or word in KOBO_SKIPPED or not name:
            return row
        if name in names.codes or name in names.unusable or name in names.calculations:
            self.ctx.problem(line, "name", f"the name {name!r} is used twice; give each row its own name", name)
            row.word = "duplicate"
            return row
        if word in QUESTION_TYPES:
            code, changed = self.ctx.codes.code_for(name)
            names.codes[name] = code
            if changed:
                self.ctx.warn(line, "name", f"name {name!r} became the code {code} (codes are 2-20 capital letters, "
                                            "digits and _, starting with a letter); rules follow", code)
        elif word == "calculate":
            names.calculations[name] = self.formula(line)
        elif word in META_TYPES:
            names.unusable[name] = "a metadata row (who, when, which device), which is never stored here"
        elif word in DROPPED_TYPES:
            names.unusable[name] = f"a {word} row, which is not imported"
        else:
            names.unusable[name] = f"a {word} row, which cannot be imported"
        return row

    def kobo_row(self, row: _Row) -> _Row:
        """KoboToolbox's score and rank blocks, and the table rows its exports make of them, as plain rows."""
        word, line = row.word, row.line
        shown = appearances(line.text("appearance"))
        if word == "begin_score":
            self.kobo_list, row.word = line.word("kobo--score-choices"), "begin_group"
        elif word == "end_score":
            self.kobo_list, row.word = None, "end_group"
        elif word == "score__row":
            row.word, row.target, row.hints = "select_one", self.kobo_list, RowHints(likert=True)
        elif word == "begin_rank":
            row.word, row.target, self.rank_row = "rank", line.word("kobo--rank-items"), row
        elif word == "rank__level" and self.rank_row is not None:
            self.rank_row.hints.top = (self.rank_row.hints.top or 0) + 1
        elif word == "end_rank":
            self.rank_row = None
        elif word == "select_one" and "label" in shown:
            row.word = "table_header"  # the header of a table-list: it shows the choices above the rows
        elif word == "select_one" and "list-nolabel" in shown:
            row.hints = RowHints(likert=True)
        return row

    def formula(self, line: Line) -> list | str:
        text = line.text("calculation")
        if not text:
            return "it has no calculation"
        try:
            return parse_xpath(text)
        except RuleError as error:
            return str(error)

    def walk(self, row: _Row) -> None:
        """Second pass: one row in order."""
        line, word, ctx = row.line, row.word, self.ctx
        name = line.word("name")
        if word is None:
            if any(base in ("label", "name", "relevant") for base, _ in line.cells):
                ctx.problem(line, "type", "this row has no type; fill it in (text, integer, select_one list, "
                                          "note, begin_group, ...) or delete the row", name)
        elif word in ("begin_group", "begin_repeat"):
            self.begin(line, word == "begin_repeat")
        elif word in ("end_group", "end_repeat"):
            self.end(line, word)
        elif word == "duplicate" or word in ("rank__level", "end_rank"):
            return
        elif word == "table_header":
            ctx.warn(line, "appearance", "the header row of a table (appearance 'label') dropped: each row below "
                                         "shows its own choices", name, group="table-header")
        elif word in ("begin_kobomatrix", "end_kobomatrix"):
            if word == "begin_kobomatrix":
                ctx.problem(line, "type", "KoboToolbox matrix questions cannot be imported: ask each row of the "
                                          "matrix as its own question", name)
        elif word in META_TYPES:
            self.meta_rows.append(line.number)
        elif word == "calculate":
            return  # read in the first pass; written into the rules that use it
        elif word in DROPPED_TYPES:
            ctx.warn(line, "type", f"{word} row dropped: {DROPPED_TYPES[word]}", name, group=f"type:{word}")
        elif word in REFUSED_TYPES:
            ctx.problem(line, "type", f"{word} questions cannot be imported: {REFUSED_TYPES[word]}", name)
        elif word not in QUESTION_TYPES:
            ctx.problem(line, "type", f"unknown type {line.text('type')!r}; use text, integer, decimal, range, "
                                      "select_one, select_multiple, rank, note, begin_group or end_group", name)
        elif not name:
            ctx.problem(line, "name", "this question has no name; give it one (letters, digits, _)")
        else:
            self.question(row)

    def question(self, row: _Row) -> None:
        frame = self.frame()
        items = build_items(self.ctx, row.line, row.word or "", row.target, row.or_other, frame, row.hints)
        if items:
            self.section(row.line).items.extend(items)

    def frame(self) -> Frame:
        relevant = [rule for group in self.stack for rule in group.frame.relevant]
        tags = {key: value for group in self.stack for key, value in group.frame.tags.items()}
        return Frame(relevant, tags)

    def begin(self, line: Line, repeat: bool) -> None:
        ctx, name = self.ctx, line.word("name") or f"group{line.number}"
        if repeat:
            ctx.problem(line, "type", f"repeats cannot be imported: {REPEAT_REASON}", name)
        if self.stack:
            ctx.warn(line, "type", f"group {name!r} is inside group {self.stack[-1].name!r}: it became a section "
                                   "of its own (sections here are not nested)", name, group="nested")
        frame = Frame([], {})
        if text := line.text("relevant"):
            try:
                frame.relevant.append(translated(ctx, text))
            except RuleError as error:
                ctx.problem(line, "relevant", f"cannot keep the group's relevant {text!r}: {error}", name)
        found, wrong = read_tags(line)
        frame.tags = found
        for column, value in wrong:
            ctx.problem(line, column, f"unknown {column} tag {value!r} on a group", name)
        for appearance in (line.text("appearance") or "").split():
            ctx.warn(line, "appearance", f"group appearance {appearance!r} dropped: the tablet shows one question "
                                         "per screen", name, group=f"group-appearance:{appearance}")
        title = texts(ctx, line, "label", name) or None
        self.stack.append(_Group(name, line.number, repeat, title, frame))

    def end(self, line: Line, word: str) -> None:
        if not self.stack:
            self.ctx.problem(line, "type", f"{word} without a begin row above it; delete it or add the begin row")
            return
        group = self.stack.pop()
        if group.repeat != (word == "end_repeat"):
            self.ctx.problem(line, "type", f"{word} closes {'begin_repeat' if group.repeat else 'begin_group'} "
                                           f"{group.name!r} (row {group.row}); use the matching end row")

    def section(self, line: Line) -> SectionForm:
        """The section for a question: its innermost group's (continued after an inner group closes)."""
        if not self.stack:
            if self.loose is None or (self.sections and self.sections[-1] is not self.loose):
                self.loose = self.new_section("questions", None, line.number)
            return self.loose
        group = self.stack[-1]
        if group.section is None or self.sections[-1] is not group.section:
            title = next((g.title for g in reversed(self.stack) if g.title), None)
            group.section = self.new_section(group.name, title, group.row)
        return group.section

    def new_section(self, wanted: str, title: dict[str, str] | None, row: int) -> SectionForm:
        taken, section_id, number = {s.id for s in self.sections}, wanted, 1
        while section_id in taken:
            number += 1
            section_id = f"{wanted}_{number}"
        section = SectionForm(section_id, title, None, row=row)
        line = next((ln for ln in self.ctx.sheet.lines if ln.number == row), None)
        if line is not None and line.text("position"):
            try:
                section.position = float(line.text("position") or "")
                section.position = int(section.position) if section.position.is_integer() else section.position
            except ValueError:
                self.ctx.problem(line, "position", f"{line.text('position')!r} is not a number", section_id)
        self.ctx.places[f"section:{section_id}"] = (self.ctx.sheet.title, row, {})
        self.sections.append(section)
        return section

    def report_skipped(self) -> None:
        ctx = self.ctx
        if self.meta_rows:
            ctx.recorder.warn(ctx.sheet.title, self.meta_rows[0], ctx.column("type"),
                              f"{len(self.meta_rows)} metadata row(s) dropped (start, end, today, deviceid, ...): "
                              "answers here never record who, when or on which device", group="meta")
            for row in self.meta_rows[1:]:
                ctx.recorder.warn(ctx.sheet.title, row, ctx.column("type"), "", group="meta")
        unused = [name for name in ctx.names.calculations if name not in ctx.names.used_calculations]
        used = sorted(ctx.names.used_calculations)
        for name in unused:
            ctx.recorder.note(None, f"calculate {name!r} dropped: this app stores no calculated fields")
        if unused:
            ctx.recorder.warn(ctx.sheet.title, None, ctx.column("calculation"),
                              f"calculate row(s) dropped ({', '.join(unused)}): this app stores no calculated "
                              "fields", group="calculate")
        if used:
            ctx.recorder.warn(ctx.sheet.title, None, ctx.column("calculation"),
                              f"calculate row(s) {', '.join(used)} written into the rules that use them",
                              group="calculate-used")
