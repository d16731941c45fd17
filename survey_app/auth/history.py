"""The account audit: who created, disabled, enabled, re-roled or reset the password of whom, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from ..core.audit import record_event
from ..core.models import AuditEvent
from ..extensions import db
from .models import Role, User

CREATED, DISABLED, ENABLED, ROLES_CHANGED, PASSWORD_SET = (
    "create_account", "disable_account", "enable_account", "change_roles", "set_password")
ACCOUNT_ACTIONS = (CREATED, DISABLED, ENABLED, ROLES_CHANGED, PASSWORD_SET)
#: What ``detail["via"]`` says when nobody signed in acted: `flask users ...` or `flask demo load`.
COMMAND_LINE = "command line"


def record_account_event(actor: User | None, action: str, user: User, **detail: Any) -> None:
    """Note one change to ``user``'s account; no actor means the command line."""
    if actor is None:
        detail["via"] = COMMAND_LINE
    record_event(actor, action, user.email, detail or None)


def record_role_change(actor: User | None, user: User, before: set[Role], after: set[Role]) -> None:
    if before != after:
        record_account_event(actor, ROLES_CHANGED, user, added=sorted(after - before),
                             removed=sorted(before - after))


@dataclass(frozen=True)
class AccountEvent:
    at: datetime
    actor: str | None  # the actor's e-mail; None for the command line or a deleted account
    via: str | None
    action: str
    account: str
    roles: list[str]
    added: list[str]
    removed: list[str]

    @property
    def own_account(self) -> bool:
        return self.actor == self.account


def list_account_events(limit: int = 500) -> list[AccountEvent]:
    """The latest changes to accounts, newest first."""
    query = (select(AuditEvent, User.email).outerjoin(User, User.id == AuditEvent.actor_id)
             .where(AuditEvent.action.in_(ACCOUNT_ACTIONS))
             .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit))
    return [_event(event, email) for event, email in db.session.execute(query)]


def _event(event: AuditEvent, actor_email: str | None) -> AccountEvent:
    detail = event.detail if isinstance(event.detail, dict) else {}
    return AccountEvent(event.at, actor_email, detail.get("via"), event.action, event.target,
                        list(detail.get("roles", [])), list(detail.get("added", [])), list(detail.get("removed", [])))
