"""The app factory does no database work; /healthz reports the database."""

from survey_app import create_app


def test_factory_does_not_touch_the_database(tmp_path):
    database = tmp_path / "never-created.sqlite"
    create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    assert not database.exists()


def test_healthz_ok_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_healthz_503_when_database_is_unreachable():
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": "postgresql://nobody@127.0.0.1:1/none",
        "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 1}},
    })
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"


def test_access_log_leaves_out_client_address_agent_and_referrer():
    """Children's requests must not be traceable through the server's logs."""
    import runpy
    from pathlib import Path

    settings = runpy.run_path(str(Path(__file__).resolve().parents[1] / "gunicorn.conf.py"))
    log_format = settings["access_log_format"]
    for field in ("%(h)s", "%(a)s", "%(f)s", "%(u)s", "%(t)s", "{x-forwarded-for}i"):
        assert field not in log_format


def test_cached_intake_reads_expire(app):
    import time

    from survey_app.core.cache import TimedCache

    app.config["TEST_CACHE_SECONDS"] = 0.05
    cache, calls = TimedCache("TEST_CACHE_SECONDS"), []
    for _ in range(3):
        cache.get("k", lambda: calls.append(1) or len(calls))
    assert calls == [1]
    time.sleep(0.06)
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 2
