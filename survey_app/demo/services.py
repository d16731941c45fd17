"""Demo accounts and sample data for a local try-out."""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from ..auth import services as accounts
from ..auth.models import Role
from ..extensions import db
from ..fieldwork import services as fieldwork
from ..fieldwork.models import AnswerSession
from ..models_base import utcnow
from ..places import services as places
from ..questionnaires import services as questionnaires

#: A small hand-made set of Shenzhen places (a city imports its own official list).
DEMO_PLACES = Path(__file__).with_name("places.csv")

DEMO_ACCOUNTS = [
    ("admin@demo.local", "Demo admin", {Role.ADMIN}),
    ("facilitator@demo.local", "Demo facilitator", {Role.FACILITATOR}),
    ("researcher@demo.local", "Demo researcher", {Role.RESEARCHER}),
    ("safeguarding@demo.local", "Demo safeguarding lead", {Role.SAFEGUARDING}),
]


def load_demo_data() -> list[tuple[str, str, str]]:
    """Load demo places and questionnaires, and create missing demo accounts.

    Returns (email, roles, password) of the accounts created now.
    """
    places.import_places(DEMO_PLACES.read_text(encoding="utf-8"))
    instruments, problems = questionnaires.check_definitions()
    if problems:
        raise RuntimeError("\n".join(str(p) for p in problems))
    questionnaires.load_definitions(instruments)
    created = []
    for email, name, roles in DEMO_ACCOUNTS:
        if accounts.get_user_by_email(email):
            continue
        password = "demo-" + secrets.token_urlsafe(9)
        accounts.create_user(email, password, roles, name)
        created.append((email, ",".join(sorted(roles)), password))
    return created


DEMO_PIN = "246813"


def load_demo_session() -> AnswerSession | None:
    """An open demo session for the demo facilitator (once); returns it when created now."""
    if db.session.scalar(select(AnswerSession.id).limit(1)) is not None:
        return None
    facilitator = accounts.get_user_by_email("facilitator@demo.local")
    version = questionnaires.list_versions()[0]
    now = utcnow()
    details = fieldwork.SessionDetails(
        title="演示：园岭小学 四年级", version_id=version.id, bands=["A", "B", "C", "D"], place_code="440304002016",
        setting="school", setting_name="园岭小学（演示）", grade="四年级", opens_at=now - timedelta(minutes=5),
        closes_at=now + timedelta(days=30), expected_count=40, default_language="zh")
    session = fieldwork.create_session(details, DEMO_PIN, actor=facilitator)
    fieldwork.record_consent(session, "演示：学校发放家长信并收回纸质回执。", 2, actor=facilitator)
    fieldwork.open_session(session)
    return session


def first_demo_session() -> AnswerSession | None:
    return db.session.scalar(select(AnswerSession).order_by(AnswerSession.id).limit(1))
