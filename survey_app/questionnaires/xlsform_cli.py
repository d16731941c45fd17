"""`flask questionnaires export-xlsform` and `import-xlsform`; ``register`` adds them to a command group."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import click
from flask import has_app_context
from flask.cli import ScriptInfo

from . import services
from .loader import DEFINITION_NAMES, read_data
from .problems import DefinitionError, Problem
from .vocabulary import TAGS
from .xlsform import ImportDefaults, MediaFiles, export_xlsform, import_xlsforms
from .xlsform.media import safe_name


def register(group: click.Group) -> None:
    group.add_command(export_command)
    group.add_command(import_command)


def _fail(problems: list[Problem], what: str) -> NoReturn:
    for problem in problems:
        click.echo(str(problem), err=True)
    raise click.ClickException(f"{len(problems)} problem(s) found; {what}.")


def definition_path(slug_or_path: str) -> Path:
    """A definition file, its folder, or an instrument folder's name under the questionnaires folder."""
    path = Path(slug_or_path)
    if not path.exists() and (root := _questionnaires_dir()) is not None:
        path = root / slug_or_path
    if path.is_dir():
        path = next((path / name for name in DEFINITION_NAMES if (path / name).exists()), path / DEFINITION_NAMES[0])
    if not path.is_file():
        raise click.ClickException(f"no definition at {path}")
    return path


def _questionnaires_dir() -> Path | None:
    """The app's questionnaires folder; commands added with ``add_command`` may run before an app context."""
    if has_app_context():
        return services.questionnaires_dir()
    info = click.get_current_context().find_object(ScriptInfo)
    if info is None:
        return None
    with info.load_app().app_context():
        return services.questionnaires_dir()


@click.command("export-xlsform")
@click.argument("slug_or_path")
@click.option("--band", required=True, help="The band to export (a workbook holds one band's wording).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export_command(slug_or_path: str, band: str, output: Path) -> None:
    """Write one band of an instrument as an XLSForm workbook for KoboToolbox/ODK."""
    path = definition_path(slug_or_path)
    data, problems = read_data(path)
    if problems:
        _fail(problems, "nothing was written")
    try:
        workbook = export_xlsform(data, band, str(path))
    except DefinitionError as error:
        _fail(error.problems, "nothing was written")
    workbook.save(output)
    click.echo(f"wrote {output} (band {band} of {path})")


@click.command("import-xlsform")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the definition, e.g. questionnaires/<id>/instrument.yaml.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--media", "media_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The form's media folder (choice images, CSV lists); default: <workbook>-media beside it.")
@click.option("--id", "instrument_id", help="Instrument id (default: from the workbook's form_id).")
@click.option("--version", "version", type=click.IntRange(1, 2_147_483_647),
              help="Version number, replacing the workbook's (e.g. a date-style 2026112801).")
@click.option("--band", default=None, help="Band id for a workbook without one (default A).")
@click.option("--ages", default=None, help="Band ages for a workbook without them, youngest-oldest (default 6-17).")
@click.option("--action", type=click.Choice(list(TAGS["action"])), help="Action tag for items without one.")
@click.option("--scale", type=click.Choice(list(TAGS["scale"])), help="Spatial-scale tag for items without one.")
@click.option("--lundy", type=click.Choice(list(TAGS["lundy"])), help="Lundy tag for items without one.")
def import_command(files: tuple[Path, ...], output: Path, force: bool, media_dir: Path | None,
                   instrument_id: str | None, version: int | None, band: str | None, ages: str | None,
                   action: str | None, scale: str | None, lundy: str | None) -> None:
    """Turn XLSForm workbooks (one per band of one instrument) into a checked definition file."""
    if output.exists() and not force:
        raise click.ClickException(f"{output} exists; use --force to replace it")
    tags = {name: value for name, value in (("action", action), ("scale", scale), ("lundy", lundy)) if value}
    defaults = ImportDefaults(band=band, ages=_ages(ages), instrument_id=instrument_id, version=version,
                              tags=tags or None)
    media_dir = media_dir or _beside(files[0])
    result = import_xlsforms(list(files), defaults, MediaFiles(folder=media_dir))
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not result.ok:
        _fail(result.problems, "nothing was written")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(result.yaml(), encoding="utf-8")
    copied = write_media(output.parent, result.media)
    bands = ", ".join(b["id"] for b in result.data["bands"])
    media_said = f", {len(copied)} media file(s) in {output.parent / 'media'}" if copied else ""
    click.echo(f"wrote {output}: {result.data['id']} v{result.data['version']}, bands {bands}{media_said}"
               f" ({len(result.warnings)} warning(s))")


def _ages(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    try:
        youngest, oldest = (int(part) for part in text.split("-"))
    except ValueError:
        raise click.BadParameter("use youngest-oldest, e.g. 9-11", param_hint="--ages") from None
    return youngest, oldest


def _beside(workbook: Path) -> Path | None:
    """ODK's habit: a form's media sit in ``<form>-media`` next to it."""
    folder = workbook.with_name(f"{workbook.stem}-media")
    if folder.is_dir():
        click.echo(f"using media from {folder}", err=True)
        return folder
    return None


def write_media(folder: Path, media: dict[str, bytes]) -> list[Path]:
    """Copy the media a definition names into its folder's media/ (names were checked as plain file names)."""
    written = []
    for name, content in media.items():
        target = folder / "media" / safe_name(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    return written
