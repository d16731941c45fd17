"""The survey without JavaScript: the same steps as server-rendered pages.

Nothing is kept on the server or in a cookie between pages: the answers so far travel in the
form itself, and every page is ``no-store``. The final send goes through the same intake.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from ..core.safe_json import UntrustedJSONError, parse_untrusted_json
from ..fieldwork.codes import is_submission_id
from ..models_base import utcnow
from ..questionnaires.answers import is_relevant
from ..questionnaires.schema import BandItem, Instrument
from ..questionnaires.vocabulary import OPTOUT_CODES

MAX_STATE = 64 * 1024
MAX_INDEX = 1000
AGE = re.compile(r"[0-9]{1,3}")


class StateUnreadable(ValueError):
    """The posted state is not one these pages wrote (too long, too deep, not JSON, not an object)."""


@dataclass
class BasicState:
    """Where the child is: their band, the page's answers, the item index and the submission id."""

    submission_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    band: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    index: int = 0
    #: When this child started, to the minute (so a child who started before closing may finish; never stored).
    started: datetime = field(default_factory=lambda: utcnow().replace(second=0, microsecond=0))

    def dump(self) -> str:
        return json.dumps({"sid": self.submission_id, "band": self.band, "answers": self.answers, "index": self.index,
                           "started": self.started.isoformat()}, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def load(cls, text: str | None) -> BasicState:
        """The state a page posted back (a fresh one when none was); raise StateUnreadable if it is malformed."""
        if not text:
            return cls()
        try:
            data = parse_untrusted_json(text) if len(text) <= MAX_STATE else None
        except UntrustedJSONError:
            data = None
        if not isinstance(data, dict):
            raise StateUnreadable
        index = data.get("index")
        index = index if isinstance(index, int) and not isinstance(index, bool) and 0 <= index <= MAX_INDEX else 0
        sid = data.get("sid") if is_submission_id(data.get("sid")) else str(uuid.uuid4())
        band = data.get("band") if isinstance(data.get("band"), str) and len(data["band"]) <= 8 else None
        return cls(sid, band, _plain_answers(data.get("answers")), index, _started(data.get("started")))


def _started(value: Any) -> datetime:
    """The posted start time (never later than now), or now when it is missing or not a time."""
    now = utcnow().replace(second=0, microsecond=0)
    if not isinstance(value, str) or len(value) > 40:
        return now
    try:
        started = datetime.fromisoformat(value)
        started = started.replace(tzinfo=UTC) if started.tzinfo is None else started.astimezone(UTC)
    except (ValueError, OverflowError):
        return now
    return min(started, now)


def _plain_answers(answers: Any) -> dict[str, Any]:
    """Only answers of the shapes the pages make (text, number, list of codes) survive a round trip."""
    if not isinstance(answers, dict):
        return {}
    return {code: value for code, value in answers.items()
            if len(code) <= 20 and (isinstance(value, str | int | float) and not isinstance(value, bool)
                                    or isinstance(value, list) and all(isinstance(v, str) for v in value))}


def asked_items(definition: Instrument, state: BasicState) -> list[BandItem]:
    """The items this child is asked, given the answers so far (practice items included)."""
    return [item for item in definition.items_for(state.band or "")
            if item.type != "note" and is_relevant(item, state.answers, state.band or "")]


def read_answer(item: BandItem, form: MultiDict) -> Any:
    """The posted value for one item, in the shape the intake expects."""
    optout = form.get("optout")
    if optout in OPTOUT_CODES:
        return optout
    if item.type == "rank":  # one list per position, so the child's order is kept
        return [form.get(f"rank{position}", "") for position in range(1, (item.top or 1) + 1)
                if form.get(f"rank{position}")]
    if item.type == "multiple":
        return [value for value in form.getlist("answer") if value][:50]
    value = form.get("answer", "").strip()
    if item.type == "number" and value:
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return value
    return value or None


def apply_answer(state: BasicState, item: BandItem, value: Any) -> None:
    if item.practice:
        return
    if value in (None, "", []):
        state.answers.pop(item.code, None)
    else:
        state.answers[item.code] = value


def prune(definition: Instrument, state: BasicState) -> None:
    """Drop answers to items that are no longer asked (the intake would refuse them)."""
    codes = {item.code for item in asked_items(definition, state)}
    state.answers = {code: value for code, value in state.answers.items() if code in codes}


def band_for_age(definition: Instrument, allowed: list[str], age: str) -> str | None:
    if not AGE.fullmatch(age):  # ASCII digits only: "²".isdigit() is true and int() of 5000 digits raises
        return None
    band = definition.band_for_age(int(age))
    return band.id if band and band.id in allowed else None


def advance(definition: Instrument, allowed: list[str], state: BasicState, step: str, form: MultiDict,
            check: Any) -> tuple[str, str | None]:
    """Apply the posted step and return (next step, error message or None)."""
    action = form.get("action", "")
    if step == "welcome":
        if len(allowed) == 1:
            state.band = allowed[0]
            return "assent", None
        return "age", None
    if step == "age":
        state.band = band_for_age(definition, allowed, action.removeprefix("age:"))
        return ("assent", None) if state.band else ("age", str(_l("Tap your age.")))
    if state.band not in allowed:
        return "welcome", None
    if step == "assent" and action == "back":  # a wrong age is corrected here
        return ("age", None) if len(allowed) > 1 else ("welcome", None)
    if step == "assent":
        state.index = 0
        return ("notnow", None) if action == "notnow" else ("item" if asked_items(definition, state) else "done", None)
    if step == "item":
        return _advance_item(definition, state, action, form, check)
    if step == "done" and action == "back":
        state.index = max(len(asked_items(definition, state)) - 1, 0)
        return "item", None
    return ("send", None) if step == "done" else ("welcome", None)


def _advance_item(definition: Instrument, state: BasicState, action: str, form: MultiDict,
                  check: Any) -> tuple[str, str | None]:
    items = asked_items(definition, state)
    state.index = min(state.index, max(len(items) - 1, 0))
    item = items[state.index] if items else None
    if item is None:
        return "done", None
    if action == "back":
        state.index -= 1
        return ("item", None) if state.index >= 0 else ("assent", None)
    value = None if action == "skip" else read_answer(item, form)
    if value not in (None, "", []) and not item.practice:
        error = check(item, value, state.answers)
        if error:
            return "item", error
    apply_answer(state, item, value)
    prune(definition, state)
    state.index += 1
    return ("item", None) if state.index < len(asked_items(definition, state)) else ("done", None)
