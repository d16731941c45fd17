"""Guards: the reasons a rule's hit is *not* a disclosure (negation, play, sport, stories, sorted out).

A guard only ever excuses a hit; it never raises one. Each family of rules has its own guards, because
negation excuses "没有人打我" but is the whole point of "没人管我", and play excuses a pillow fight but
not a grown-up's gift in a game. Guards read the folded text before idioms were blanked, clause by
clause (a comma ends a clause) or sentence by sentence (a full stop ends one).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import vocabulary

_CLAUSE_CHARS = "，。！？；：,.!?;:\n"
_SENTENCE_CHARS = "。！？.!?\n"
_CLAUSE_END = re.compile(f"[{_CLAUSE_CHARS}]")
_SENTENCE_END = re.compile(f"[{_SENTENCE_CHARS}]")
_ENDS = {_CLAUSE_END: _CLAUSE_CHARS, _SENTENCE_END: _SENTENCE_CHARS}


def _compile(words: str) -> re.Pattern[str]:
    return re.compile(f"(?:{words})")


NEGATION = _compile(vocabulary.NEGATION)
SELF_HARM_NEGATION = _compile(vocabulary.SELF_HARM_NEGATION)
NEGLECT_NEGATION = _compile(vocabulary.NEGLECT_NEGATION)
PLAY = _compile(vocabulary.PLAY)
PLAY_SCENE = _compile(vocabulary.PLAY_SCENE)
DISTRESS = _compile(vocabulary.DISTRESS)
SPORT = _compile(vocabulary.SPORT)
STORY = _compile(vocabulary.STORY)
RESOLVED = _compile(vocabulary.RESOLVED)
ONGOING = _compile(vocabulary.ONGOING)
ACCIDENT = _compile(vocabulary.ACCIDENT)


def _bounds(pattern: re.Pattern[str], text: str, start: int, end: int) -> tuple[int, int]:
    """The clause or sentence around [start, end): from the last boundary before it to the next after it."""
    before = max(text.rfind(char, 0, start) for char in _ENDS[pattern]) + 1
    after = pattern.search(text, end)
    return before, after.start() if after else len(text)


def negated(text: str, start: int, end: int) -> bool:
    clause_start, _ = _bounds(_CLAUSE_END, text, start, end)
    return NEGATION.search(text, clause_start, end) is not None


def negated_before(text: str, start: int, end: int) -> bool:
    """Negation before the words only: a lexicon term such as 没人管 may hold a negation itself."""
    clause_start, _ = _bounds(_CLAUSE_END, text, start, end)
    return NEGATION.search(text, clause_start, start) is not None


def self_harm_negated(text: str, start: int, end: int) -> bool:
    clause_start, _ = _bounds(_CLAUSE_END, text, start, end)
    return SELF_HARM_NEGATION.search(text, clause_start, end) is not None


def neglect_negated(text: str, start: int, end: int) -> bool:
    clause_start, _ = _bounds(_CLAUSE_END, text, start, end)
    return NEGLECT_NEGATION.search(text, clause_start, end) is not None


def playing(text: str, start: int, end: int) -> bool:
    clause_start, clause_end = _bounds(_CLAUSE_END, text, start, end)
    if PLAY.search(text, clause_start, clause_end):
        return True
    sentence_start, sentence_end = _bounds(_SENTENCE_END, text, start, end)
    return (PLAY_SCENE.search(text, sentence_start, sentence_end) is not None
            and DISTRESS.search(text, sentence_start, sentence_end) is None)


def sport(text: str, start: int, end: int) -> bool:
    clause_start, clause_end = _bounds(_CLAUSE_END, text, start, end)
    return SPORT.search(text, clause_start, clause_end) is not None


def story(text: str, start: int, end: int) -> bool:
    """A story, film or lesson named in the same clause, or earlier in the same sentence."""
    sentence_start, _ = _bounds(_SENTENCE_END, text, start, end)
    _, clause_end = _bounds(_CLAUSE_END, text, start, end)
    return STORY.search(text, sentence_start, clause_end) is not None


def sorted_out(text: str, start: int, end: int) -> bool:
    return RESOLVED.search(text, start) is not None and ONGOING.search(text) is None


def accident(text: str, start: int, end: int) -> bool:
    sentence_start, sentence_end = _bounds(_SENTENCE_END, text, start, end)
    return ACCIDENT.search(text, sentence_start, sentence_end) is not None


Guard = Callable[[str, int, int], bool]

#: Family → guards, in the order they are tried; the first that excuses wins.
GUARDS: dict[str, tuple[tuple[str, Guard], ...]] = {
    "physical": (("negated", negated), ("play", playing), ("sport", sport), ("story", story),
                 ("sorted_out", sorted_out)),
    "injury": (("negated", negated), ("play", playing), ("sport", sport), ("accident", accident),
               ("story", story), ("sorted_out", sorted_out)),
    "threat": (("negated", negated), ("play", playing), ("story", story), ("sorted_out", sorted_out)),
    "sexual": (("negated", negated), ("story", story), ("sorted_out", sorted_out)),
    "followed": (("negated", negated), ("play", playing), ("story", story), ("sorted_out", sorted_out)),
    # The lead's own terms: any harm word, so the guards physical harm has.
    "lexicon": (("negated", negated_before), ("play", playing), ("story", story), ("sorted_out", sorted_out)),
    "classifier": (("negated", negated), ("play", playing), ("sport", sport), ("story", story),
                   ("sorted_out", sorted_out)),
    "neglect": (("negated", neglect_negated), ("story", story), ("sorted_out", sorted_out)),
    "self_harm": (("negated", self_harm_negated), ("play", playing), ("story", story),
                  ("sorted_out", sorted_out)),
}


def excuse(family: str, text: str, start: int, end: int) -> str | None:
    """Return the name of the first guard that excuses the hit [start, end), or None."""
    for name, guard in GUARDS[family]:
        if guard(text, start, end):
            return name
    return None
