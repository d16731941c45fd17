"""Accounts: creating, changing and signing in staff users."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import format_timedelta
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..models_base import utcnow
from . import history, throttling
from .models import Role, User, UserRole

#: Used to spend the same time on unknown accounts as on wrong passwords.
_DUMMY_HASH = generate_password_hash("not-a-real-password-0")
_COMMON_PASSWORDS = {
    "password123", "1234567890", "qwertyuiop", "password1234", "iloveyou12", "abc1234567",
    "woaini1314", "a123456789", "1qaz2wsx3edc", "qwerty12345", "0123456789", "admin12345",
}  # fmt: skip


class AccountError(Exception):
    """A request about an account that cannot be carried out; the message is for people."""


class LoginThrottled(AccountError):
    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


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


def create_user(email: str, password: str, roles: set[Role], display_name: str = "", *,
                actor: User | None = None) -> User:
    """Create an active staff account (``actor`` None: the command line); raise AccountError when refused."""
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
    history.record_account_event(actor, history.CREATED, user, roles=sorted(roles))
    return user


@dataclass(frozen=True)
class SignInClient:
    """Where an attempt comes from: the client address and the device ids its browser holds."""

    address: str
    devices: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SignedIn:
    user: User
    #: The browser's device id for this account (new on its first sign-in), for its device cookie.
    device: str


def authenticate_user(email: str, password: str, client: SignInClient) -> SignedIn:
    """Return the user for good credentials; raise the same error for every kind of bad ones."""
    email = normalise_email(email)
    user = get_user_by_email(email)
    attempt = throttling.Attempt(email, client.address, client.devices.get(user.id) if user else None)
    refusal = throttling.refusal(attempt)
    if refusal:
        raise LoginThrottled(_refusal_message(refusal), refusal.seconds)
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    if not (user and valid and user.active):
        throttling.record_failure(attempt)
        raise InvalidCredentials(_("The e-mail address or password is not correct."))
    throttling.record_success(attempt)
    user.last_login_at = utcnow()
    return SignedIn(user, attempt.device or secrets.token_urlsafe(12))


def _refusal_message(refusal: throttling.Refusal) -> str:
    wait = format_timedelta(refusal.wait, threshold=1)
    if refusal.reason == "pair":
        return _("Too many failed sign-in attempts. Please wait %(wait)s and try again.", wait=wait)
    return _("Too many failed sign-in attempts for this account or from this network. You can still sign in "
             "from a browser or network you signed in from before; otherwise please wait %(wait)s.", wait=wait)


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
    history.record_role_change(actor, user, user.roles, roles)
    user.set_roles(roles)
    if user.active != active:
        history.record_account_event(actor, history.ENABLED if active else history.DISABLED, user)
    if user.active and not active:
        user.end_sessions()
    user.active = active
    return user


def set_password(user: User, password: str, *, actor: User | None) -> None:
    """Give a user a new password that meets the policy, ending the sessions opened with the old one."""
    problems = password_problems(password, user.email)
    if problems:
        raise AccountError(" ".join(problems))
    user.password_hash = generate_password_hash(password)
    user.end_sessions()
    history.record_account_event(actor, history.PASSWORD_SET, user)


def sign_out(user: User) -> None:
    """End the user's sessions everywhere, so a copy of the cookie is worthless too."""
    user.end_sessions()


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.email)))


def account_emails(user_ids: set[int | None]) -> dict[int, str]:
    """id -> e-mail of the accounts named in a log (one query, however long the log)."""
    ids = {user_id for user_id in user_ids if user_id is not None}
    if not ids:
        return {}
    return {user.id: user.email for user in db.session.scalars(select(User).where(User.id.in_(ids)))}
