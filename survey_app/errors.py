"""Friendly error pages in both languages; no error ever shows a stack trace."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db

MESSAGES = {
    400: (_l("Something in that request was not right"), _l("Please go back and try again.")),
    403: (_l("This page is not for you"), _l("Your account does not have access to this page.")),
    404: (_l("We could not find that page"), _l("Check the address, or start again from the home page.")),
    405: (_l("That did not work"), _l("This page cannot be used that way.")),
    413: (_l("That was too much to send"), _l("What you sent is too large. Please send less.")),
    429: (_l("Too many tries"), _l("Please wait a few minutes and try again.")),
    500: (_l("Sorry, something went wrong on our side"), _l("Your work was not lost. Please try again.")),
}


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected_error)


def render_error(code: int, detail: str | None = None):
    """Render the error page (or JSON for API callers) for an HTTP status code."""
    title, message = MESSAGES.get(code, MESSAGES[400] if code < 500 else MESSAGES[500])
    if request.accept_mimetypes.best == "application/json" or request.is_json:
        return jsonify(error=str(title), message=str(detail or message)), code
    # Children's pages never show the staff header, not even on an error.
    template = "errors/kiosk_error.html" if request.path.startswith("/k/") else "errors/error.html"
    return render_template(template, code=code, title=title, message=detail or message), code


def handle_csrf_error(error: CSRFError):
    return render_error(400, str(_l("This form has expired. Please reload the page and try again.")))


def handle_http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    return render_error(error.code)


def handle_unexpected_error(error: Exception):
    db.session.rollback()
    from flask import current_app

    current_app.logger.exception("unhandled error", exc_info=error)
    if current_app.config.get("PROPAGATE_EXCEPTIONS"):
        raise error
    return render_error(InternalServerError.code)
