"""The hand-labelled safeguarding corpus (README.md here): children's texts, split into dev and locked parts.

Shipped with the package so the safeguarding lead can try a lexicon against it before saving (the
dev part only: see the rule for the locked part in README.md), and so ``bench.score_safeguarding``
can score the screener on an installed copy.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
PARTS = ("dev", "locked", "fresh_dev", "fresh_locked")


@lru_cache(maxsize=2)
def _rows(name: str) -> tuple[dict[str, str], ...]:
    if name not in PARTS:
        raise ValueError(f"unknown corpus part: {name}")
    with (CORPUS / f"{name}.tsv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_part(name: str) -> list[dict[str, str]]:
    """Return the rows of one part (``dev`` or ``locked``) as dicts keyed by the TSV header."""
    return [dict(row) for row in _rows(name)]
