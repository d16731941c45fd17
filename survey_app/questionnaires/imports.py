"""Import uploaded XLSForm workbooks as a new instrument version: check, keep as a draft, save.

The database is where a saved version lives (every app server reads it, and sessions point at it);
the YAML file (with its media) is also written to the questionnaires folder after the commit, so
the instrument can be reviewed, edited and kept in version control like every other one. An
existing file there is kept beside it as ``instrument.yaml.before-v<N>.bak`` first.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select

from ..auth.models import User
from ..core.audit import record_event
from ..extensions import db
from ..models_base import utcnow
from .loader import content_hash, parse_definition
from .models import Questionnaire, QuestionnaireDraft, QuestionnaireVersion
from .problems import DefinitionError, Problem
from .services import VersionConflict, find_version, questionnaires_dir, store_definition
from .xlsform import ImportDefaults, ImportResult, MediaFiles, import_xlsforms
from .xlsform.media import safe_name

DRAFT_DAYS = 1


@dataclass(frozen=True)
class Upload:
    """What an admin sent: workbooks (name, bytes), media files by name, and the import's options."""

    workbooks: list[tuple[str, bytes]]
    media: dict[str, bytes]
    defaults: ImportDefaults
    #: Problems found before any workbook was read (a media file's name, too many files, ...).
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class SavedImport:
    version: QuestionnaireVersion
    slug: str
    yaml_text: str
    media: dict[str, bytes]


def preview_upload(upload: Upload) -> ImportResult:
    """Import the workbooks and check the version against what is loaded; nothing is stored."""
    result = import_xlsforms(upload.workbooks, upload.defaults, MediaFiles(upload.media))
    result.problems[:0] = list(upload.problems)
    if result.data is not None and (conflict := version_problem(result)):
        result.problems.append(conflict)
    if result.problems:
        result.data = None
    return result


def version_problem(result: ImportResult) -> Problem | None:
    """Why this id and version cannot be saved (already loaded), or None."""
    data = result.data or {}
    slug, version = data["id"], data["version"]
    loaded = find_version(slug, version)
    where = Problem(", ".join(result.sources), None, "version", "", "settings", None)
    if loaded is not None and loaded.content_hash == content_hash(data):
        return _with(where, f"{slug} v{version} is already loaded with exactly this content; there is nothing new "
                            "to save")
    if loaded is not None:
        return _with(where, f"{slug} v{version} is already loaded with other content, and a loaded version never "
                            f"changes: give the next free version, {next_version(slug)}, in the settings sheet's "
                            "version or under Version here")
    return None


def _with(problem: Problem, message: str) -> Problem:
    return Problem(problem.file, problem.item, problem.field, message, problem.sheet, problem.row)


def next_version(slug: str) -> int:
    query = select(func.max(QuestionnaireVersion.version)).join(Questionnaire).where(Questionnaire.slug == slug)
    return (db.session.scalar(query) or 0) + 1


def create_draft(result: ImportResult, *, actor: User) -> QuestionnaireDraft:
    """Keep a checked import until its admin saves it (older drafts are removed on the way)."""
    if result.data is None:
        raise DefinitionError(result.problems)
    db.session.execute(delete(QuestionnaireDraft).where(
        QuestionnaireDraft.created_at < utcnow() - timedelta(days=DRAFT_DAYS)))
    draft = QuestionnaireDraft(
        created_by_id=actor.id, slug=result.data["id"], version=result.data["version"],
        sources=", ".join(result.sources)[:500], definition=result.data, yaml_text=result.yaml(),
        warnings=[_as_dict(warning) for warning in result.warnings], media=_zipped(result.media))
    db.session.add(draft)
    db.session.flush()
    return draft


def get_draft(draft_id: int, *, actor: User) -> QuestionnaireDraft | None:
    """An admin's own draft (another admin's upload is not theirs to save)."""
    draft = db.session.get(QuestionnaireDraft, draft_id)
    return draft if draft is not None and draft.created_by_id == actor.id else None


def save_draft(draft: QuestionnaireDraft, *, actor: User) -> SavedImport:
    """Store the draft as a new immutable version; raises VersionConflict or DefinitionError."""
    instrument, problems = parse_definition(draft.definition, f"draft {draft.id}")
    if instrument is None:
        raise DefinitionError(problems)
    loaded = find_version(instrument.id, instrument.version)
    if loaded is not None:
        raise VersionConflict(f"{instrument.id} v{instrument.version} was loaded meanwhile; upload the workbook "
                              f"again with version {next_version(instrument.id)}")
    version = store_definition(instrument)
    record_event(actor, "import_questionnaire", version.label)
    saved = SavedImport(version, draft.slug, draft.yaml_text, _unzipped(draft.media))
    db.session.delete(draft)
    return saved


def write_files(saved: SavedImport, root: Path | None = None) -> Path:
    """Write the saved version's YAML and media into the questionnaires folder (after the commit)."""
    folder = (root or questionnaires_dir()) / saved.slug
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "instrument.yaml"
    if target.exists():
        backup = folder / f"instrument.yaml.before-v{saved.version.version}.bak"
        backup.write_bytes(target.read_bytes())
    target.write_text(saved.yaml_text, encoding="utf-8")
    for name, content in saved.media.items():
        (folder / "media").mkdir(exist_ok=True)
        (folder / "media" / safe_name(name)).write_bytes(content)
    return target


def _as_dict(problem: Problem) -> dict[str, Any]:
    return {"file": problem.file, "sheet": problem.sheet, "row": problem.row, "column": problem.field,
            "item": problem.item, "message": problem.message}


def _zipped(media: dict[str, bytes]) -> bytes | None:
    if not media:
        return None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in media.items():
            archive.writestr(safe_name(name), content)
    return buffer.getvalue()


def _unzipped(content: bytes | None) -> dict[str, bytes]:
    if not content:
        return {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}
