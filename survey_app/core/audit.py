"""Record staff access to sensitive things (the safeguarding queue, exports) and changes to accounts."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import select

from ..extensions import db
from .models import AuditEvent


class Actor(Protocol):
    """Whoever acted: a staff user (core names no feature's model), or None for the command line."""

    id: int


def record_event(actor: Actor | None, action: str, target: str = "",
                 detail: dict[str, Any] | None = None) -> AuditEvent:
    # a target may quote what a visitor typed; PostgreSQL refuses a NUL in text, so it is dropped
    event = AuditEvent(actor_id=actor.id if actor else None, action=action[:40],
                       target=target.replace("\x00", "")[:254], detail=detail)
    db.session.add(event)
    return event


def recent_events(actions: tuple[str, ...], limit: int = 200) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.action.in_(actions)).order_by(AuditEvent.at.desc()).limit(limit)
    return list(db.session.scalars(query))
