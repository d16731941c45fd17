"""`flask places import FILE`: load a city's official places list."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from ..extensions import db
from . import services

places_cli = AppGroup("places", help="Import districts, streets and communities.")


@places_cli.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(csv_file: Path) -> None:
    """Import a CSV file of code,name,level,parent_code (all rows, or none when any is wrong)."""
    try:
        result = services.import_places(csv_file.read_text(encoding="utf-8"))
    except services.PlacesInvalid as error:
        for problem in error.problems:
            click.echo(f"{csv_file}: {problem}", err=True)
        raise click.ClickException(f"{len(error.problems)} problem(s); nothing was imported.") from error
    except UnicodeDecodeError as error:
        raise click.ClickException(f"{csv_file} is not UTF-8 text.") from error
    db.session.commit()
    click.echo(f"imported {result.added} new and {result.updated} changed places")
