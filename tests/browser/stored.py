"""What the server stored, read fresh from the test database while the live server writes to it."""

from __future__ import annotations

import time

from sqlalchemy import select

from survey_app.extensions import db
from survey_app.fieldwork.models import Response


def responses() -> list[Response]:
    """Every stored response, re-read (the live server commits in its own threads)."""
    db.session.rollback()
    db.session.expire_all()
    return list(db.session.scalars(select(Response).order_by(Response.id)))


def wait_for_responses(count: int, timeout: float = 10.0) -> list[Response]:
    """Poll until ``count`` responses are stored (the outbox sends in the background)."""
    deadline = time.monotonic() + timeout
    found = responses()
    while len(found) < count and time.monotonic() < deadline:
        time.sleep(0.2)
        found = responses()
    assert len(found) == count, f"expected {count} stored responses, found {len(found)}"
    return found


def answers_of(response: Response) -> dict[str, str | list[str]]:
    """Item code → stored value; a list (in rank order, else sorted) where an item has several rows."""
    grouped: dict[str, list] = {}
    for answer in response.answers:
        grouped.setdefault(answer.item_code, []).append(answer)
    result: dict[str, str | list[str]] = {}
    for code, rows in grouped.items():
        rows.sort(key=lambda a: (a.rank is None, a.rank or 0, a.value))
        result[code] = rows[0].value if len(rows) == 1 and rows[0].rank is None else [a.value for a in rows]
    return result


def ranks_of(response: Response, code: str) -> list[tuple[int | None, str]]:
    return sorted((a.rank, a.value) for a in response.answers if a.item_code == code)


def texts_of(response: Response) -> dict[str, str]:
    return {text.item_code: text.redacted for text in response.text_answers}
