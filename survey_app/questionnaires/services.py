"""Store instrument definitions as immutable versions and read them back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from .loader import content_hash, parse_definition, read_all
from .models import Questionnaire, QuestionnaireItem, QuestionnaireVersion
from .problems import DefinitionError, Problem
from .schema import Instrument


class VersionConflict(Exception):
    """Other content was offered under a version number that is already loaded."""


@dataclass(frozen=True)
class LoadResult:
    added: list[str]
    unchanged: list[str]


def questionnaires_dir() -> Path:
    configured = current_app.config.get("QUESTIONNAIRES_DIR")
    return Path(configured) if configured else Path(current_app.root_path).parent / "questionnaires"


def check_definitions(root: Path | None = None) -> tuple[list[Instrument], list[Problem]]:
    """Read and check every definition under root (default: the questionnaires folder)."""
    return read_all(root or questionnaires_dir())


def find_version(slug: str, version: int) -> QuestionnaireVersion | None:
    query = (select(QuestionnaireVersion).join(Questionnaire)
             .where(Questionnaire.slug == slug, QuestionnaireVersion.version == version))
    return db.session.scalar(query)


def load_definitions(instruments: list[Instrument]) -> LoadResult:
    """Store new versions; refuse all of them if any would change a loaded version's content."""
    added, unchanged, conflicts = [], [], []
    for instrument in instruments:
        existing = find_version(instrument.id, instrument.version)
        label = f"{instrument.id} v{instrument.version}"
        if existing is None:
            added.append(instrument)
        elif existing.content_hash == content_hash(instrument.raw):
            unchanged.append(label)
        else:
            conflicts.append(f"{label} is already loaded with other content; raise its version number "
                             f"to load the changes")
    if conflicts:
        raise VersionConflict("\n".join(conflicts))
    for instrument in added:
        store_definition(instrument)
    return LoadResult([f"{i.id} v{i.version}" for i in added], unchanged)


def store_definition(instrument: Instrument) -> QuestionnaireVersion:
    """Add one version and its items (the caller checked it is new)."""
    questionnaire = db.session.scalar(select(Questionnaire).where(Questionnaire.slug == instrument.id))
    if questionnaire is None:
        questionnaire = Questionnaire(slug=instrument.id)
        db.session.add(questionnaire)
    version = QuestionnaireVersion(
        questionnaire=questionnaire, version=instrument.version, title_zh=instrument.title.get("zh", ""),
        title_en=instrument.title.get("en", ""), content_hash=content_hash(instrument.raw),
        definition=instrument.raw)
    for position, item in enumerate(instrument.items):
        version.items.append(QuestionnaireItem(
            code=item.code, position=position, type=item.type, section=item.section,
            action=item.tags.get("action"), scale=item.tags.get("scale"), lundy=item.tags.get("lundy"),
            harmonise=item.harmonise, bands=",".join(item.bands)))
    db.session.add(version)
    db.session.flush()
    return version


#: Parsed definitions by (version id, content hash); stored versions never change.
_PARSED: dict[tuple[int, str], Instrument] = {}


def get_definition(version: QuestionnaireVersion) -> Instrument:
    """The parsed instrument of a stored version (parsed once per process)."""
    return definition_for(version.id, version.content_hash, lambda: version.definition)


def definition_for(version_id: int, content_hash: str,
                   load: Callable[[], dict[str, Any]] | None = None) -> Instrument:
    """The parsed instrument by id and hash; the stored definition is read only the first time."""
    key = (version_id, content_hash)
    if key not in _PARSED:
        data = load() if load else db.session.scalar(
            select(QuestionnaireVersion.definition).where(QuestionnaireVersion.id == version_id))
        instrument, problems = parse_definition(data, f"stored version {version_id}")
        if instrument is None:
            raise DefinitionError(problems)
        _PARSED[key] = instrument
    return _PARSED[key]


def list_versions() -> list[QuestionnaireVersion]:
    query = select(QuestionnaireVersion).join(Questionnaire).order_by(Questionnaire.slug, QuestionnaireVersion.version)
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class ItemCounts:
    """A version's items: those that store an answer, and the practice items and notes shown besides."""

    answered: int
    other: int


def count_items(version: QuestionnaireVersion) -> ItemCounts:
    items = get_definition(version).items
    answered = sum(1 for item in items if item.type != "note" and not item.practice)
    return ItemCounts(answered, len(items) - answered)
