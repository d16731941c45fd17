"""Settings: environment variables, secret key rules, database URLs."""

import pytest

from survey_app import create_app
from survey_app.config import normalise_database_url


def test_missing_secret_key_refuses_to_start(monkeypatch, tmp_path):
    monkeypatch.delenv("SURVEY_SECRET_KEY", raising=False)
    monkeypatch.delenv("SURVEY_DEMO", raising=False)
    with pytest.raises(RuntimeError, match="SURVEY_SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite"})


def test_demo_mode_generates_and_keeps_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SURVEY_SECRET_KEY", raising=False)
    config = {"DEMO": True, "INSTANCE_PATH": str(tmp_path), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite"}
    first = create_app(config)
    second = create_app(config)
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert (tmp_path / "demo_secret_key").read_text().strip() == first.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) >= 32


def test_environment_variables_with_prefix_are_typed(monkeypatch, tmp_path):
    monkeypatch.setenv("SURVEY_SECRET_KEY", "from-env")
    monkeypatch.setenv("SURVEY_SESSION_COOKIE_SECURE", "true")
    monkeypatch.setenv("SURVEY_LOGIN_FREE_FAILURES", "7")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite"})
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["LOGIN_FREE_FAILURES"] == 7


def test_default_database_is_sqlite_in_instance_folder(monkeypatch):
    monkeypatch.delenv("SURVEY_SQLALCHEMY_DATABASE_URI", raising=False)
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{app.instance_path}/survey_app.sqlite"


@pytest.mark.parametrize(
    "given, expected",
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.sqlite", "sqlite:///x.sqlite"),
    ],
)
def test_postgres_urls_use_psycopg3(given, expected):
    assert normalise_database_url(given) == expected


def test_sqlite_has_foreign_keys_and_wal(app, db):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_disclosure_thresholds_come_from_settings_and_typos_stop_the_start(tmp_path):
    from survey_app.reports.services import disclosure_policy

    url = f"sqlite:///{tmp_path}/x.sqlite"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "DISCLOSURE_INTERNAL_MIN_CELL": 20})
    with app.app_context():
        assert disclosure_policy().internal_min_cell == 20
    with pytest.raises(ValueError, match="Unknown disclosure setting"):
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "DISCLOSURE_INTERNAL_MIN_CEL": 20})
