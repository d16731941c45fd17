"""Build dev.tsv and locked.tsv from the hand-written drafts, or check that an existing split is the seeded one.

Run once from the project root: ``python survey_app/privacy/screening/corpus/make_split.py --from-drafts DIR``.
Each draft file is named after its category and holds one row a line as ``soft_identifiers|text``.
Ids follow the drafts' order (categories sorted by name, then line order), so the union of the two
parts sorted by id is the original corpus and ``--check`` can redo the seeded split from the parts alone.

Split: 60 % dev, 40 % locked, stratified by category, ``random.Random(SEED)`` shuffling each category's
ids in sorted category order. This was run before any detector saw the rows.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20240610
DEV_SHARE = 0.6
#: The second, independently written set (ids x0001...): split 50/50 with its own seed, before it was scored.
FRESH_SEED = 20261204
FRESH_DEV_SHARE = 0.5
HEADER = ("id", "label", "category", "soft_identifiers", "text")
DISCLOSURE_CATEGORIES = (
    "home_violence",
    "witnessed_violence",
    "corporal_punishment",
    "bullying_threats",
    "self_harm",
    "followed_watched",
    "grooming",
    "neglect",
    "blackmail",
    "about_another_child",
    "english",
)
SOFT_KINDS = ("name", "address", "school_class", "social")


def label_of(category: str) -> int:
    if category in DISCLOSURE_CATEGORIES:
        return 1
    if category.startswith("negative_"):
        return 0
    raise ValueError(f"unknown category {category!r}")


def read_drafts(folder: Path) -> list[dict[str, str]]:
    rows = []
    for path in sorted(folder.glob("*.txt")):
        category = path.stem
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            soft, text = line.split("|", 1)
            label = str(label_of(category))
            rows.append({"label": label, "category": category, "soft_identifiers": soft, "text": text})
    for number, row in enumerate(rows, start=1):
        row["id"] = f"sg{number:04d}"
    return rows


def validate(rows: list[dict[str, str]], shortest: int = 5) -> None:
    seen = set()
    for row in rows:
        text = row["text"]
        assert "\t" not in text and "\n" not in text, row["id"]
        assert shortest <= len(text) <= 150, (row["id"], len(text))
        assert row["label"] == str(label_of(row["category"])), row["id"]
        assert text not in seen, ("duplicate text", row["id"])
        seen.add(text)
        kinds = [kind for kind in row["soft_identifiers"].split(";") if kind]
        assert all(kind in SOFT_KINDS for kind in kinds), row["id"]


def assign(rows: list[dict[str, str]], seed: int = SEED, share: float = DEV_SHARE) -> dict[str, str]:
    """Return id -> 'dev' or 'locked'."""
    by_category: dict[str, list[str]] = defaultdict(list)
    for row in sorted(rows, key=lambda row: row["id"]):
        by_category[row["category"]].append(row["id"])
    rng = random.Random(seed)
    part = {}
    for category in sorted(by_category):
        ids = by_category[category]
        rng.shuffle(ids)
        cut = round(len(ids) * share)
        part.update({row_id: "dev" for row_id in ids[:cut]})
        part.update({row_id: "locked" for row_id in ids[cut:]})
    return part


def read_part(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def write_part(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, HEADER, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None,
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda row: row["id"]))


def _misplaced(prefix: str, seed: int, share: float, shortest: int) -> list[str]:
    parts = {name: read_part(HERE / f"{prefix}{name}.tsv") for name in ("dev", "locked")}
    rows = parts["dev"] + parts["locked"]
    validate(rows, shortest)
    expected = assign(rows, seed, share)
    return [row["id"] for name, part_rows in parts.items() for row in part_rows if expected[row["id"]] != name]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-drafts", type=Path, help="folder of <category>.txt drafts; writes both parts")
    parser.add_argument("--fresh", type=Path, help="the second set as one TSV; writes its two parts")
    parser.add_argument("--check", action="store_true", help="check that both sets are their seeded splits")
    args = parser.parse_args(argv)
    if args.from_drafts:
        rows = read_drafts(args.from_drafts)
        validate(rows)
        part = assign(rows)
        write_part(HERE / "dev.tsv", [row for row in rows if part[row["id"]] == "dev"])
        write_part(HERE / "locked.tsv", [row for row in rows if part[row["id"]] == "locked"])
        print(f"wrote {len(rows)} rows")
        return 0
    if args.fresh:
        rows = read_part(args.fresh)
        validate(rows, shortest=1)
        part = assign(rows, FRESH_SEED, FRESH_DEV_SHARE)
        write_part(HERE / "fresh_dev.tsv", [row for row in rows if part[row["id"]] == "dev"])
        write_part(HERE / "fresh_locked.tsv", [row for row in rows if part[row["id"]] == "locked"])
        print(f"wrote {len(rows)} rows")
        return 0
    if args.check:
        wrong = _misplaced("", SEED, DEV_SHARE, 5) + _misplaced("fresh_", FRESH_SEED, FRESH_DEV_SHARE, 1)
        print("splits match their seeds" if not wrong else f"rows in the wrong part: {wrong}")
        return 1 if wrong else 0
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
