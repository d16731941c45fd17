"""Home page, language switch and health check."""

from __future__ import annotations

from flask import Blueprint, current_app, make_response, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import text

from ..extensions import db
from ..i18n import LANG_COOKIE, parse_locale
from .urls import safe_next_url

bp = Blueprint("core", __name__)

ONE_YEAR = 365 * 24 * 3600


@bp.get("/")
def home():
    """Show the staff dashboard, or the public landing page."""
    return render_template("core/home.html", user=current_user)


@bp.get("/login")
def login_redirect():
    """Send people who guess /login to the staff sign-in page."""
    return redirect(url_for("auth.login", next=safe_next_url(request.args.get("next"), None) or None))


@bp.get("/lang/<code>")
def set_language(code: str):
    """Remember the chosen language and return to where the person was."""
    locale = parse_locale(code) or current_app.config["BABEL_DEFAULT_LOCALE"]
    response = make_response(redirect(safe_next_url(request.args.get("next"), url_for("core.home"))))
    response.set_cookie(LANG_COOKIE, locale, max_age=ONE_YEAR, httponly=True, samesite="Lax")
    return response


@bp.get("/healthz")
def healthz():
    """Answer 200 only when the database answers."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        db.session.rollback()
        return {"status": "unavailable"}, 503
    return {"status": "ok"}, 200
