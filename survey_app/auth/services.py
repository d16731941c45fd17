"""Accounts: creating, changing and signing in staff users."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..core import throttle
from ..extensions import db
from ..models_base import utcnow
from .models import Role, User, UserRole

LOGIN_BUCKET = "login"
#: Used to spend the same time on unknown accounts as on wrong passwords.
_DUMMY_HASH = generate_password_hash("not-a-real-password-0")
_COMMON_PASSWORDS = {
    "password123", "1234567890", "qwertyuiop", "password1234", "iloveyou12", "abc1234567",
    "woaini1314", "a123456789", "1qaz2wsx3edc", "qwerty12345", "0123456789", "admin12345",
}  # fmt: skip


class AccountError(Exception):
    """A request about an account that cannot be carried out; the message is for people."""


class LoginThrottled(AccountError):
    pass


class InvalidCredentials(AccountError):
    pass


def normalise_email(email: str) -> str:
    return email.strip().lower()


def password_problems(password: str, email: str = "") -> list[str]:
    """List what makes a password unacceptable (empty when it is fine)."""
    problems = []
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        problems.append(_("Use at least %(n)d characters.", n=minimum))
    if len(password) > 200:
        problems.append(_("Use at most 200 characters."))
    if password.isdigit() or password.lower() in _COMMON_PASSWORDS or len(set(password)) < 4:
        problems.append(_("This password is too easy to guess."))
    local_part = normalise_email(email).split("@")[0]
    if local_part and len(local_part) >= 4 and local_part in password.lower():
        problems.append(_("Do not use your e-mail address in your password."))
    return problems


def get_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(email: str, password: str, roles: set[Role], display_name: str = "") -> User:
    """Create an active staff account; raise AccountError on a taken e-mail or a weak password."""
    email = normalise_email(email)
    if get_user_by_email(email):
        raise AccountError(_("An account with this e-mail address already exists."))
    problems = password_problems(password, email)
    if problems:
        raise AccountError(" ".join(problems))
    user = User(email=email, display_name=display_name.strip(), password_hash=generate_password_hash(password))
    user.set_roles(roles)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate_user(email: str, password: str, client_address: str) -> User:
    """Return the user for good credentials; raise the same error for every kind of bad ones."""
    email = normalise_email(email)
    keys = [f"account:{email}", f"client:{client_address}"]
    limit = current_app.config["LOGIN_MAX_FAILURES"]
    window = current_app.config["LOGIN_LOCK_SECONDS"]
    if throttle.is_throttled(LOGIN_BUCKET, keys[:1], limit, window) or throttle.is_throttled(
        LOGIN_BUCKET, keys[1:], limit * 4, window
    ):
        raise LoginThrottled(
            _("Too many failed sign-in attempts. Please wait %(minutes)d minutes and try again.",
              minutes=window // 60)
        )
    user = get_user_by_email(email)
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    if not (user and valid and user.active):
        throttle.record_failure(LOGIN_BUCKET, keys)
        raise InvalidCredentials(_("The e-mail address or password is not correct."))
    throttle.clear_failures(LOGIN_BUCKET, keys[0])
    user.last_login_at = utcnow()
    return user


def count_active_admins() -> int:
    query = (
        select(func.count(func.distinct(User.id)))
        .join(UserRole)
        .where(User.active.is_(True), UserRole.role == Role.ADMIN.value)
    )
    return db.session.scalar(query) or 0


def update_user(user: User, *, roles: set[Role], active: bool, actor: User) -> User:
    """Change a user's roles and whether they may sign in, never removing the last admin."""
    loses_admin = Role.ADMIN in user.roles and user.active and (Role.ADMIN not in roles or not active)
    if loses_admin and user.id == actor.id:
        raise AccountError(_("You cannot remove your own admin access."))
    if loses_admin and count_active_admins() <= 1:
        raise AccountError(_("There must always be at least one active admin."))
    if not roles:
        raise AccountError(_("Choose at least one role."))
    user.set_roles(roles)
    user.active = active
    return user


def set_password(user: User, password: str) -> None:
    """Give a user a new password that meets the policy."""
    problems = password_problems(password, user.email)
    if problems:
        raise AccountError(" ".join(problems))
    user.password_hash = generate_password_hash(password)


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.email)))
