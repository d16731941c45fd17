"""Record staff access to sensitive things (the safeguarding queue, exports)."""

from __future__ import annotations

from sqlalchemy import select

from ..auth.models import User
from ..extensions import db
from .models import AuditEvent


def record_event(actor: User | None, action: str, target: str = "") -> AuditEvent:
    event = AuditEvent(actor_id=actor.id if actor else None, action=action[:40], target=target[:80])
    db.session.add(event)
    return event


def recent_events(actions: tuple[str, ...], limit: int = 200) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.action.in_(actions)).order_by(AuditEvent.at.desc()).limit(limit)
    return list(db.session.scalars(query))
