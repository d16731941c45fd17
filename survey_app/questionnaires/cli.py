"""`flask questionnaires ...`: check, load, list, and XLSForm import/export."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from ..extensions import db
from . import services
from .xlsform_cli import register as register_xlsform_commands

questionnaires_cli = AppGroup("questionnaires", help="Check, load and convert instrument definitions.")
register_xlsform_commands(questionnaires_cli)


def _report_problems(problems) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)
    raise click.ClickException(f"{len(problems)} problem(s) found; nothing was loaded.")


@questionnaires_cli.command("check")
@click.option("--path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Folder of instrument folders (default: the project's questionnaires/).")
def check_command(path: Path | None) -> None:
    """Validate every definition and report every problem at once."""
    instruments, problems = services.check_definitions(path)
    if problems:
        _report_problems(problems)
    for instrument in instruments:
        click.echo(f"ok  {instrument.id} v{instrument.version}: {len(instrument.items)} items, "
                   f"bands {', '.join(b.id for b in instrument.bands)}")


@questionnaires_cli.command("load")
@click.option("--path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None)
def load_command(path: Path | None) -> None:
    """Store every checked definition as an immutable version."""
    instruments, problems = services.check_definitions(path)
    if problems:
        _report_problems(problems)
    try:
        result = services.load_definitions(instruments)
    except services.VersionConflict as error:
        raise click.ClickException(f"{error}\nNothing was loaded.") from error
    db.session.commit()
    for label in result.added:
        click.echo(f"loaded     {label}")
    for label in result.unchanged:
        click.echo(f"unchanged  {label}")


@questionnaires_cli.command("list")
def list_command() -> None:
    """Show the loaded versions."""
    versions = services.list_versions()
    if not versions:
        click.echo("No questionnaires loaded yet (flask questionnaires load).")
    for version in versions:
        click.echo(f"{version.label}\t{len(version.items)} items\t{version.title_zh} / {version.title_en}\t"
                   f"loaded {version.loaded_at:%Y-%m-%d}")
