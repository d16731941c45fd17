"""Demo accounts and sample data for a local try-out."""

from __future__ import annotations

import secrets
from pathlib import Path

from ..auth import services as accounts
from ..auth.models import Role
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
