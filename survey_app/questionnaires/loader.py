"""Find and read instrument definitions: one folder per instrument, holding instrument.yaml (or .json)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml

from .checks import check_instrument
from .parsing import read_instrument
from .problems import Problem
from .schema import Instrument

DEFINITION_NAMES = ("instrument.yaml", "instrument.yml", "instrument.json")
MAX_DEFINITION_BYTES = 2 * 1024 * 1024


def find_definitions(root: Path) -> list[Path]:
    """Every definition file under root, one per instrument folder."""
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        found.extend([folder / name for name in DEFINITION_NAMES if (folder / name).exists()][:1])
    return found


def read_data(path: Path) -> tuple[Any, list[Problem]]:
    """Parse YAML or JSON, turning syntax errors into problems with a line number."""
    try:
        if path.stat().st_size > MAX_DEFINITION_BYTES:
            return None, [Problem(str(path), None, "file", "larger than 2 MB")]
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(str(path), None, "file", f"cannot read: {error}")]
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark else ""
        return None, [Problem(str(path), None, "file", f"{line}not valid {path.suffix[1:].upper()}: {error}")]
    return data, []


def parse_definition(data: Any, source: str) -> tuple[Instrument | None, list[Problem]]:
    """Parse and check a definition mapping; the instrument is None when anything is wrong."""
    instrument, problems = read_instrument(data, source)
    if instrument is not None:
        problems += check_instrument(instrument, source)
    return (instrument if not problems else None), problems


def read_definition(path: Path) -> tuple[Instrument | None, list[Problem]]:
    data, problems = read_data(path)
    if problems:
        return None, problems
    return parse_definition(data, str(path))


def read_all(root: Path) -> tuple[list[Instrument], list[Problem]]:
    """Read every instrument under root; return those without problems and all problems found."""
    instruments, problems = [], []
    seen: dict[tuple[str, int], str] = {}
    for path in find_definitions(root):
        instrument, found = read_definition(path)
        problems += found
        if instrument is None:
            continue
        key = (instrument.id, instrument.version)
        if key in seen:
            problems.append(Problem(str(path), None, "version", f"{key[0]} version {key[1]} is also in {seen[key]}"))
            continue
        seen[key] = str(path)
        instruments.append(instrument)
    return instruments, problems


def content_hash(data: Any) -> str:
    """A fingerprint of a definition's content, independent of key order and formatting."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
