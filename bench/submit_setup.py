"""Setting up ``bench.bench_submit``: fresh databases with an open demo session, and the gunicorns it measures.

``Database`` makes and drops a fresh SQLite file or PostgreSQL database ``bench_<pid>`` and counts the rows a
submission writes; ``migrate`` and ``load_fieldwork`` give it the production schema, the shipped instrument,
the demo places and accounts, and an open demo session; ``Server`` starts and stops one gunicorn with the
project's ``gunicorn.conf.py``; ``unlock`` unlocks a tablet with the session's PIN.
"""

from __future__ import annotations

import http.client
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
PIN = "246813"
RESERVED_PORTS = {5000, 5055}


class BenchError(RuntimeError):
    """The benchmark could not be set up or run."""


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
                   "tallies": "SELECT coalesce(sum(count), 0) FROM answer_tallies",
                   "breakdowns": "SELECT coalesce(sum(count), 0) FROM breakdown_tallies"}
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
    area_code: str  # the session's community (or street): the key of its area tallies


def load_fieldwork(database: Database, folder: Path, secret: str) -> Fieldwork:
    """The shipped instrument, demo places and accounts, and an open demo session (PIN 246813)."""
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
            return Fieldwork(session.join_code, session.id, session.version_id,
                             session.community_code or session.street_code)
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
    """Unlock a tablet with the PIN; return its ``kiosk`` cookie (the load generator shares it between its clients)."""
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
