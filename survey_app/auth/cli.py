"""`flask users ...`: scripted account set-up, so the first admin needs no web UI."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from ..extensions import db
from . import services
from .models import ROLE_VALUES, Role

users_cli = AppGroup("users", help="Create and list staff accounts, and set their passwords.")


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _read_password() -> str:
    """A new password: prompted twice on a terminal, otherwise the first line of standard input."""
    if _stdin_is_terminal():
        return click.prompt("New password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice(ROLE_VALUES),
              help="A role to give; repeat for several.")
@click.option("--name", default="", help="Display name.")
def create_user_command(email: str, roles: tuple[str, ...], name: str) -> None:
    """Create an account; the password is read from standard input."""
    password = _read_password()
    try:
        user = services.create_user(email, password, {Role(r) for r in roles}, name, actor=None)
    except services.AccountError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"created {user.email} ({', '.join(sorted(roles))})")


@users_cli.command("list")
def list_users_command() -> None:
    """Show every account with its roles and whether it may sign in."""
    for user in services.list_users():
        state = "active" if user.active else "disabled"
        click.echo(f"{user.email}\t{','.join(sorted(user.roles))}\t{state}")


@users_cli.command("set-password")
@click.argument("email")
def set_password_command(email: str) -> None:
    """Give an account a new password (read from standard input) and end its sessions."""
    user = services.get_user_by_email(email)
    if user is None:
        raise click.ClickException(f"There is no account for {email.strip()}; `flask users list` shows them.")
    try:
        services.set_password(user, _read_password(), actor=None)
    except services.AccountError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    state = "" if user.active else " (the account is disabled: an admin can enable it on its page)"
    click.echo(f"new password set for {user.email}; its sessions are ended{state}")
