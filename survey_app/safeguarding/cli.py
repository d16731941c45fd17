"""`flask safeguarding purge`: daily housekeeping of the safeguarding queue (for a cron job or timer)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from ..extensions import db
from . import services

safeguarding_cli = AppGroup("safeguarding", help="Safeguarding queue housekeeping.")


@click.command("purge")
@click.option("--days", type=int, default=None, help="Override SURVEY_SAFEGUARDING_RETENTION_DAYS.")
@with_appcontext
def purge_command(days: int | None) -> None:
    """Delete safeguarding items closed longer ago than the retention period; rewrite the rest."""
    retention = days if days is not None else current_app.config["SAFEGUARDING_RETENTION_DAYS"]
    removed = services.purge_closed_concerns(retention)
    kept = services.rewrite_concern_rows()
    db.session.commit()
    click.echo(f"purged {removed} closed safeguarding item(s) older than {retention} days; rewrote {kept}")


safeguarding_cli.add_command(purge_command)
