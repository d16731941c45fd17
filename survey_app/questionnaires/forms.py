"""The XLSForm upload form, and turning what it received into an ``imports.Upload`` with every limit checked."""

from __future__ import annotations

import re
import unicodedata

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from werkzeug.datastructures import FileStorage
from wtforms import IntegerField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import NumberRange, Optional, Regexp, ValidationError

from .imports import Upload
from .problems import Problem
from .vocabulary import ACTIONS, LUNDY, SCALES
from .xlsform import ImportDefaults
from .xlsform.importer import MAX_WORKBOOKS
from .xlsform.media import MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES, MediaError, safe_name
from .xlsform.reading import MAX_BYTES


def _tag_choices(names: dict) -> list[SelectChoice]:
    return [SelectChoice("", _l("From the workbook"))] + [SelectChoice(code, f"{code} · {zh} · {en}")
                                                          for code, (zh, en) in names.items()]


class WorkbookImportForm(FlaskForm):
    workbooks = MultipleFileField(_l("XLSForm workbooks (.xlsx), one per age band"))
    media = MultipleFileField(_l("Media files (choice pictures, CSV lists for select_one_from_file)"))
    instrument_id = StringField(_l("Instrument id"), validators=[
        Optional(), Regexp(r"^[a-z0-9][a-z0-9-]{1,63}$", message=_l("Lower-case letters, digits and hyphens."))])
    version = IntegerField(_l("Version"), validators=[
        Optional(), NumberRange(1, 2_147_483_647, message=_l("A whole number from 1."))])
    band = StringField(_l("Band id, for a workbook that names none"), validators=[
        Optional(), Regexp(r"^[A-Za-z0-9_-]{1,8}$", message=_l("Up to 8 letters or digits."))])
    ages = StringField(_l("Band ages, for a workbook that names none"), validators=[
        Optional(), Regexp(r"^\d{1,2}-\d{1,2}$", message=_l("Youngest-oldest, e.g. 9-11."))])
    action = SelectField(_l("Action tag for questions without one"), choices=_tag_choices(ACTIONS), default="")
    scale = SelectField(_l("Spatial-scale tag for questions without one"), choices=_tag_choices(SCALES), default="")
    lundy = SelectField(_l("Lundy tag for questions without one"), choices=_tag_choices(LUNDY), default="")
    submit = SubmitField(_l("Check the workbooks"))

    def validate_workbooks(self, field) -> None:
        if not [f for f in field.data or [] if isinstance(f, FileStorage) and f.filename]:
            raise ValidationError(_l("Choose at least one .xlsx workbook."))

    def validate_ages(self, field) -> None:
        if field.data and int(field.data.split("-")[0]) > int(field.data.split("-")[1]):
            raise ValidationError(_l("The youngest age comes first."))

    def defaults(self) -> ImportDefaults:
        ages = tuple(int(part) for part in self.ages.data.split("-")) if self.ages.data else None
        tags = {name: getattr(self, name).data for name in ("action", "scale", "lundy") if getattr(self, name).data}
        return ImportDefaults(band=self.band.data or None, ages=ages, instrument_id=self.instrument_id.data or None,
                              version=self.version.data, tags=tags or None)


class DraftSaveForm(FlaskForm):
    submit = SubmitField(_l("Save as a new version"))


def read_upload(form: WorkbookImportForm) -> Upload:
    """The files as bytes, each read no further than its limit; what breaks a limit becomes a problem."""
    problems: list[Problem] = []
    workbooks = []
    for storage in _files(form.workbooks.data)[:MAX_WORKBOOKS + 1]:
        name = display_name(storage.filename)
        content = storage.read(MAX_BYTES + 1)
        if len(content) > MAX_BYTES:
            problems.append(Problem(name, None, "", f"larger than {MAX_BYTES // (1024 * 1024)} MB"))
        else:
            workbooks.append((name, content))
    if len(_files(form.workbooks.data)) > MAX_WORKBOOKS:
        problems.append(Problem("upload", None, "", f"more than {MAX_WORKBOOKS} workbooks; give one per band"))
    media = _media(_files(form.media.data), problems)
    return Upload(workbooks, media, form.defaults(), tuple(problems))


def _media(files: list[FileStorage], problems: list[Problem]) -> dict[str, bytes]:
    media: dict[str, bytes] = {}
    total = 0
    if len(files) > MAX_FILES:
        problems.append(Problem("media", None, "", f"more than {MAX_FILES} media files"))
    for storage in files[:MAX_FILES]:
        try:
            name = safe_name(storage.filename or "")
        except MediaError as error:
            problems.append(Problem("media", None, "", str(error)))
            continue
        content = storage.read(MAX_FILE_BYTES + 1)
        total += len(content)
        if len(content) > MAX_FILE_BYTES or total > MAX_TOTAL_BYTES:
            problems.append(Problem(name, None, "", f"media larger than {MAX_FILE_BYTES // (1024 * 1024)} MB each "
                                                    f"or {MAX_TOTAL_BYTES // (1024 * 1024)} MB in all"))
            continue
        media[name] = content
    return media


def _files(data: object) -> list[FileStorage]:
    return [f for f in data or [] if isinstance(f, FileStorage) and f.filename]


def display_name(filename: str | None) -> str:
    """A file name safe to show and to put in messages: its last part, printable, at most 80 characters."""
    name = re.split(r"[\\/]", unicodedata.normalize("NFC", filename or ""))[-1]
    name = "".join(char for char in name if unicodedata.category(char)[0] not in "C")
    return name[:80] or "workbook.xlsx"
