"""Exports against a raw cursor → csv.writer over the same rows, with peak memory, in the same run.

Run from the project root: ``python -m bench.bench_exports [--responses 100000] [--db postgresql|sqlite]``.
It builds the data as ``bench.bench_results`` does (sessions of about 40 children through the project's
own tables), then runs each export in a fresh child process, so its peak resident memory is its own:

- **app**: the long and the wide CSV through ``exports.services.plan_export`` (k-anonymity classes
  counted in SQL, fresh keys, a per-export order, labels, formula neutralisation), every chunk consumed;
- **raw**: one SELECT of the same responses and answers (a server-side cursor on PostgreSQL), written
  with ``csv.writer`` one row per answer, with no keys, order, labels or checks.

It prints responses per second, app / raw, and each child's peak memory. Goals (issue 12): throughput
≥ 0.5× the raw baseline, peak memory under 200 MB at 100k and 1M responses.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.submit_setup import DEFAULT_PG_URL, Database, postgres_answers

RAW_SQL = ("SELECT r.id, r.band, r.submitted_on, s.setting, coalesce(s.community_code, s.street_code), "
           "a.item_code, a.value, a.rank FROM responses r JOIN answer_sessions s ON s.id = r.session_id "
           "LEFT JOIN answers a ON a.response_id = r.id WHERE r.version_id = %s ORDER BY r.id, a.item_code, a.rank")


class _Sink:
    """Counts what is written and keeps nothing."""

    def __init__(self):
        self.size = 0

    def write(self, text: str) -> int:
        self.size += len(text)
        return len(text)


def _app(url: str, layout: str) -> dict:
    from survey_app import create_app
    from survey_app.auth.models import User
    from survey_app.exports.services import ExportRequest, plan_export
    from survey_app.extensions import db
    from survey_app.questionnaires.services import list_versions

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context(), app.test_request_context():
        actor = db.session.scalar(db.select(User))
        started = time.perf_counter()
        export = plan_export(list_versions()[0], ExportRequest(layout=layout), actor=actor)
        size = sum(len(chunk) for chunk in export.chunks)
        seconds = time.perf_counter() - started
        db.session.rollback()  # the log entry: not kept between runs
    return {"seconds": seconds, "responses": export.rows, "bytes": size}


def _raw(url: str) -> dict:
    started = time.perf_counter()
    sink, responses, last = _Sink(), 0, None
    writer = csv.writer(sink)
    if url.startswith("sqlite"):
        import sqlite3

        connection = sqlite3.connect(url.split(":///", 1)[1])
        cursor = connection.execute(RAW_SQL.replace("%s", "?"), (1,))
    else:
        import psycopg

        connection = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1))
        cursor = connection.cursor(name="raw_export")
        cursor.itersize = 2000
        cursor.execute(RAW_SQL, (1,))
    for row in cursor:
        writer.writerow(row)
        if row[0] != last:
            responses, last = responses + 1, row[0]
    connection.close()
    return {"seconds": time.perf_counter() - started, "responses": responses, "bytes": sink.size}


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM belongs to the process image, so it starts afresh at
    exec; getrusage's maxrss would carry the parent's peak over a fork)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(kind: str, url: str) -> dict:
    """Run one export in a fresh interpreter; its peak resident memory is its own."""
    done = subprocess.run([sys.executable, "-m", "bench.bench_exports", "--child", kind, "--url", url],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--per-session", type=int, default=40)
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--child", choices=("wide", "long", "raw"))
    parser.add_argument("--url")
    args = parser.parse_args(argv)
    if args.child:
        result = _raw(args.url) if args.child == "raw" else _app(args.url, args.child)
        result["peak_mb"] = _peak_mb()
        print(json.dumps(result))
        return 0
    kind = args.db
    if kind == "postgresql" and not postgres_answers(args.pg_url):
        print(f"PostgreSQL does not answer at {args.pg_url}: using SQLite")
        kind = "sqlite"
    with tempfile.TemporaryDirectory() as folder:
        database = Database(kind, Path(folder), args.pg_url)
        database.create()
        try:
            return _run(database, args)
        finally:
            database.drop()


def _run(database: Database, args) -> int:
    from bench.bench_results import build
    from survey_app import create_app
    from survey_app.extensions import db

    url = database.url.replace("postgresql://", "postgresql+psycopg://", 1)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        db.create_all()
        built = build(args.responses, args.per_session)
        db.session.remove()
        db.engine.dispose()
    print(f"exports benchmark on {database.kind}: {args.responses:,} responses, {built['answers']:,} answer rows")
    raw = _child("raw", url)
    print(f"{'export':<10} {'responses/s':>12} {'raw/s':>10} {'ratio':>6} {'peak MB':>8} {'raw peak MB':>12}")
    ok = True
    for layout in ("long", "wide"):
        result = _child(layout, url)
        rate, raw_rate = result["responses"] / result["seconds"], raw["responses"] / raw["seconds"]
        print(f"{layout:<10} {rate:>12,.0f} {raw_rate:>10,.0f} {rate / raw_rate:>6.2f} {result['peak_mb']:>8.0f} "
              f"{raw['peak_mb']:>12.0f}")
        ok = ok and result["responses"] > 0
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
