"""Import places from CSV (``code,name,level,parent_code``) and look them up."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlalchemy import func, select

from ..extensions import db
from .models import CODE_LENGTHS, LEVELS, Place

HEADER = ["code", "name", "level", "parent_code"]
MAX_ROWS = 200_000
PARENT_LEVEL = {"street": "district", "community": "street"}


class PlacesInvalid(ValueError):
    """The file has problems; ``problems`` lists each with its line number. Nothing was imported."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int


def parse_places_csv(text: str) -> list[dict[str, str]]:
    """Read and check every row; raise PlacesInvalid listing every problem."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or [c.strip() for c in rows[0]] != HEADER:
        raise PlacesInvalid([f"line 1: the first line must be {','.join(HEADER)}"])
    if len(rows) - 1 > MAX_ROWS:
        raise PlacesInvalid([f"more than {MAX_ROWS} rows"])
    problems, places, seen = [], [], {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 4:
            problems.append(f"line {line}: needs 4 columns, found {len(row)}")
            continue
        place = dict(zip(HEADER, (cell.strip() for cell in row), strict=True))
        problems += [f"line {line}: {p}" for p in _row_problems(place, seen)]
        seen[place["code"]] = place["level"]
        places.append(place)
    problems += _missing_parents(places, seen)
    if problems:
        raise PlacesInvalid(problems)
    return places


def _row_problems(place: dict[str, str], seen: dict[str, str]) -> list[str]:
    code, level, parent = place["code"], place["level"], place["parent_code"]
    if level not in LEVELS:
        return [f"level {level!r} must be one of {', '.join(LEVELS)}"]
    problems = []
    if not code.isdigit() or len(code) != CODE_LENGTHS[level]:
        problems.append(f"a {level} code has {CODE_LENGTHS[level]} digits, not {code!r}")
    if not parent.isdigit() or not code.startswith(parent) or len(parent) >= len(code):
        problems.append(f"code {code} must begin with its parent's code {parent!r}")
    if not place["name"] or len(place["name"]) > 100:
        problems.append("a name of 1 to 100 characters is needed")
    if code in seen:
        problems.append(f"code {code} appears twice")
    return problems


def _missing_parents(places: list[dict[str, str]], in_file: dict[str, str]) -> list[str]:
    wanted = {p["parent_code"] for p in places if p["level"] != "district"} - set(in_file)
    known = set(db.session.scalars(select(Place.code))) if wanted else set()
    return [f"parent {code} is neither in the file nor already imported" for code in sorted(wanted - known)]


def import_places(text: str) -> ImportResult:
    """Add new places and rename changed ones, all or nothing."""
    rows = parse_places_csv(text)
    existing = {p.code: p for p in db.session.scalars(select(Place))}  # a city has thousands, not millions
    added = updated = 0
    for row in rows:
        place = existing.get(row["code"])
        if place is None:
            db.session.add(Place(**row))
            added += 1
        elif (place.name, place.level, place.parent_code) != (row["name"], row["level"], row["parent_code"]):
            place.name, place.level, place.parent_code = row["name"], row["level"], row["parent_code"]
            updated += 1
    db.session.flush()
    return ImportResult(added, updated)


#: Places found to exist. Imports only add or rename places, never delete them, so a place once
#: found stays valid and intake need not ask the database again.
_KNOWN_PLACES: set[tuple[str, str]] = set()


def place_exists(code: str, level: str) -> bool:
    if (code, level) in _KNOWN_PLACES:
        return True
    found = db.session.scalar(select(Place.code).where(Place.code == code, Place.level == level)) is not None
    if found:
        _KNOWN_PLACES.add((code, level))
    return found


def children_of(parent_code: str | None, level: str) -> list[Place]:
    query = select(Place).where(Place.level == level).order_by(Place.code)
    if parent_code:
        query = query.where(Place.parent_code == parent_code)
    return list(db.session.scalars(query))


def get_place(code: str | None) -> Place | None:
    """The place with this code; None for anything that cannot be a place code (PostgreSQL refuses a
    NUL or a lone surrogate in a query parameter, so such text never reaches it)."""
    if not code or len(code) > 12 or not code.isascii() or not code.isdigit():
        return None
    return db.session.get(Place, code)


def count_places() -> dict[str, int]:
    rows = db.session.execute(select(Place.level, func.count()).group_by(Place.level)).all()
    return {level: count for level, count in rows}
