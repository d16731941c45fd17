"""`flask tallies check` and `flask tallies rebuild`: prove the running tallies match the answers, or repair them."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from ..extensions import db
from . import tallies

tallies_cli = AppGroup("tallies", help="Check or rebuild the running tallies from the stored answers.")


@tallies_cli.command("check")
def check_command() -> None:
    """List every tally that differs from the answers; exit 1 when any does."""
    differences = tallies.check_tallies()
    for difference in differences[:50]:
        *where, item, value = difference.key
        label = (f"session {where[0]} band {where[1]}" if len(where) == 2
                 else f"version {where[0]} area {where[1]} band {where[2]}" if len(where) == 3
                 else f"version {where[0]} area {where[1]} band {where[2]} by {where[3]}={where[4]}")
        click.echo(f"{label} {item}={value}: kept {difference.stored}, "
                   f"expected {difference.expected} (count, key sum)")
    if differences:
        raise click.ClickException(f"{len(differences)} tally row(s) differ from the answers; "
                                   "`flask tallies rebuild` replaces them")
    click.echo("every tally matches the answers")


@tallies_cli.command("rebuild")
def rebuild_command() -> None:
    """Replace every tally with the count from the answers, in one transaction."""
    written = tallies.rebuild_tallies()
    db.session.commit()
    click.echo(f"rebuilt {written} tally rows from the answers")
