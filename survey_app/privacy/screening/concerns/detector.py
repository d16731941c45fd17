"""Find safeguarding concerns by structure: fold the text, blank idioms, run the rules, let guards excuse.

``find_concerns`` returns every category that fired, each with the rule id and the words that matched
it, so the lead can see *why* an answer reached the queue and tune the local lexicon against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import classifier, vocabulary
from .fold import fold
from .guards import excuse
from .rules import RULES, Rule, expand

#: Evidence longer than this is cut: the lead reads the whole text on the item's page anyway.
MAX_EVIDENCE = 40


@dataclass(frozen=True)
class ConcernHit:
    """One reason a text was flagged: the category, the rule id and the folded words it matched."""

    category: str
    rule: str
    evidence: str

    def label(self) -> str:
        """The form the queue shows and stores: ``category/rule「words」``."""
        return f"{self.category}/{self.rule}「{self.evidence}」"


@dataclass(frozen=True)
class _Compiled:
    rule: Rule
    regex: re.Pattern[str]


@dataclass(frozen=True)
class _Category:
    """All rules of one category in one alternation: one search per category finds the first candidate."""

    name: str
    rules: tuple[_Compiled, ...]
    combined: re.Pattern[str]


_IDIOMS = re.compile(f"(?:{vocabulary.IDIOMS})")
_LATIN = re.compile("[a-z]")


@lru_cache(maxsize=1)
def compiled_rules() -> tuple[_Compiled, ...]:
    return tuple(_Compiled(rule, re.compile(expand(rule.pattern))) for rule in RULES)


@lru_cache(maxsize=1)
def _categories() -> tuple[_Category, ...]:
    by_category: dict[str, list[_Compiled]] = {}
    for compiled in compiled_rules():
        by_category.setdefault(compiled.rule.category, []).append(compiled)
    return tuple(
        _Category(name, tuple(rules), re.compile("|".join(f"(?P<r{i}>{c.regex.pattern})" for i, c in enumerate(rules))))
        for name, rules in by_category.items())


def blank_idioms(text: str) -> str:
    """Replace harmless idioms (打球, 累死了, 跳绳 ...) with as many blanks, so positions still line up."""
    return _IDIOMS.sub(lambda m: "〇" * len(m.group(0)), text)


def _first_hit(rules: tuple[_Compiled, ...], folded: str, blanked: str) -> ConcernHit | None:
    """Try each rule in order, every match of it, until one is not excused."""
    for compiled in rules:
        rule = compiled.rule
        for match in compiled.regex.finditer(blanked):
            if match.end() > match.start() and excuse(rule.family, folded, match.start(), match.end()) is None:
                return ConcernHit(rule.category, rule.name, folded[match.start():match.end()][:MAX_EVIDENCE])
    return None


def find_concerns(text: str) -> tuple[ConcernHit, ...]:
    """Return one hit per category that a rule found and no guard excused (empty for harmless text)."""
    folded = fold(text)
    blanked = blank_idioms(folded)
    ascii_only, has_latin = folded.isascii(), _LATIN.search(folded) is not None
    hits = []
    for category in _categories():
        # The English rules need Latin letters and every other rule needs a Chinese character.
        if (category.name == "english" and not has_latin) or (category.name != "english" and ascii_only):
            continue
        # Most texts match nothing: one combined search says so. Only a text with a candidate runs the
        # category's rules one by one, so that an excused match never hides another rule's match.
        if category.combined.search(blanked) is None:
            continue
        hit = _first_hit(category.rules, folded, blanked)
        if hit is not None:
            hits.append(hit)
    if not hits and blanked.strip():
        flagged, p = classifier.flags(blanked)
        # No rule fired, but the wording is close to the disclosures the model learnt from. The model
        # knows no negation or stories: the same guards excuse it, read over the whole text.
        if flagged and excuse("classifier", folded, 0, len(folded)) is None:
            hits.append(ConcernHit("possible_concern", "classifier", f"p={p:.2f}"))
    return tuple(hits)
