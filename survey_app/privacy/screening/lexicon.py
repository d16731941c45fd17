"""Safeguarding concern terms: loading the lexicon and matching it robustly.

The lexicon is data, not code: the safeguarding lead maintains it, so ``screen_text`` accepts any
list of term strings and the package only ships a default (``concern_terms.txt``). Term syntax:

* ``想死`` - a concern term. Matching ignores case, width and up to six "soft" separators between
  characters (spaces, dots, dashes, tildes, emoji ...), so "想 死", "想……死" and "想😭死" all match.
  The letters of one Latin word must touch, though: "a bus" must not read as "abus(e)".
  Clause punctuation (，。！？；：, ! ? ; :) is *not* skipped: "我想，死去的金鱼" is two clauses.
* Latin terms match whole words: "hit me" does not match inside "white meat". A trailing ``*``
  allows any ending: ``abus*`` matches abuse, abused, abusive.
* ``!被打扰`` - an exception. A term hit that lies inside an exception hit is dropped. This is
  how ordinary words that contain a term stay quiet: 被打扰 (disturbed) holds 被打 (beaten),
  没人管理 (unmanaged) holds 没人管 (no one looks after me), 想死你了 is "miss you so much".
* ``*`` inside a term stands for up to four characters of the same clause: ``!打我*电话`` excuses
  打我电话 and 打我妈妈的电话 (call), but not 他打我的时候我想打电话.

We chose exceptions over narrower terms because missing a child in danger costs far more than a
false alarm: 打我 still matches 打我们 ("they hit us"), and only listed harmless phrases are excused.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .concerns.fold import fold

_CLAUSE_END = "，。！？；：,!?;:\n"
#: Up to six characters that are neither word characters nor clause punctuation ("……" is six dots after NFKC).
_SOFT_GAP = rf"[^\w{_CLAUSE_END}]{{0,6}}"
#: What an inner ``*`` stands for: a few characters without leaving the clause.
_WILDCARD = rf"[^{_CLAUSE_END}]{{0,4}}?"


@dataclass(frozen=True)
class _Term:
    text: str
    pattern: re.Pattern[str]
    first: str  # a cheap pre-filter: the term cannot match if its first character is absent


def parse_terms(lines: Iterable[str]) -> list[str]:
    """Read lexicon lines: strip blanks, ``#`` comments and surrounding space; keep ``!`` exceptions."""
    terms = []
    for line in lines:
        term = line.split("#", 1)[0].strip()
        if term and term != "!":
            terms.append(term)
    return terms


@lru_cache(maxsize=1)
def load_default_terms() -> tuple[str, ...]:
    """Return the terms shipped in ``concern_terms.txt``."""
    text = resources.files(__package__).joinpath("concern_terms.txt").read_text(encoding="utf-8")
    return tuple(parse_terms(text.splitlines()))


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _word(word: str) -> str:
    """Letters of a Latin word must touch ("a bus" is not "abuse"); other characters may be spaced out."""
    pattern = re.escape(word[0])
    for before, char in zip(word, word[1:], strict=False):
        pattern += ("" if _is_latin(before) and _is_latin(char) else _SOFT_GAP) + re.escape(char)
    return pattern


def _piece(text: str) -> str:
    return _SOFT_GAP.join(_word(word) for word in text.split())


def _compile(term: str) -> _Term:
    # Terms are folded like the text they are matched against (concerns/fold.py), piece by piece so
    # that a wildcard survives: the lead's 老豆打我 matches 我老豆打我 and 我老竇打我 alike.
    term = "*".join(fold(piece) for piece in unicodedata.normalize("NFKC", term).casefold().split("*"))
    prefix = term.endswith("*")
    body = [char for char in term.strip("*") if not char.isspace()]
    pattern = _WILDCARD.join(_piece(piece) for piece in term.strip("*").split("*"))
    if body and _is_latin(body[0]):
        pattern = r"(?<![a-z0-9])" + pattern
    if body and _is_latin(body[-1]) and not prefix:
        pattern += r"(?![a-z0-9])"
    return _Term(term.strip("*"), re.compile(pattern, re.IGNORECASE), body[0] if body else "")


@dataclass(frozen=True)
class ConcernMatcher:
    """A compiled lexicon: concern terms plus exception phrases."""

    terms: tuple[_Term, ...]
    exceptions: tuple[_Term, ...]

    def matches(self, text: str) -> Iterator[tuple[str, int, int]]:
        """Yield (term, start, end) for every term hit in the (NFKC-normalised) text that no exception excuses."""
        folded = text.casefold()
        excused = [m.span() for e in self.exceptions if e.first in folded for m in e.pattern.finditer(folded)]
        for term in self.terms:
            if term.first not in folded:
                continue
            for match in term.pattern.finditer(folded):
                if not any(start <= match.start() and match.end() <= end for start, end in excused):
                    yield term.text, match.start(), match.end()

    def find(self, text: str) -> tuple[str, ...]:
        """Return the sorted concern terms found in the (folded, see concerns/fold.py) text."""
        return tuple(sorted({term for term, _, _ in self.matches(text)}))


@lru_cache(maxsize=16)
def _matcher_for(lines: tuple[str, ...]) -> ConcernMatcher:
    terms = [_compile(term.removeprefix("!")) for term in parse_terms(lines)]
    kinds = [term.startswith("!") for term in parse_terms(lines)]
    usable = [(term, is_exception) for term, is_exception in zip(terms, kinds, strict=True) if term.first]
    return ConcernMatcher(
        terms=tuple(term for term, is_exception in usable if not is_exception),
        exceptions=tuple(term for term, is_exception in usable if is_exception),
    )


def concern_matcher(terms: Sequence[str] | None = None) -> ConcernMatcher:
    """Compile a lexicon (cached, so passing the same list on every call is cheap); None means the default."""
    return _matcher_for(load_default_terms() if terms is None else tuple(terms))
