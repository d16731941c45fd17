"""Try a lexicon against the labelled corpus before it is saved (issue 10: the lead tunes with evidence).

The trial screens the corpus's development part with the list in use and with the draft, and reports
what changes: disclosures the draft catches or loses, and harmless answers it would newly send to the
queue. The locked part is never used here: it exists to measure the screener, not to tune it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..privacy.screening import screen_text
from ..privacy.screening.corpus import load_part
from ..privacy.screening.lexicon import parse_terms

#: How many example texts of each kind the page shows.
EXAMPLES = 8


@dataclass(frozen=True)
class LexiconTrial:
    disclosures: int
    flagged_now: int
    flagged_with_draft: int
    harmless: int
    alarms_now: int
    alarms_with_draft: int
    new_alarms: tuple[str, ...]
    new_catches: tuple[str, ...]
    lost: tuple[str, ...]

    @property
    def adds_alarms(self) -> bool:
        return self.alarms_with_draft > self.alarms_now


def try_lexicon_on_corpus(draft: str, current_terms: Sequence[str]) -> LexiconTrial:
    """Screen the corpus's dev part with the current terms and with ``draft``; report the difference."""
    draft_terms = parse_terms(draft.splitlines())
    counts = {"disclosures": 0, "flagged_now": 0, "flagged_with_draft": 0, "harmless": 0, "alarms_now": 0,
              "alarms_with_draft": 0}
    new_alarms: list[str] = []
    new_catches: list[str] = []
    lost: list[str] = []
    for row in load_part("dev"):
        now = screen_text(row["text"], current_terms).concern
        later = screen_text(row["text"], draft_terms).concern
        if row["label"] == "1":
            counts["disclosures"] += 1
            counts["flagged_now"] += now
            counts["flagged_with_draft"] += later
            (new_catches if later and not now else lost if now and not later else []).append(row["text"])
        else:
            counts["harmless"] += 1
            counts["alarms_now"] += now
            counts["alarms_with_draft"] += later
            if later and not now:
                new_alarms.append(row["text"])
    return LexiconTrial(**counts, new_alarms=tuple(new_alarms[:EXAMPLES]), new_catches=tuple(new_catches[:EXAMPLES]),
                        lost=tuple(lost[:EXAMPLES]))
