"""`flask questionnaires export-xlsform` and `import-xlsform`; ``register`` adds them to a command group."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NoReturn

import click
import yaml
from flask import has_app_context
from flask.cli import ScriptInfo

from . import services
from .loader import DEFINITION_NAMES, read_data
from .problems import DefinitionError, Problem
from .vocabulary import TAGS
from .xlsform import ImportDefaults, export_xlsform, import_xlsforms


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
@click.option("--id", "instrument_id", help="Instrument id for a plain form (default: from its form_id).")
@click.option("--band", default="A", show_default=True, help="Band id for a plain form.")
@click.option("--ages", default="6-17", show_default=True, help="Band ages for a plain form, youngest-oldest.")
@click.option("--action", type=click.Choice(list(TAGS["action"])), help="Action tag for items without one.")
@click.option("--scale", type=click.Choice(list(TAGS["scale"])), help="Spatial-scale tag for items without one.")
@click.option("--lundy", type=click.Choice(list(TAGS["lundy"])), help="Lundy tag for items without one.")
def import_command(files: tuple[Path, ...], output: Path, force: bool, instrument_id: str | None, band: str,
                   ages: str, action: str | None, scale: str | None, lundy: str | None) -> None:
    """Turn XLSForm workbooks (one per band of one instrument) into a checked definition file."""
    if output.exists() and not force:
        raise click.ClickException(f"{output} exists; use --force to replace it")
    try:
        youngest, oldest = (int(part) for part in ages.split("-"))
    except ValueError:
        raise click.BadParameter("use youngest-oldest, e.g. 9-11", param_hint="--ages") from None
    tags = {name: value for name, value in (("action", action), ("scale", scale), ("lundy", lundy)) if value}
    defaults = ImportDefaults(band=band, ages=(youngest, oldest), instrument_id=instrument_id, tags=tags or None)
    data, problems = import_xlsforms(list(files), defaults)
    if data is None:
        _fail(problems, "nothing was written")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(to_yaml(data), encoding="utf-8")
    bands = ", ".join(b["id"] for b in data["bands"])
    click.echo(f"wrote {output}: {data['id']} v{data['version']}, bands {bands}")


class _Dumper(yaml.SafeDumper):
    """Short mappings and lists on one line, as people write definitions by hand."""


def _mapping(dumper: yaml.SafeDumper, data: dict) -> Any:
    short = not any(isinstance(v, list) for v in data.values()) and len(json.dumps(data, ensure_ascii=False)) <= 110
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=short)


def _sequence(dumper: yaml.SafeDumper, data: list) -> Any:
    flat = all(isinstance(v, str | int | float) for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat)


_Dumper.add_representer(dict, _mapping)
_Dumper.add_representer(list, _sequence)


def to_yaml(data: dict[str, Any]) -> str:
    """Readable YAML for a definition (unicode as is, keys in their given order)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
