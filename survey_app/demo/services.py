"""Demo accounts and sample data for a local try-out."""

from __future__ import annotations

import secrets

from ..auth import services as accounts
from ..auth.models import Role

DEMO_ACCOUNTS = [
    ("admin@demo.local", "Demo admin", {Role.ADMIN}),
    ("facilitator@demo.local", "Demo facilitator", {Role.FACILITATOR}),
    ("researcher@demo.local", "Demo researcher", {Role.RESEARCHER}),
    ("safeguarding@demo.local", "Demo safeguarding lead", {Role.SAFEGUARDING}),
]


def load_demo_data() -> list[tuple[str, str, str]]:
    """Create the demo accounts that do not exist yet; return (email, roles, password) of new ones."""
    created = []
    for email, name, roles in DEMO_ACCOUNTS:
        if accounts.get_user_by_email(email):
            continue
        password = "demo-" + secrets.token_urlsafe(9)
        accounts.create_user(email, password, roles, name)
        created.append((email, ",".join(sorted(roles)), password))
    return created
