"""Researcher exports: pick a file and filters, download it streamed, read the codebook; admins see the log."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request, stream_with_context
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.login import roles_required
from ..auth.models import Role
from ..auth.services import account_emails
from ..core.audit import recent_events
from ..extensions import db
from ..fieldwork.forms import SETTING_LABELS
from ..i18n import content_language
from ..places.services import get_place
from ..questionnaires.models import QuestionnaireVersion
from ..questionnaires.services import get_definition, list_versions
from ..reports.forms import fill_filter_choices
from .codebook import codebook_rows
from .forms import ExportForm
from .responses import ExportFilters
from .services import ExportRefused, ExportRequest, plan_export

bp = Blueprint("exports", __name__, url_prefix="/exports")
READERS = (Role.RESEARCHER, Role.ADMIN)
LOGGED = ("export_responses", "export_results_csv", "export_policy_brief_pdf")


@bp.get("/")
@roles_required(*READERS)
def export_index():
    return render_template("exports/index.html", versions=list_versions())


@bp.get("/<int:version_id>")
@roles_required(*READERS)
def export_page(version_id: int):
    """The export form; with ``download`` set, the file itself (or the form saying why there is none)."""
    version = db.get_or_404(QuestionnaireVersion, version_id)
    definition = get_definition(version)
    form = ExportForm(request.args)
    fill_filter_choices(form, definition, content_language())
    if "download" not in request.args:
        return render_template("exports/export.html", version=version, form=form)
    problems = _problems(form, definition)
    if problems:
        return render_template("exports/export.html", version=version, form=form, problems=problems), 400
    try:
        export = plan_export(version, _request_from(form), actor=current_user)
    except ExportRefused as refused:
        return render_template("exports/export.html", version=version, form=form, problems=[str(refused)]), 400
    if not export.rows:
        return render_template("exports/export.html", version=version, form=form, nothing=export), 200
    db.session.commit()  # the log entry, before the first byte goes out
    return Response(stream_with_context(export.chunks), mimetype=export.mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{export.filename}"',
                             "X-Export-Rows": str(export.rows)})


@bp.get("/<int:version_id>/codebook")
@roles_required(*READERS)
def codebook_page(version_id: int):
    version = db.get_or_404(QuestionnaireVersion, version_id)
    return render_template("exports/codebook.html", version=version, rows=codebook_rows(get_definition(version)),
                           lang=content_language())


@bp.get("/log")
@roles_required(Role.ADMIN)
def export_log():
    """Every export: who, when, what, with which filters and how many rows."""
    events = recent_events(LOGGED, limit=500)
    return render_template("exports/log.html", events=events, emails=account_emails({e.actor_id for e in events}))


def _problems(form: ExportForm, definition) -> list[str]:
    """What is wrong with the request, in words for people (an unknown code is named, not ignored)."""
    # the radio fields refuse a value outside their choices themselves (layout, format, labels, language)
    problems = [] if form.validate() else [f"{form[name].label.text}: {' '.join(errors)}"
                                           for name, errors in form.errors.items()]
    if form.band.data and definition.band(form.band.data[:8]) is None:
        problems.append(_("There is no such age band in this questionnaire."))
    if form.place.data and get_place(form.place.data) is None:
        problems.append(_("There is no such district, street or community."))
    if form.setting.data and form.setting.data not in {k.value for k in SETTING_LABELS}:
        problems.append(_("There is no such setting."))
    return problems


def _request_from(form: ExportForm) -> ExportRequest:
    filters = ExportFilters(band=form.band.data or None, place=form.place.data or None,
                            setting=form.setting.data or None, first_month=form.first_month.data,
                            last_month=form.last_month.data)
    return ExportRequest(layout=form.layout.data or "wide", labels=form.labels.data == "labels",
                         lang=form.lang.data or "zh", bom=form.encoding.data != "plain",
                         include_text=bool(form.include_text.data), file_format=form.file_format.data or "csv",
                         filters=filters)
