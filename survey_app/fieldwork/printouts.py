"""What the join sheet and the guardian letter need: a QR code and the session's plain facts."""

from __future__ import annotations

import io
from dataclasses import dataclass
from urllib.parse import urlsplit

import segno
from flask import current_app, url_for
from markupsafe import Markup

from ..places.services import get_place
from ..questionnaires.services import get_definition
from .models import AnswerSession


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
