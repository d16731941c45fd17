"""`flask demo load`: demo accounts and data, only ever in demo mode."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from ..extensions import db
from . import services

demo_cli = AppGroup("demo", help="Demo data (refused unless SURVEY_DEMO is true).")


@demo_cli.command("load")
def load_demo_command() -> None:
    """Load demo accounts and data once; print the new passwords once."""
    if not current_app.config.get("DEMO"):
        raise click.ClickException("Demo data is only loaded in demo mode (SURVEY_DEMO=true).")
    created = services.load_demo_data()
    services.load_demo_session()
    db.session.commit()
    session = services.first_demo_session()
    if session:
        click.echo(f"Demo session: join code {session.join_code}, tablet PIN {services.DEMO_PIN} "
                   f"(if unchanged), kiosk at http://127.0.0.1:5000/k/")
    if not created:
        click.echo("Demo data already loaded; passwords were shown when it was first loaded.")
        return
    click.echo("Demo accounts (passwords are shown only this once):")
    for email, roles, password in created:
        click.echo(f"  {email:32} {password}   [{roles}]")
