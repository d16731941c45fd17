"""Score today's free-text screening on the hand-labelled safeguarding corpus (issue 10, item 3).

Run from the project root: ``python -m bench.score_safeguarding [--part dev|locked|fresh_dev|fresh_locked|both|all]``.
Prints, per category and overall, how many rows ``screen_text`` (default terms) flagged as a concern:
for disclosure categories that is recall, for ``negative_*`` categories the false-alarm rate. It also
scores redaction: rows holding a soft identifier whose text was changed, and rows holding none that
were left unchanged. The locked part is scored but never tuned on (see the corpus README).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from survey_app.privacy.screening import load_default_terms, screen_text
from survey_app.privacy.screening.corpus import CORPUS, PARTS, load_part

__all__ = ["CORPUS", "PARTS", "format_table", "load_part", "score"]


@dataclass
class Tally:
    rows: int = 0
    flagged: int = 0
    with_id: int = 0
    id_changed: int = 0
    without_id: int = 0
    unchanged: int = 0

    def add(self, flagged: bool, has_id: bool, changed: bool) -> None:
        self.rows += 1
        self.flagged += flagged
        if has_id:
            self.with_id += 1
            self.id_changed += changed
        else:
            self.without_id += 1
            self.unchanged += not changed


@dataclass
class Score:
    categories: dict[str, Tally] = field(default_factory=dict)
    disclosures: Tally = field(default_factory=Tally)
    negatives: Tally = field(default_factory=Tally)
    seconds: float = 0.0

    @property
    def texts(self) -> int:
        return self.disclosures.rows + self.negatives.rows


def score(rows: Sequence[dict[str, str]]) -> Score:
    """Screen every row once with the default terms and tally the outcomes."""
    terms = load_default_terms()
    result = Score()
    start = time.perf_counter()
    outcomes = [screen_text(row["text"], terms) for row in rows]
    result.seconds = time.perf_counter() - start
    for row, outcome in zip(rows, outcomes, strict=True):
        has_id = bool(row["soft_identifiers"].strip())
        changed = outcome.redacted != row["text"]
        result.categories.setdefault(row["category"], Tally()).add(outcome.concern, has_id, changed)
        overall = result.disclosures if row["label"] == "1" else result.negatives
        overall.add(outcome.concern, has_id, changed)
    return result


def _ratio(part: int, whole: int) -> str:
    if not whole:
        return "      -      "
    return f"{part:3d}/{whole:3d} {100 * part / whole:5.1f}%"


def format_table(title: str, result: Score) -> str:
    """Render one part's score as a fixed-width text table."""
    head = f"{'category':<24} {'flagged (concern)':>17}   {'ids redacted':>13}   {'no-id unchanged':>15}"
    lines = [title, head, "-" * len(head)]

    def line(name: str, tally: Tally) -> str:
        return (
            f"{name:<24} {_ratio(tally.flagged, tally.rows):>17}   {_ratio(tally.id_changed, tally.with_id):>13}"
            f"   {_ratio(tally.unchanged, tally.without_id):>15}"
        )

    disclosure = sorted(name for name in result.categories if not name.startswith("negative_"))
    negative = sorted(name for name in result.categories if name.startswith("negative_"))
    lines += [line(name, result.categories[name]) for name in disclosure]
    lines.append(line("ALL DISCLOSURES (recall)", result.disclosures))
    lines.append("-" * len(head))
    lines += [line(name, result.categories[name]) for name in negative]
    lines.append(line("ALL NEGATIVES (false al.)", result.negatives))
    lines.append("-" * len(head))
    both = Tally(
        result.texts,
        result.disclosures.flagged + result.negatives.flagged,
        result.disclosures.with_id + result.negatives.with_id,
        result.disclosures.id_changed + result.negatives.id_changed,
        result.disclosures.without_id + result.negatives.without_id,
        result.disclosures.unchanged + result.negatives.unchanged,
    )
    lines.append(line("ALL ROWS", both))
    rate = result.texts / result.seconds if result.seconds else float("inf")
    lines.append(f"{result.texts} texts in {result.seconds:.3f} s: {rate:,.0f} texts per second")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score screen_text on the safeguarding corpus.")
    parser.add_argument("--part", choices=(*PARTS, "both", "all"), default="dev",
                        help="both = dev and locked; all = every part, the fresh set too")
    args = parser.parse_args(argv)
    names = {"both": ("dev", "locked"), "all": PARTS}.get(args.part, (args.part,))
    screen_text("warm-up 我叫王小明")  # load jieba and compile the lexicon outside the timed run
    for number, name in enumerate(names):
        if number:
            print()
        print(format_table(f"part: {name}", score(load_part(name))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
