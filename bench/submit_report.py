"""Checks and the printed report of ``bench.bench_submit``.

``checked_run`` makes one timed run and checks the rows stored against what the 201 answers promise; an
``Outcome`` collects the rates and failed checks of one database; ``print_plan`` prints what is measured
and how, ``report`` the medians, ratios against the goals and the checks.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field

from .submit_load import BAND, BodyMaker, Run, Template, drive
from .submit_setup import Database, Server

#: Ratio goals (real / baseline throughput); for reference ODK Central reaches about 0.3 on PostgreSQL.
GOALS = {"sqlite": 0.5, "postgresql": 0.6}
LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
VARIANTS = (("text", "with free text"), ("plain", "without free text"))


# ---------------------------------------------------------------- checks


@dataclass
class Outcome:
    """Medians and checks for one database."""

    kind: str
    client_rate: float = 0.0
    rates: dict[tuple[str, str], list[float]] = field(default_factory=dict)  # (variant, app) -> req/s per round
    problems: list[str] = field(default_factory=list)
    runs: int = 0
    stored: Counter = field(default_factory=Counter)

    def median(self, variant: str, app: str) -> float:
        return statistics.median(self.rates[(variant, app)])

    def ratio(self, variant: str) -> float:
        baseline = self.median(variant, "baseline")
        return self.median(variant, "real") / baseline if baseline else 0.0

    def paired(self, variant: str) -> list[float]:
        """Each round's real rate over the baseline rate measured just before it."""
        pairs = zip(self.rates[(variant, "baseline")], self.rates[(variant, "real")], strict=True)
        return [real / baseline if baseline else 0.0 for baseline, real in pairs]


def checked_run(database: Database, outcome: Outcome, label: str, server: Server, code: str,
                headers: dict[str, str], make_body: BodyMaker, seconds: float, clients: int) -> Run:
    """One timed run, then the check: stored rows must match what the 201 answers promise."""
    before = database.counts()
    run = drive(server.port, "POST", f"/k/{code}/submit", {**headers, "Origin": server.origin}, make_body, seconds,
                clients)
    stored = database.counts()
    stored.subtract(before)
    outcome.runs += 1
    outcome.stored.update(stored)
    others = {status: n for status, n in run.statuses.items() if status != 201}
    if others or run.errors:
        outcome.problems.append(f"{label}: statuses other than 201 {others or '{}'}, errors {dict(run.errors)}"
                                f" (see {server.log_path})")
    for key in ("responses", "answers", "texts", "tallies", "breakdowns"):
        if stored[key] != run.expected[key]:
            outcome.problems.append(f"{label}: {key} stored {stored[key]}, the 201 answers promised "
                                    f"{run.expected[key]}")
    return run


# ---------------------------------------------------------------- report


def print_plan(args: argparse.Namespace, cpus: int, templates: dict[str, list[Template]]) -> None:
    """What is measured and how: apps, machine, gunicorn settings, payloads and load."""
    import gunicorn

    worker_class = "gthread" if args.threads > 1 else "sync"
    print(f"submission benchmark: POST /k/<code>/submit, band {BAND}, real app ({args.real_app}) vs raw baseline "
          "(bench.raw_baseline: Flask + plain SQL)")
    print(f"machine: {cpus} CPUs, Python {sys.version.split()[0]}, gunicorn {gunicorn.__version__}")
    print(f"gunicorn for both apps: -c gunicorn.conf.py, workers={args.workers}, threads={args.threads} "
          f"({worker_class} worker), --no-control-socket, access log to a file")
    for variant, label in VARIANTS:
        answers = [t.items for t in templates[variant]]
        rows = [t.answers + t.texts for t in templates[variant]]
        print(f"payloads {label}: {statistics.mean(answers):.0f} answers, {statistics.mean(rows):.1f} answer rows "
              f"on average, {templates[variant][0].texts} free-text; {len(templates[variant])} templates, "
              "new id (and text) per request")
    print(f"load: {args.clients} concurrent keep-alive clients (threads, http.client), {args.seconds:g} s per run, "
          f"{args.rounds} rounds of baseline then real, {args.warmup:g} s warm-up per app and variant")


def report(outcome: Outcome) -> None:
    goal = GOALS[outcome.kind]
    print(f"\n{LABELS[outcome.kind]}: median of {len(outcome.rates[('text', 'real')])} rounds, "
          "201 responses per second")
    print(f"  {'':<18} {'baseline':>10} {'real':>10} {'real/baseline':>14}   goal")
    for variant, label in VARIANTS:
        ratio = outcome.ratio(variant)
        verdict = "meets the goal" if ratio >= goal else "BELOW the goal"
        print(f"  {label:<18} {outcome.median(variant, 'baseline'):>10,.1f} {outcome.median(variant, 'real'):>10,.1f}"
              f" {ratio:>14.2f}   ≥ {goal} ({verdict})")
    for variant, label in VARIANTS:
        paired = outcome.paired(variant)
        print(f"  {label:<18} round by round: " + ", ".join(f"{r:.2f}" for r in paired)
              + f" (median {statistics.median(paired):.2f})")
    best = max(outcome.median(v, "baseline") for v, _ in VARIANTS)
    share = best / outcome.client_rate if outcome.client_rate else 0
    note = "the client is not the bottleneck" if share < 0.5 else "WARNING: the client may limit the baseline"
    print(f"  client top rate {outcome.client_rate:,.0f} req/s; the faster baseline uses {share:.0%} of it ({note})")
    if outcome.kind == "postgresql":
        print("  for reference, ODK Central reaches about 0.3 of the same PostgreSQL baseline")
    stored = ", ".join(f"{outcome.stored[k]:,} {k}" for k in ("responses", "answers", "texts", "tallies"))
    if outcome.problems:
        print(f"  CHECKS FAILED in {len(outcome.problems)} case(s):")
        for problem in outcome.problems:
            print(f"    - {problem}")
    else:
        print(f"  checked {outcome.runs} runs (warm-ups included): every 201 stored exactly its rows and no other "
              f"status came back ({stored}; tallies = sum of counts added)")
