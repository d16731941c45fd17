"""Where the real submission endpoint spends its time: cProfile over the Flask test client, one process.

Run from the project root::

    .venv/bin/python -m bench.profile_submit [--db sqlite|postgresql] [--requests 1000] [--plain] [--top 25]

It sets up a fresh database exactly as ``bench.bench_submit`` does (migrations, shipped instrument,
demo places and session), unlocks a tablet, warms up, then profiles ``--requests`` band-D submissions
(with one free-text answer unless ``--plain``). It prints the share of time per area (screening,
ORM, driver, Flask...) and the functions with the most own time and the most cumulative time.
Not a benchmark (``run_all`` does not run it): profiling slows everything down unevenly.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import secrets
import shutil
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from .submit_load import ID_MARK, TEXT_MARK, free_text, make_templates, read_instrument
from .submit_setup import DEFAULT_PG_URL, PIN, Database, app_env, load_fieldwork, migrate

#: Areas by where the code lives (first match wins); the rest is "other".
AREAS = (
    ("screening (survey_app/privacy/screening, jieba, phonenumbers)", ("privacy/screening", "jieba", "phonenumbers")),
    ("answer checks (survey_app/questionnaires)", ("survey_app/questionnaires",)),
    ("intake + kiosk (survey_app/fieldwork, kiosk)", ("survey_app/fieldwork", "survey_app/kiosk")),
    ("other survey_app code", ("survey_app/",)),
    ("SQLAlchemy (ORM, Core, pool)", ("sqlalchemy",)),
    ("database driver (sqlite3 / psycopg)", ("sqlite3", "psycopg", "<method 'execute", "<method 'commit",
                                             "<method 'executemany", "<method 'fetch")),
    ("Flask / Werkzeug / extensions", ("flask", "werkzeug", "itsdangerous", "babel", "jinja2", "markupsafe")),
    ("json", ("json",)),
)


def area_of(filename: str, function: str) -> str:
    where = f"{filename} {function}"
    for area, needles in AREAS:
        if any(needle in where for needle in needles):
            return area
    return "other (Python runtime, stdlib)"


def main(argv: Sequence[str] | None = None) -> None:
    """Profile submissions through the Flask test client and print where the time goes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--plain", action="store_true", help="no free-text answer")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="profile_submit_"))
    database = Database(args.db, folder, args.pg_url)
    try:
        secret = secrets.token_hex(32)
        database.create()
        migrate(app_env(database, folder, secret))
        fieldwork = load_fieldwork(database, folder, secret)
        profile_requests(args, database, folder, secret, fieldwork.join_code)
    finally:
        database.drop()
        shutil.rmtree(folder, ignore_errors=True)


def profile_requests(args: argparse.Namespace, database: Database, folder: Path, secret: str, code: str) -> None:
    from survey_app import create_app
    from survey_app.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": database.url, "SECRET_KEY": secret,
                      "INSTANCE_PATH": str(folder / "instance")})
    templates = make_templates(read_instrument(), with_text=not args.plain)
    origin = {"Origin": "http://localhost"}
    client = app.test_client()
    unlocked = client.post(f"/k/{code}/unlock", data={"pin": PIN}, headers=origin)
    assert unlocked.status_code == 302, unlocked.status_code
    rng = random.Random(secrets.randbits(64))

    def send(count: int) -> None:
        for _ in range(count):
            template = rng.choice(templates)
            body = template.body.replace(ID_MARK, str(uuid.uuid4()).encode()).replace(TEXT_MARK, free_text(rng))
            response = client.post(f"/k/{code}/submit", data=body, headers=origin, content_type="application/json")
            assert response.status_code == 201, response.get_data(as_text=True)

    send(50)  # warm up: instrument parsed, jieba loaded
    started = time.perf_counter()
    send(args.requests)
    plain_seconds = time.perf_counter() - started
    profiler = cProfile.Profile()
    profiler.enable()
    send(args.requests)
    profiler.disable()
    with app.app_context():
        db.engine.dispose()

    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())  # own time of every function
    areas: dict[str, float] = defaultdict(float)
    for (filename, _line, function), row in stats.stats.items():
        areas[area_of(filename, function)] += row[2]
    kind = "without free text" if args.plain else "with one free-text answer"
    print(f"{args.requests} submissions {kind} on {args.db}: {args.requests / plain_seconds:,.0f}/s unprofiled "
          f"in one thread ({plain_seconds / args.requests * 1000:.2f} ms each)")
    print("\nown time by area:")
    for area, seconds in sorted(areas.items(), key=lambda pair: -pair[1]):
        print(f"  {seconds / total:6.1%}  {area}")
    print(f"\ntop {args.top} functions by own time (share of all profiled time):")
    rows = sorted(stats.stats.items(), key=lambda pair: -pair[1][2])[: args.top]
    for (filename, line, function), row in rows:
        print(f"  {row[2] / total:6.1%}  {short(filename)}:{line}({function})  calls {row[1]:,}")
    print(f"\ntop {args.top} survey_app functions by cumulative time:")
    ours = [(key, row) for key, row in stats.stats.items() if "survey_app" in key[0]]
    for (filename, line, function), row in sorted(ours, key=lambda pair: -pair[1][3])[: args.top]:
        print(f"  {row[3] / total:6.1%}  {short(filename)}:{line}({function})  calls {row[1]:,}")


def short(filename: str) -> str:
    for marker in ("site-packages/", "survey_app/", "lib/python3"):
        if marker in filename:
            return filename[filename.index(marker):]
    return filename


if __name__ == "__main__":
    main()
