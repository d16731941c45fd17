"""Defaults and environment loading.

Every setting can be given as an environment variable with the ``SURVEY_`` prefix; values are
parsed as JSON where they can be (so ``SURVEY_SESSION_COOKIE_SECURE=true`` is a bool).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask

ENV_PREFIX = "SURVEY"

DEFAULTS: dict[str, object] = {
    "DEMO": False,
    "SQLALCHEMY_DATABASE_URI": None,  # filled in from the instance folder when unset
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "MAX_CONTENT_LENGTH": 512 * 1024,
    "BABEL_DEFAULT_LOCALE": "zh_Hans",
    "LANGUAGES": ["zh_Hans", "en"],
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "PREFERRED_URL_SCHEME": "http",
    "PASSWORD_MIN_LENGTH": 10,
    #: Sign-in throttle (survey_app/auth/throttling.py; README explains the numbers).
    "LOGIN_FREE_FAILURES": 5,
    "LOGIN_FIRST_DELAY_SECONDS": 30,
    "LOGIN_MAX_DELAY_SECONDS": 3600,
    "LOGIN_ACCOUNT_MAX_FAILURES": 100,
    "LOGIN_ACCOUNT_WINDOW_SECONDS": 86400,
    "LOGIN_CLIENT_MAX_ACCOUNTS": 20,
    "LOGIN_CLIENT_WINDOW_SECONDS": 3600,
    "LOGIN_KNOWN_DAYS": 30,
    "JOIN_MAX_FAILURES": 10,
    "JOIN_LOCK_SECONDS": 600,
    "TRUSTED_PROXIES": 0,
    #: Where gunicorn listens (gunicorn.conf.py reads SURVEY_BIND too); `flask demo load` prints it.
    "BIND": "127.0.0.1:5000",
    "TIMEZONE": "Asia/Shanghai",
    #: The app's address as tablets reach it (https://survey.school.lan): QR codes and printed links use it.
    "PUBLIC_URL": None,
    "QUESTIONNAIRES_DIR": None,
    #: Largest XLSForm upload (workbooks and media together) on the questionnaires import page.
    "QUESTIONNAIRES_UPLOAD_BYTES": 16 * 1024 * 1024,
    #: A survey a tablet queued (started before closing) is still taken in this long after the
    #: session closes: 4 days covers a tablet left offline from Friday afternoon to Monday.
    "SUBMISSION_GRACE_MINUTES": 4 * 24 * 60,
    #: Wrong tablet PINs (kiosk/guards.py): free tries per tablet, then doubling waits up to the
    #: ceiling, and a daily allowance for all tablets of a session together.
    "KIOSK_PIN_FREE_FAILURES": 5,
    "KIOSK_PIN_FIRST_DELAY_SECONDS": 15,
    "KIOSK_PIN_MAX_DELAY_SECONDS": 900,
    "KIOSK_PIN_SESSION_DAILY_FAILURES": 200,
    "KIOSK_IDLE_SECONDS": 180,
    "KIOSK_RESET_SECONDS": 10,
    #: How long an app server may reuse a session's details and the concern lexicon on the
    #: submission path before reading them again (0 reads every time).
    "INTAKE_CACHE_SECONDS": 5,
    #: Reviewed or referred safeguarding items are deleted this long after closing (flask safeguarding purge).
    "SAFEGUARDING_RETENTION_DAYS": 90,
}


def load_config(app: Flask, overrides: Mapping[str, object] | None) -> None:
    """Apply defaults, then ``SURVEY_*`` environment variables, then test overrides."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env(ENV_PREFIX)
    if overrides:
        app.config.from_mapping(overrides)
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        database = Path(app.instance_path) / "survey_app.sqlite"
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{database}"
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if app.config.get("SESSION_COOKIE_SECURE"):
        app.config["REMEMBER_COOKIE_SECURE"] = True
    _ensure_secret_key(app)
    _check_disclosure_settings(app)
    _check_public_url(app)


def _check_public_url(app: Flask) -> None:
    """Fail at start, not on a printed sheet, when SURVEY_PUBLIC_URL is not an http(s) address."""
    url = app.config.get("PUBLIC_URL")
    if not url:
        return
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise RuntimeError(f"SURVEY_PUBLIC_URL must be the app's address as tablets reach it, such as "
                           f"https://survey.school.lan, not {url!r}.")


def _check_disclosure_settings(app: Flask) -> None:
    """Fail at start, not on the first results page, when a SURVEY_DISCLOSURE_* setting is wrong."""
    from .privacy.disclosure import DisclosurePolicy

    DisclosurePolicy.from_mapping(app.config)


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for every PostgreSQL URL (managed services hand out ``postgres://``)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _ensure_secret_key(app: Flask) -> None:
    """Refuse to run without a secret key, except in demo, debug or test mode."""
    if app.config.get("SECRET_KEY"):
        return
    if app.config.get("TESTING") or app.debug:
        app.config["SECRET_KEY"] = secrets.token_hex(32)
        return
    if app.config.get("DEMO"):
        app.config["SECRET_KEY"] = _demo_secret_key(Path(app.instance_path))
        return
    raise RuntimeError(
        "SURVEY_SECRET_KEY is not set. This app holds children's data and will not start "
        "without a secret key; set SURVEY_SECRET_KEY (or SURVEY_DEMO=true for a local demo)."
    )


def _demo_secret_key(instance: Path) -> str:
    """Read the demo secret key from the instance folder, generating it once."""
    instance.mkdir(parents=True, exist_ok=True)
    key_file = instance / "demo_secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        os.chmod(key_file, 0o600)
    return key_file.read_text().strip()
