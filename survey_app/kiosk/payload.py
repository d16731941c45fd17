"""Everything the tablet needs for a whole session, in one JSON document embedded in one page.

The survey then runs without another request until the child sends it, so a dropped Wi-Fi
connection cannot interrupt a child half-way.
"""

from __future__ import annotations

from typing import Any

from flask import url_for

from ..core.clock import as_utc
from ..fieldwork.models import AnswerSession
from ..models_base import utcnow
from ..places.services import children_of
from ..questionnaires.schema import BandItem, Choice
from ..questionnaires.services import get_definition
from ..questionnaires.vocabulary import NO_NAMES_PROMPT, OPTOUTS
from .strings import ui_strings


def _choice(choice: Choice) -> dict[str, Any]:
    data: dict[str, Any] = {"code": choice.code, "label": choice.label}
    for name in ("face", "picture"):
        if getattr(choice, name):
            data[name] = getattr(choice, name)
    if choice.exclusive:
        data["exclusive"] = True
    return data


def _item(item: BandItem, places: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    data: dict[str, Any] = {"code": item.code, "type": item.type, "text": item.text, "readAloud": item.read_aloud}
    optional = {
        "practice": item.practice, "help": item.help, "relevant": item.relevant, "constraint": item.constraint,
        "constraintMessage": item.constraint_message, "max": item.max_choices or item.maximum, "min": item.minimum,
        "top": item.top, "maxLength": item.max_length, "integer": item.type == "number" and item.integer,
        "key": item.scale.key if item.scale else ("pictures" if any(c.picture for c in item.choices) else None),
        "optouts": [OPTOUTS[name][0] for name in item.optouts],
        "choices": [_choice(c) for c in item.choices],
    }
    data.update({k: v for k, v in optional.items() if v not in (None, False, [], {})})
    if item.type == "text":
        data["prompt"] = NO_NAMES_PROMPT
    if item.type == "place":
        data["places"] = places.setdefault(item.level or "street", _place_options(item.level or "street"))
    return data


def _place_options(level: str) -> list[dict[str, str]]:
    return [{"code": p.code, "name": p.short_name} for p in children_of(None, level)]


def build_payload(session: AnswerSession) -> dict[str, Any]:
    """The session's bands, items and interface text in both languages."""
    definition = get_definition(session.version)
    places: dict[str, list[dict[str, str]]] = {}
    bands = [
        {"id": band.id, "minAge": band.min_age, "maxAge": band.max_age, "label": band.label, "assent": band.assent,
         "items": [_item(item, places) for item in definition.items_for(band.id)]}
        for band in definition.bands if band.id in session.bands
    ]
    optout_labels = {code: {"zh": zh, "en": en} for code, zh, en in OPTOUTS.values()}
    return {
        "title": definition.title,
        "intro": definition.introduction,
        "bands": bands,
        "optouts": optout_labels,
        "strings": {"zh": ui_strings("zh_Hans"), "en": ui_strings("en")},
        "session": {
            "code": session.join_code,
            "closesAt": as_utc(session.closes_at).isoformat(),
            "serverNow": utcnow().isoformat(),  # the tablet keeps the server's time from this
            "defaultLang": session.default_language,
            "submitUrl": url_for("kiosk.submit", code=session.join_code),
            "releaseUrl": url_for("kiosk.release", code=session.join_code),
            "workerUrl": url_for("kiosk.service_worker"),
            "workerScope": url_for("kiosk.join"),
            "unlockUrl": url_for("kiosk.unlock", code=session.join_code),
            "stateUrl": url_for("kiosk.session_facts", code=session.join_code),
            "facilitatorUrl": url_for("kiosk.facilitator_check", code=session.join_code),
        },
    }

