"""`flask privacy screen` (stdin → JSON lines) and `flask privacy purge` (for a daily timer)."""

from __future__ import annotations

import json
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from ..extensions import db
from . import services
from .screening import screen_lines

privacy_cli = AppGroup("privacy", help="Free-text screening and safeguarding housekeeping.")


@privacy_cli.command("screen")
@click.option("--default-terms", is_flag=True, help="Use the shipped lexicon, not the one the lead saved.")
def screen_command(default_terms: bool) -> None:
    """Read one text per line on standard input; write one JSON object per line."""
    terms = None if default_terms else services.active_concern_terms()
    lines = (line.rstrip("\r\n") for line in sys.stdin)
    for result in screen_lines(lines, terms):
        click.echo(json.dumps(result, ensure_ascii=False))


@privacy_cli.command("purge")
@click.option("--days", type=int, default=None, help="Override SURVEY_SAFEGUARDING_RETENTION_DAYS.")
def purge_command(days: int | None) -> None:
    """Delete safeguarding items closed longer ago than the retention period."""
    retention = days if days is not None else current_app.config["SAFEGUARDING_RETENTION_DAYS"]
    removed = services.purge_closed_concerns(retention)
    db.session.commit()
    click.echo(f"purged {removed} closed safeguarding item(s) older than {retention} days")
