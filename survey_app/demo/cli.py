"""`flask demo load`: demo accounts and data, only ever in demo mode."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from ..extensions import db
from . import services

demo_cli = AppGroup("demo", help="Demo data (refused unless SURVEY_DEMO is true).")

LOST_PASSWORDS = ("Lost a password? Set a new one (the terminal asks for it twice):\n"
                  "  SURVEY_DEMO=true .venv/bin/flask --app wsgi users set-password admin@demo.local")


def served_at(bind: str) -> str | None:
    """The address a browser on this machine opens for gunicorn's ``bind`` (None for a unix socket)."""
    host, sep, port = bind.split(",")[0].strip().rpartition(":")
    if not sep or not port.isdigit() or host.startswith("unix"):
        return None
    if host in ("", "0.0.0.0", "[::]", "::"):
        host = "127.0.0.1"
    return f"http://{host}:{port}"


@demo_cli.command("load")
def load_demo_command() -> None:
    """Load demo accounts and data once; print the new passwords once."""
    if not current_app.config.get("DEMO"):
        raise click.ClickException("Demo data is only loaded in demo mode (SURVEY_DEMO=true).")
    created = services.load_demo_data()
    services.load_demo_session()
    db.session.commit()
    url = served_at(str(current_app.config["BIND"]))
    session = services.first_demo_session()
    if session:
        kiosk = f", kiosk at {url}/k/" if url else ""
        click.echo(f"Demo session: join code {session.join_code}, tablet PIN {services.DEMO_PIN} (if unchanged){kiosk}")
    if url:
        click.echo(f"Staff sign in at {url}/auth/login")
    if not created:
        click.echo("Demo data already loaded; passwords were shown when it was first loaded.")
        click.echo(LOST_PASSWORDS)
        return
    click.echo("Demo accounts (passwords are shown only this once):")
    for email, roles, password in created:
        click.echo(f"  {email:32} {password}   [{roles}]")
    click.echo(LOST_PASSWORDS)
