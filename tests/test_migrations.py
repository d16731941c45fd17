"""Migrations: one head, and upgrading an empty database gives exactly the models' schema."""

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import create_engine

from survey_app import create_app
from survey_app.extensions import db
from tests.conftest import _create_postgres_database

MIGRATIONS = os.path.join(os.path.dirname(__file__), "..", "migrations")


def test_single_head():
    from alembic.config import Config

    config = Config(os.path.join(MIGRATIONS, "alembic.ini"))
    config.set_main_option("script_location", MIGRATIONS)
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def _upgrade_and_compare(url: str) -> list:
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "MIGRATIONS_DIR": MIGRATIONS})
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
        engine.dispose()
        db.engine.dispose()
    return diff


def test_upgrade_from_empty_sqlite_matches_models(tmp_path):
    assert _upgrade_and_compare(f"sqlite:///{tmp_path}/migrated.sqlite") == []


def test_upgrade_from_empty_postgres_matches_models():
    base = os.environ.get("SURVEY_TEST_DATABASE_URL", "")
    if not base.startswith("postgres"):
        pytest.skip("runs in the PostgreSQL pass")
    url, drop = _create_postgres_database(base)
    try:
        assert _upgrade_and_compare(url) == []
    finally:
        drop()
