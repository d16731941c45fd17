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
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
INSTRUMENT = ROOT / "questionnaires" / "me-and-my-city" / "instrument.yaml"
DEMO_PLACES = ROOT / "survey_app" / "demo" / "places.csv"
DEFAULT_PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
BAND = "D"
PIN = "2468"
#: Ratio goals (real / baseline throughput); for reference ODK Central reaches about 0.3 on PostgreSQL.
GOALS = {"sqlite": 0.5, "postgresql": 0.6}
LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
VARIANTS = (("text", "with free text"), ("plain", "without free text"))
ID_MARK, TEXT_MARK = b"@@SUBMISSION_ID@@", b"@@FREE_TEXT@@"
RESERVED_PORTS = {5000, 5055}

# A child's suggestion to the mayor, put together from parts so that nearly every text is new
# (screening caches its segmentation; real answers rarely repeat).
TEXT_PARTS = (
    ("希望", "我建议", "请", "我想", "能不能", "可以", "如果可以，", "市长您好，", "我觉得应该", "最好"),
    ("在学校附近", "在我们小区旁边", "在公园里", "在地铁站", "在图书馆", "在河边", "在街道上", "在社区中心",
     "在放学的路上", "在广场"),
    ("多建一些", "增加", "修好", "多种一些", "多开放一些", "安装更多", "改善", "多放一些"),
    ("儿童游乐场", "树和花", "自行车道", "红绿灯", "饮水机", "休息的椅子", "图书角", "篮球场", "安全的人行道",
     "干净的厕所", "遮阳的地方", "路灯"),
    ("，让我们玩得更开心。", "，这样上学更安全。", "。", "，因为现在太少了。", "，谢谢！", "，小朋友都会喜欢。",
     "，夏天太热了。", ""),
)


class BenchError(RuntimeError):
    """The benchmark could not be set up or run."""


# ---------------------------------------------------------------- payloads


@dataclass(frozen=True)
class Template:
    """One survey body with placeholders for the submission id and the free text, and the rows it makes."""

    body: bytes
    items: int  # items answered
    answers: int  # answers rows
    texts: int  # text_answers rows
    tallies: int  # (item, value) counts added to answer_tallies


@dataclass(frozen=True)
class Instrument:
    items: list  # band items always asked (no relevance rule) that store an answer
    rank_items: list[str]
    text_items: list[str]  # every free-text item of the band (the baseline must know them all)


def read_instrument() -> Instrument:
    from survey_app.questionnaires.loader import read_definition

    definition, problems = read_definition(INSTRUMENT)
    if definition is None:
        raise BenchError(f"{INSTRUMENT} has problems: {problems}")
    band_items = [item for item in definition.items_for(BAND) if item.stores_answer]
    return Instrument(items=[item for item in band_items if item.relevant is None and item.constraint is None],
                      rank_items=[item.code for item in band_items if item.type == "rank"],
                      text_items=[item.code for item in band_items if item.type == "text"])


def street_codes() -> list[str]:
    with DEMO_PLACES.open(encoding="utf-8", newline="") as handle:
        return [row["code"] for row in csv.DictReader(handle) if row["level"] == "street"]


def random_answer(item: Any, rng: random.Random, streets: list[str]) -> Any:
    """A valid answer to one item; now and then an opt-out where the item offers one."""
    from survey_app.questionnaires.vocabulary import OPTOUTS

    optouts = [OPTOUTS[name][0] for name in item.optouts]
    if optouts and item.type != "text" and rng.random() < 0.05:
        return rng.choice(optouts)
    codes = [choice.code for choice in item.choices]
    if item.type in ("scale", "single", "consent"):
        return rng.choice(codes)
    if item.type == "multiple":
        plain = [choice.code for choice in item.choices if not choice.exclusive]
        return rng.sample(plain, rng.randint(1, min(item.max_choices or len(plain), len(plain))))
    if item.type == "rank":
        return rng.sample(codes, min(item.top or len(codes), len(codes)))
    if item.type == "place":
        return rng.choice(streets)
    if item.type == "number":
        low, high = int(item.minimum or 0), int(item.maximum if item.maximum is not None else 100)
        return rng.randint(low, high)
    if item.type == "text":
        return TEXT_MARK.decode()
    raise BenchError(f"no answer generator for item type {item.type}")


def make_templates(instrument: Instrument, with_text: bool, count: int = 256, seed: int = 1) -> list[Template]:
    """Distinct realistic band-D surveys; the client fills in a new id (and text) for every request."""
    rng, streets = random.Random(seed), street_codes()
    templates = []
    for _ in range(count):
        answers = {item.code: random_answer(item, rng, streets) for item in instrument.items
                   if with_text or item.type != "text"}
        values, texts = set(), 0
        for code, answer in answers.items():
            if code in instrument.text_items:
                texts += 1
                values.add((code, "_text"))
            else:
                values.update((code, str(v)) for v in (answer if isinstance(answer, list) else [answer]))
        body = json.dumps({"submission_id": ID_MARK.decode(), "band": BAND, "answers": answers}, ensure_ascii=False)
        rows = sum(len(a) if isinstance(a, list) else 1 for code, a in answers.items()
                   if code not in instrument.text_items)
        templates.append(Template(body.encode(), len(answers), rows, texts, len(values)))
    return templates


def free_text(rng: random.Random) -> bytes:
    return "".join(rng.choice(part) for part in TEXT_PARTS).encode()


# ---------------------------------------------------------------- databases


class Database:
    """A fresh database of one kind, made for this run and removed after it."""

    def __init__(self, kind: str, folder: Path, pg_url: str):
        self.kind, self.created = kind, False
        if kind == "sqlite":
            self.path = folder / "bench.sqlite"
            self.url = f"sqlite:///{self.path}"
            self.admin_url = ""
        else:
            parts = urlsplit(pg_url.replace("postgresql+psycopg://", "postgresql://", 1))
            self.name = f"bench_{os.getpid()}"
            self.admin_url = urlunsplit(parts)
            self.url = urlunsplit(parts._replace(path=f"/{self.name}"))

    def create(self) -> None:
        if self.kind == "postgresql":
            import psycopg

            with psycopg.connect(self.admin_url, autocommit=True, connect_timeout=5) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{self.name}"')
        self.created = True

    def drop(self) -> None:
        if self.kind == "postgresql" and self.created:
            import psycopg

            with psycopg.connect(self.admin_url, autocommit=True, connect_timeout=5) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self.created = False

    def counts(self) -> Counter:
        """Rows in the tables a submission writes (tallies: the sum of the counts)."""
        queries = {"responses": "SELECT count(*) FROM responses", "answers": "SELECT count(*) FROM answers",
                   "texts": "SELECT count(*) FROM text_answers",
                   "tallies": "SELECT coalesce(sum(count), 0) FROM answer_tallies"}
        if self.kind == "sqlite":
            connection = sqlite3.connect(self.path, timeout=30)
            try:
                return Counter({key: connection.execute(sql).fetchone()[0] for key, sql in queries.items()})
            finally:
                connection.close()
        import psycopg

        with psycopg.connect(self.url) as connection:
            return Counter({key: connection.execute(sql).fetchone()[0] for key, sql in queries.items()})


def postgres_answers(url: str) -> bool:
    try:
        import psycopg

        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1), connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001 - any failure means "not there"
        return False


def app_env(database: Database, folder: Path, secret: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SURVEY_", "BENCH_"))}
    env.update(SURVEY_SECRET_KEY=secret, SURVEY_SQLALCHEMY_DATABASE_URI=database.url,
               SURVEY_INSTANCE_PATH=str(folder / "instance"), PYTHONUNBUFFERED="1")
    return env


def migrate(env: dict[str, str]) -> None:
    """The production schema: ``flask db upgrade``."""
    done = subprocess.run([str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    if done.returncode:
        raise BenchError(f"flask db upgrade failed:\n{done.stdout}\n{done.stderr}")


@dataclass(frozen=True)
class Fieldwork:
    join_code: str
    session_id: int
    version_id: int


def load_fieldwork(database: Database, folder: Path, secret: str) -> Fieldwork:
    """The shipped instrument, demo places and accounts, and an open demo session (PIN 2468)."""
    from survey_app import create_app
    from survey_app.demo.services import DEMO_PIN, load_demo_data, load_demo_session
    from survey_app.extensions import db

    assert DEMO_PIN == PIN
    app = create_app({"SQLALCHEMY_DATABASE_URI": database.url, "SECRET_KEY": secret, "DEMO": True,
                      "INSTANCE_PATH": str(folder / "instance")})
    with app.app_context():
        try:
            load_demo_data()
            session = load_demo_session()
            if session is None:
                raise BenchError("the fresh database already had a session")
            db.session.commit()
            return Fieldwork(session.join_code, session.id, session.version_id)
        finally:
            db.session.remove()
            db.engine.dispose()


# ---------------------------------------------------------------- servers


def free_port() -> int:
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in RESERVED_PORTS:
            return port


class Server:
    """One gunicorn started with the project's gunicorn.conf.py."""

    def __init__(self, name: str, app: str, env: dict[str, str], folder: Path):
        self.name, self.app, self.port = name, app, free_port()
        self.env = {**env, "SURVEY_BIND": f"127.0.0.1:{self.port}"}
        self.log_path = folder / f"gunicorn-{name}.log"
        self.process: subprocess.Popen | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log_path.open("wb") as log:
            # No control socket: it defaults to one shared path per user, which two gunicorns would fight over.
            self.process = subprocess.Popen(
                [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--no-control-socket", self.app], cwd=ROOT,
                env=self.env, stdout=log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn ({self.name}) exited:\n{self.log_tail()}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    connection.close()
                    return
                connection.close()
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"gunicorn ({self.name}) did not answer in {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # SIGTERM: the master stops its workers
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def unlock(server: Server, join_code: str) -> str:
    """Unlock a tablet with the PIN; return the ``kiosk`` cookie (the same on every tablet of the session)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request("POST", f"/k/{join_code}/unlock", body=f"pin={PIN}",
                           headers={"Origin": server.origin, "Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name.strip() == "kiosk":
                return rest.split(";", 1)[0]
        raise BenchError(f"unlocking gave {response.status} and no kiosk cookie")
    finally:
        connection.close()


# ---------------------------------------------------------------- load


@dataclass
class Run:
    """What one timed run of concurrent clients got back."""

    seconds: float = 0.0
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    expected: Counter = field(default_factory=Counter)  # rows the 201 answers promise

    @property
    def created(self) -> int:
        return self.statuses[201]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def created_rate(self) -> float:
        return self.created / self.seconds if self.seconds else 0.0

    def add(self, other: Run) -> None:
        self.requests += other.requests
        self.statuses.update(other.statuses)
        self.errors.update(other.errors)
        self.expected.update(other.expected)


BodyMaker = Callable[[random.Random], tuple[bytes | None, Template | None]]


def drive(port: int, method: str, path: str, headers: dict[str, str], make_body: BodyMaker, seconds: float,
          clients: int) -> Run:
    """``clients`` threads, each with its own keep-alive connection, send requests for ``seconds``."""
    start_line = threading.Barrier(clients + 1)
    shared = {"deadline": 0.0}
    total, lock = Run(), threading.Lock()

    def client(number: int) -> None:
        rng, mine = random.Random(secrets.randbits(128)), Run()  # ids never repeat across runs
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        start_line.wait()
        deadline = shared["deadline"]
        try:
            while time.perf_counter() < deadline:
                body, template = make_body(rng)
                try:
                    connection.request(method, path, body=body, headers=headers)
                    response = connection.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as error:
                    mine.errors[type(error).__name__] += 1
                    connection.close()
                    continue
                mine.requests += 1
                mine.statuses[response.status] += 1
                if response.status == 201 and template is not None:
                    mine.expected.update(responses=1, answers=template.answers, texts=template.texts,
                                         tallies=template.tallies)
        finally:
            connection.close()
            with lock:
                total.add(mine)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    shared["deadline"] = started + seconds
    start_line.wait()
    for thread in threads:
        thread.join()
    total.seconds = time.perf_counter() - started
    return total


def survey_bodies(templates: list[Template]) -> BodyMaker:
    def make(rng: random.Random) -> tuple[bytes, Template]:
        template = rng.choice(templates)
        body = template.body.replace(ID_MARK, str(uuid.UUID(int=rng.getrandbits(128), version=4)).encode())
        if template.texts:
            body = body.replace(TEXT_MARK, free_text(rng))
        return body, template

    return make


def no_body(rng: random.Random) -> tuple[None, None]:
    return None, None


# ---------------------------------------------------------------- one database


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
    for key in ("responses", "answers", "texts", "tallies"):
        if stored[key] != run.expected[key]:
            outcome.problems.append(f"{label}: {key} stored {stored[key]}, the 201 answers promised "
                                    f"{run.expected[key]}")
    return run


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


# ---------------------------------------------------------------- report


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

    import gunicorn

    instrument = read_instrument()
    templates = {"text": make_templates(instrument, with_text=True),
                 "plain": make_templates(instrument, with_text=False)}
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
