"""What the join sheet and the guardian letter need: a QR code and the session's plain facts."""

from __future__ import annotations

import io
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from urllib.parse import urlsplit

import segno
from flask import current_app, url_for
from flask_babel import force_locale
from markupsafe import Markup

from ..i18n import parse_locale
from ..places.services import get_place
from ..questionnaires.services import get_definition
from .models import AnswerSession

#: The join sheet's languages: Chinese and English side by side unless ?lang= picks one.
SHEET_LANGUAGES = ("zh", "en")


def sheet_languages(choice: str | None) -> list[str]:
    """``["zh"]`` or ``["en"]`` for a ``?lang=`` the app speaks (zh, zh-Hans, en, ...); both otherwise."""
    locale = parse_locale(choice)
    if locale is None:
        return list(SHEET_LANGUAGES)
    return ["en"] if locale == "en" else ["zh"]


def printed_in(languages: list[str]) -> AbstractContextManager:
    """Render the whole page (buttons, warning, title, sheet) in the sheet's one language, if it has one."""
    if len(languages) != 1:
        return nullcontext()
    return force_locale("en" if languages == ["en"] else "zh_Hans")


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code (no image request, no external service)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=8, border=2, xmldecl=False, svgns=True,
                                    title="QR", dark="#000", light="#fff")
    return Markup(buffer.getvalue().decode())


@dataclass(frozen=True)
class PrintedLinks:
    """The addresses a printout gives tablets: the session's own link (in the QR code) and the join page."""

    session: str
    join: str
    #: False when no PUBLIC_URL is set and the links were built from the address this page was opened at.
    configured: bool


def printed_links(join_code: str) -> PrintedLinks:
    """The kiosk links from the PUBLIC_URL setting, or from the request's address when it is not set."""
    base = current_app.config.get("PUBLIC_URL")
    if not base:
        return PrintedLinks(url_for("kiosk.unlock", code=join_code, _external=True),
                            url_for("kiosk.join", _external=True), configured=False)
    parts = urlsplit(base)
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path.rstrip("/") or "/",
                                       url_scheme=parts.scheme)
    return PrintedLinks(adapter.build("kiosk.unlock", {"code": join_code}, force_external=True),
                        adapter.build("kiosk.join", force_external=True), configured=True)


def letter_context(session: AnswerSession) -> dict[str, object]:
    definition = get_definition(session.version)
    place = get_place(session.community_code) or get_place(session.street_code)
    return {
        "definition": definition,
        "bands": [band for band in definition.bands if band.id in session.bands],
        "place": place,
        "actions_count": len({i.tags.get("action") for i in definition.items if i.tags.get("action")}),
        "links": printed_links(session.join_code),
    }
