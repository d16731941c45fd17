"""The data-entry form for one paper questionnaire: CSRF and the submission id by Flask-WTF, items from the definition.

Field names: ``a-<CODE>`` holds the answer (a choice, the text, the number, the place; several for a
multiple choice), ``a-<CODE>-<choice>`` the number written next to a choice of a ranking item, and
``o-<CODE>`` a ticked opt-out of an item whose answer is not a choice ("I don't want to answer").
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField
from wtforms.validators import DataRequired, Length

from ..questionnaires.item_types import optout_codes
from ..questionnaires.schema import BandItem
from .services import PaperForm

#: Fields every post carries besides the items'.
FORM_FIELDS = {"csrf_token", "submission_id"}
#: Types whose opt-outs are more options of the one answer (radio buttons in the same group).
ONE_CHOICE = ("scale", "single", "consent")
MOST_VALUES = 50


class PaperEntryForm(FlaskForm):
    """The submission id is made when the empty form is shown, so a resubmitted form is stored once."""

    submission_id = HiddenField(validators=[DataRequired(), Length(max=36)])


class UnknownFields(ValueError):
    """The post has fields this form never shows (a forged or stale post)."""


class EntryInvalid(ValueError):
    """What was typed in cannot be a paper form's answers; ``errors`` maps item code to a message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(errors)


def field_names(item: BandItem) -> set[str]:
    """The names an item's inputs use."""
    if item.type == "rank":
        names = {f"a-{item.code}-{choice.code}" for choice in item.choices}
    else:
        names = {f"a-{item.code}"}
    return names if item.type in ONE_CHOICE or not item.optouts else names | {f"o-{item.code}"}


def read_paper_answers(paper: PaperForm, formdata: MultiDict) -> dict[str, Any]:
    """The answers in the shape a tablet sends them; raises UnknownFields or EntryInvalid."""
    entered = [p.item for p in paper.items if p.entered]
    allowed = FORM_FIELDS.union(*(field_names(item) for item in entered))
    if set(formdata) - allowed:
        raise UnknownFields(sorted(set(formdata) - allowed)[:5])
    answers, errors = {}, {}
    for item in entered:
        try:
            value = _read_item(item, formdata)
        except EntryInvalid as problem:
            errors.update(problem.errors)
            continue
        if value not in (None, "", []):
            answers[item.code] = value
    if errors:
        raise EntryInvalid(errors)
    return answers


def _read_item(item: BandItem, formdata: MultiDict) -> Any:
    optout = formdata.get(f"o-{item.code}", "")
    value = _rank(item, formdata) if item.type == "rank" else _value(item, formdata)
    if optout and value not in (None, "", []):
        raise EntryInvalid({item.code: _("Enter either an answer or “I don't want to answer” (or another "
                                          "box like it), not both.")})
    if optout:
        return optout if optout in optout_codes(item) else _refuse(item)
    return value


def _refuse(item: BandItem) -> None:
    raise EntryInvalid({item.code: _("That answer is not one of the choices.")})


def _value(item: BandItem, formdata: MultiDict) -> Any:
    name = f"a-{item.code}"
    if item.type == "multiple":
        return [value for value in formdata.getlist(name)[:MOST_VALUES] if value]
    if len(formdata.getlist(name)) > 1:  # one radio group, one select, one box: never two values
        raise EntryInvalid({item.code: _("Choose one of the answers.")})
    value = formdata.get(name, "").strip()
    if item.type == "number" and value:
        return _number(item, value)
    return value or None


def _number(item: BandItem, value: str) -> int | float:
    try:
        return float(value) if "." in value else int(value) if len(value) <= 40 else float("nan")
    except ValueError:
        raise EntryInvalid({item.code: _("Please give a number.")}) from None


def _rank(item: BandItem, formdata: MultiDict) -> list[str]:
    """The choices in the order the child numbered them (1 first)."""
    most = item.top or len(item.choices)
    written: dict[int, str] = {}
    for choice in item.choices:
        text = formdata.get(f"a-{item.code}-{choice.code}", "").strip()
        if not text:
            continue
        if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= most:
            raise EntryInvalid({item.code: _("Write a number from 1 to %(n)d.", n=most)})
        if int(text) in written:
            raise EntryInvalid({item.code: _("Each number can be written only once.")})
        written[int(text)] = choice.code
    return [written[position] for position in sorted(written)]
