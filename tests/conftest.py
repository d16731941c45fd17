"""Shared fixtures: the app on SQLite or PostgreSQL, a client, and signed-in staff.

The database comes from ``SURVEY_TEST_DATABASE_URL``: unset means a temporary SQLite file; a
PostgreSQL URL means a fresh database created for this run and dropped afterwards.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from survey_app import create_app
from survey_app.extensions import db as _db

pytest_plugins = ["tests.fixtures.users", "tests.fixtures.live_server", "tests.fixtures.sessions"]


def _create_postgres_database(url: str) -> tuple[str, callable]:
    base = make_url(url).set(drivername="postgresql+psycopg")
    name = f"survey_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(scope="session")
def database_url():
    """One database for the whole run: a temp SQLite file, or a fresh PostgreSQL database."""
    configured = os.environ.get("SURVEY_TEST_DATABASE_URL", "")
    if configured.startswith("postgres"):
        url, drop = _create_postgres_database(configured)
        yield url
        drop()
        return
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / 'test.sqlite'}"


@pytest.fixture(scope="session")
def _schema(database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        _db.create_all()
        _db.engine.dispose()
    return True


def _empty_all_tables() -> None:
    tables = list(reversed(_db.metadata.sorted_tables))
    if _db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        _db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            _db.session.execute(table.delete())
    _db.session.commit()


@pytest.fixture
def app_config(database_url):
    """Settings for the test app; tests may change them before ``app`` is built."""
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "INTAKE_CACHE_SECONDS": 0,  # tests change a session and submit at once
        "SECRET_KEY": "test-secret-key",
        "SERVER_NAME": None,
    }


class IsolatedClient(FlaskClient):
    """Run every request in its own app context, as a real server does.

    The test itself holds an app context (for factories and queries); without this, requests
    would share its ``g``, its cached locale and its database session.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def app(app_config, _schema):
    app = create_app(app_config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        _db.session.remove()
        _empty_all_tables()
        _db.engine.dispose()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def is_postgres(app) -> bool:
    return _db.engine.dialect.name == "postgresql"
