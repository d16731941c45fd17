"""Flask-Login wiring and the role check every staff view uses."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..extensions import db, login_manager
from .models import Role, User

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please sign in to see this page.")
#: "strong" would sign staff out whenever their address changes (school Wi-Fi to mobile data);
#: a copied cookie is stopped by server-side revocation instead (User.get_id, load_user).
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The user a session cookie names, unless its sessions were ended since (sign-out, new password)."""
    user_part, _, version = user_id.partition(":")
    if not (user_part.isdigit() and version.isdigit()) or len(user_id) > 40:
        return None
    user = db.session.get(User, int(user_part))
    if user is None or user.session_version != int(version):
        return None
    return user


def roles_required(*roles: Role) -> Callable:
    """Allow a view only to signed-in users who hold one of ``roles``."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
