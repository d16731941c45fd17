"""Submission throughput of the real kiosk endpoint under gunicorn, as a ratio against a raw baseline.

Run from the project root::

    .venv/bin/python -m bench.bench_submit [--db sqlite|postgresql|both] [--seconds 5] [--workers W]

For each database it makes a fresh database (a temporary SQLite file, a PostgreSQL database named
``bench_<pid>``), runs the migrations, loads the shipped instrument, the demo places and an open demo
session, unlocks a tablet, and starts two gunicorns with the same ``gunicorn.conf.py`` settings: the
real app (``wsgi:app``) and ``bench.raw_baseline:app`` (Flask + plain SQL inserting the same rows).
Concurrent keep-alive clients then post distinct band-D surveys to each in turn (baseline, real,
baseline, real...), with and without a free-text answer; the medians of the rounds give the ratio
real/baseline. Timings are only printed, never asserted: machines are shared and noisy, so the number
to compare between machines and runs is the ratio. Every run is checked: rows stored must match the
201 answers, and any other status or connection error is reported.

The work is split by responsibility: ``bench.submit_setup`` (databases, demo session, gunicorns),
``bench.submit_load`` (payloads and load-generating clients) and ``bench.submit_report`` (checks and the
printed report); this module runs the rounds for each database and holds the command line.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .submit_load import Instrument, Template, drive, make_templates, no_body, read_instrument, survey_bodies
from .submit_report import LABELS, VARIANTS, Outcome, checked_run, print_plan, report
from .submit_setup import (
    DEFAULT_PG_URL,
    BenchError,
    Database,
    Server,
    app_env,
    load_fieldwork,
    migrate,
    postgres_answers,
    unlock,
)


def bench_database(kind: str, args: argparse.Namespace, instrument: Instrument,
                   templates: dict[str, list[Template]]) -> Outcome:
    outcome = Outcome(kind)
    folder = Path(tempfile.mkdtemp(prefix=f"bench_submit_{kind}_"))
    database = Database(kind, folder, args.pg_url)
    servers: list[Server] = []
    try:
        secret = secrets.token_hex(32)
        database.create()
        env = app_env(database, folder, secret)
        migrate(env)
        fieldwork = load_fieldwork(database, folder, secret)
        env.update(SURVEY_WORKERS=str(args.workers), SURVEY_THREADS=str(args.threads))
        baseline_env = {**env, "BENCH_SESSION_ID": str(fieldwork.session_id),
                        "BENCH_VERSION_ID": str(fieldwork.version_id),
                        "BENCH_RANK_ITEMS": ",".join(instrument.rank_items),
                        "BENCH_MULTIPLE_ITEMS": ",".join(instrument.multiple_items),
                        "BENCH_AREA_CODE": fieldwork.area_code,
                        "BENCH_TEXT_ITEMS": ",".join(instrument.text_items)}
        servers = [Server("baseline", "bench.raw_baseline:app", baseline_env, folder),
                   Server("real", args.real_app, env, folder)]
        for server in servers:
            server.start()
        for server in servers:
            server.wait_ready()
        baseline, real = servers
        cookie = unlock(real, fieldwork.join_code)
        headers = {"Content-Type": "application/json", "Cookie": f"kiosk={cookie}"}
        print(f"\n== {LABELS[kind]} ({database.path if kind == 'sqlite' else database.name}) ==", flush=True)

        # Warm up both apps (each worker loads the instrument, and the real one jieba's dictionary).
        for variant, _ in VARIANTS:
            for server in servers:
                checked_run(database, outcome, f"warm-up {server.name} {variant}", server, fieldwork.join_code,
                            headers, survey_bodies(templates[variant]), args.warmup, args.clients)
        client = drive(baseline.port, "GET", "/healthz", {}, no_body, min(args.seconds, 3), args.clients)
        outcome.client_rate = client.rate
        print(f"client top rate (baseline GET /healthz, {args.clients} clients): {client.rate:,.0f} req/s", flush=True)

        for round_number in range(1, args.rounds + 1):
            for variant, variant_label in VARIANTS:
                line = []
                for server in servers:  # baseline first, then real: interleaved, round after round
                    run = checked_run(database, outcome, f"round {round_number} {server.name} {variant}", server,
                                      fieldwork.join_code, headers, survey_bodies(templates[variant]),
                                      args.seconds, args.clients)
                    outcome.rates.setdefault((variant, server.name), []).append(run.created_rate)
                    line.append(f"{server.name} {run.created_rate:8,.1f}/s")
                print(f"round {round_number}  {variant_label:<18} " + "   ".join(line), flush=True)
        return outcome
    finally:
        for server in servers:
            server.stop()
        try:
            database.drop()
        finally:
            if args.keep:
                print(f"kept {folder}")
            else:
                shutil.rmtree(folder, ignore_errors=True)



def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print submission throughput of the real endpoint against the raw baseline."""
    cpus = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both",
                        help="database(s) to measure (default both; PostgreSQL is skipped if it does not answer)")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each timed run (default 5)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds; the median counts (default 5)")
    parser.add_argument("--workers", type=int, default=cpus * 2 + 1,
                        help=f"gunicorn workers for both apps (default 2 × CPUs + 1 = {cpus * 2 + 1}, "
                             "as gunicorn.conf.py)")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (default 1: sync)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client connections (default 8)")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of warm-up per app and variant")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL,
                        help="PostgreSQL server to create bench_<pid> on (default $TEST_POSTGRES_URL or %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (gunicorn logs)")
    parser.add_argument("--real-app", default="wsgi:app",
                        help="WSGI app measured as 'real' (default %(default)s); another module:app on PYTHONPATH "
                             "measures a candidate change without editing the tree")
    args = parser.parse_args(argv)
    if args.rounds < 3:
        parser.error("at least 3 rounds are needed for a median worth printing")

    def stop(signum, frame):  # noqa: ANN001
        for name in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C must not cut the clean-up short
            signal.signal(name, signal.SIG_IGN)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, stop)  # also when started in the background, where SIGINT may be ignored
    signal.signal(signal.SIGTERM, stop)

    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    if "postgresql" in kinds and not postgres_answers(args.pg_url):
        if args.db == "postgresql":
            print(f"PostgreSQL at {args.pg_url} does not answer", file=sys.stderr)
            return 1
        print(f"PostgreSQL at {args.pg_url} does not answer: the PostgreSQL pass is SKIPPED")
        kinds.remove("postgresql")

    instrument = read_instrument()
    templates = {"text": make_templates(instrument, with_text=True),
                 "plain": make_templates(instrument, with_text=False)}
    print_plan(args, cpus, templates)
    outcomes = []
    try:
        for kind in kinds:
            outcomes.append(bench_database(kind, args, instrument, templates))
    except KeyboardInterrupt:
        print("\ninterrupted: servers stopped, databases and temporary files removed", file=sys.stderr)
        return 130
    except BenchError as error:
        print(f"\nthe benchmark could not run: {error}", file=sys.stderr)
        return 1
    for outcome in outcomes:
        report(outcome)
    return 1 if any(outcome.problems for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
