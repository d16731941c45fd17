"""What the join sheet and the guardian letter need: a QR code and the session's plain facts."""

from __future__ import annotations

import io

import segno
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


def letter_context(session: AnswerSession) -> dict[str, object]:
    definition = get_definition(session.version)
    place = get_place(session.community_code) or get_place(session.street_code)
    return {
        "definition": definition,
        "bands": [band for band in definition.bands if band.id in session.bands],
        "place": place,
        "actions_count": len({i.tags.get("action") for i in definition.items if i.tags.get("action")}),
    }
