"""`flask users ...`: scripted account set-up, so the first admin needs no web UI."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from ..extensions import db
from . import services
from .models import ROLE_VALUES, Role

users_cli = AppGroup("users", help="Create and list staff accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice(ROLE_VALUES),
              help="A role to give; repeat for several.")
@click.option("--name", default="", help="Display name.")
def create_user_command(email: str, roles: tuple[str, ...], name: str) -> None:
    """Create an account; the password is read from standard input."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        user = services.create_user(email, password, {Role(r) for r in roles}, name)
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
