"""Why an item reached the queue, in words the lead reads: the category, the rule and the child's words.

Screening stores each reason as ``category/rule「words」`` or ``lexicon「term」`` (see
``privacy.screening.ScreeningResult.concern_reasons``); items saved before the rules existed hold bare
terms separated by commas, and are shown as local terms.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from flask_babel import lazy_gettext as _l

CATEGORY_LABELS = {
    "home_violence": _l("Violence at home"),
    "witnessed_violence": _l("Violence the child witnesses at home"),
    "corporal_punishment": _l("Corporal punishment"),
    "bullying_threats": _l("Bullying, threats or extortion"),
    "physical_harm": _l("Physical harm"),
    "self_harm": _l("Self-harm or suicidal thoughts"),
    "followed_watched": _l("Followed or watched"),
    "grooming": _l("Grooming"),
    "neglect": _l("Neglect"),
    "blackmail": _l("Blackmail"),
    "english": _l("Written in English"),
    "possible_concern": _l("Possible concern (the classifier, no rule)"),
    "lexicon": _l("Local term"),
}

_REASON = re.compile(r"(?P<category>[a-z_]+)/(?P<rule>[a-z_0-9]+)「(?P<words>[^」]*)」|lexicon「(?P<term>[^」]*)」"
                     r"|(?P<bare>[^,\s][^,]*)")


class Reason(NamedTuple):
    category: str
    label: str
    rule: str
    words: str


def explain(stored: str) -> list[Reason]:
    """Split a stored reasons string into reasons the queue can show."""
    reasons = []
    for match in _REASON.finditer(stored or ""):
        if match.group("category"):
            category = match.group("category")
            label = str(CATEGORY_LABELS.get(category, category))
            reasons.append(Reason(category, label, match.group("rule"), match.group("words")))
        else:
            term = match.group("term") if match.group("term") is not None else match.group("bare").strip()
            reasons.append(Reason("lexicon", str(CATEGORY_LABELS["lexicon"]), "", term))
    return reasons
