"""Find safeguarding concerns by structure: fold the text, blank idioms, run the rules, let guards excuse.

``find_concerns`` returns every category that fired, each with the rule id and the words that matched
it, so the lead can see *why* an answer reached the queue and tune the local lexicon against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import vocabulary
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


_IDIOMS = re.compile(f"(?:{vocabulary.IDIOMS})")


@lru_cache(maxsize=1)
def compiled_rules() -> tuple[_Compiled, ...]:
    return tuple(_Compiled(rule, re.compile(expand(rule.pattern))) for rule in RULES)


def blank_idioms(text: str) -> str:
    """Replace harmless idioms (打球, 累死了, 跳绳 ...) with as many blanks, so positions still line up."""
    return _IDIOMS.sub(lambda m: "〇" * len(m.group(0)), text)


def find_concerns(text: str) -> tuple[ConcernHit, ...]:
    """Return one hit per category that a rule found and no guard excused (empty for harmless text)."""
    folded = fold(text)
    blanked = blank_idioms(folded)
    hits: dict[str, ConcernHit] = {}
    for compiled in compiled_rules():
        rule = compiled.rule
        if rule.category in hits:
            continue
        for match in compiled.regex.finditer(blanked):
            if match.end() > match.start() and excuse(rule.family, folded, match.start(), match.end()) is None:
                evidence = folded[match.start():match.end()][:MAX_EVIDENCE]
                hits[rule.category] = ConcernHit(rule.category, rule.name, evidence)
                break
    return tuple(hits.values())
