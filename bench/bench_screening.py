"""Throughput of free-text screening, as a ratio against a raw regex pass measured in the same run.

Run from the project root: ``python -m bench.bench_screening [--repeat 20] [--rounds 3]``.
Machines are noisy, so the number to compare between runs is the ratio, not texts per second:
the baseline is one compiled regex scanning the same texts, which moves with the machine.
"""

from __future__ import annotations

import argparse
import csv
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from survey_app.privacy.screening import MAX_LENGTH, screen_text
from survey_app.privacy.screening.segmenter import pos_tags

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "privacy" / "screening_corpus.tsv"
#: The baseline: one pass of one compiled regex that looks for a few of the same things.
BASELINE = re.compile(r"[0-9]{7,}|@|栋|班|我叫|老师|想死")


def load_texts() -> list[str]:
    """Return the non-empty corpus texts."""
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return [text for text in texts if text]


def screen_copies(corpus: Sequence[str], repeat: int) -> None:
    """Screen the corpus ``repeat`` times, emptying jieba's window cache before each copy.

    Real answers rarely repeat, so a copy must not be served from the cache the previous copy filled.
    """
    for _ in range(repeat):
        pos_tags.cache_clear()
        for text in corpus:
            screen_text(text)


def best_time(work: Callable[[], object], rounds: int) -> float:
    """Return the fastest of several timed runs (the least disturbed by other processes)."""
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def report(label: str, seconds: float, texts: Sequence[str], megabytes: float) -> None:
    print(f"{label:<24} {len(texts) / seconds:>12,.0f} texts/s {megabytes / seconds:>8.3f} MB/s  ({seconds:.3f} s)")


def main(argv: Sequence[str] | None = None) -> None:
    """Measure and print screening throughput against the regex baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="copies of the corpus to screen (default 20)")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs; the fastest counts (default 3)")
    args = parser.parse_args(argv)

    corpus = load_texts()
    texts = corpus * args.repeat
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1_000_000
    screen_copies(corpus, 1)  # warm up: jieba's dictionary and the compiled lexicon load once per process

    baseline = best_time(lambda: [BASELINE.findall(text) for text in texts], args.rounds)
    screening = best_time(lambda: screen_copies(corpus, args.repeat), args.rounds)
    chunk = "我叫张伟，138 0013 8000，3栋501室，三年级二班，王老师，QQ:123456789，想死。"
    longest = (chunk * (MAX_LENGTH // len(chunk) + 1))[:MAX_LENGTH]
    worst = best_time(lambda: (pos_tags.cache_clear(), screen_text(longest)), args.rounds)

    print(f"screening benchmark: {len(texts):,} texts, {megabytes:.3f} MB (UTF-8), best of {args.rounds} rounds")
    report("baseline (one regex)", baseline, texts, megabytes)
    report("screen_text", screening, texts, megabytes)
    print(f"{'ratio':<24} screening takes {screening / baseline:,.0f}x the baseline time")
    print(f"{'mean per text':<24} {screening / len(texts) * 1e6:,.0f} µs")
    print(f"{'dense text at the limit':<24} {worst * 1000:,.1f} ms for {MAX_LENGTH} characters full of cues")


if __name__ == "__main__":
    main()
