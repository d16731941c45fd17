"""Check a whole set of answers for one band: known items, relevance, each answer's type and rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l

from ..i18n import content_language
from . import expressions
from .item_types import CLEANERS, Answer, AnswerError, PlaceCheck, is_empty
from .schema import BandItem, Instrument, local

MAX_ANSWERS = 200


class AnswersInvalid(ValueError):
    """Some answers are not acceptable: ``errors`` maps item code to a message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{code}: {message}" for code, message in errors.items()))


def is_relevant(item: BandItem, answers: Mapping[str, Any], band: str) -> bool:
    return item.relevant is None or bool(expressions.evaluate(item.relevant, answers, band=band))


def asked_with_rule(definition: Instrument, band: str, answers: Mapping[str, Any]) -> list[str]:
    """The items with a relevance rule that these answers made the band's child see."""
    return [item.code for item in definition.items_for(band)
            if item.relevant is not None and item.stores_answer and is_relevant(item, answers, band)]


def clean_item(item: BandItem, value: Any, answers: Mapping[str, Any], place_exists: PlaceCheck) -> Answer:
    """Check one answer (given the earlier answers); raise AnswerError with a message for people."""
    cleaned = CLEANERS[item.type](item, value, place_exists)
    if item.constraint is not None and not expressions.evaluate(
            item.constraint, answers, band=item.band, value=cleaned):
        message = local(item.constraint_message, content_language())
        raise AnswerError(message or _l("That answer is not possible here."))
    return cleaned


def clean_answers(definition: Instrument, band: str, raw: Any, place_exists: PlaceCheck) -> dict[str, Answer]:
    """Return the accepted answers, in item order; raise AnswersInvalid listing every problem."""
    if not isinstance(raw, Mapping):
        raise AnswersInvalid({"_": str(_l("Answers must be sent as item codes with their answers."))})
    if len(raw) > MAX_ANSWERS:
        raise AnswersInvalid({"_": str(_l("Too many answers."))})
    asked = {bi.code: bi for bi in definition.items_for(band) if bi.stores_answer}
    errors = {str(code)[:20]: str(_l("This question is not part of this survey."))
              for code in raw if code not in asked}
    accepted: dict[str, Answer] = {}
    for code, item in asked.items():
        value = raw.get(code)
        if is_empty(value):
            continue
        if not is_relevant(item, accepted, band):
            errors[code] = str(_l("This question was not asked, so it cannot be answered."))
            continue
        try:
            accepted[code] = clean_item(item, value, accepted, place_exists)
        except AnswerError as error:
            errors[code] = str(error)
    if errors:
        raise AnswersInvalid(errors)
    return accepted
