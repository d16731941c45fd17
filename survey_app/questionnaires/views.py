"""Staff pages: the loaded instruments, each version's items band by band, and XLSForm import (admins)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import RequestEntityTooLarge

from ..auth.login import roles_required
from ..auth.models import Role
from ..extensions import csrf, db
from ..i18n import content_language
from . import imports, services
from .forms import DraftSaveForm, WorkbookImportForm, read_upload
from .loader import parse_definition
from .models import QuestionnaireVersion
from .problems import DefinitionError
from .vocabulary import ACTIONS, LUNDY, OPTOUTS, SCALES
from .xlsform import export_xlsform, workbook_bytes
from .xlsform.yaml_out import to_yaml

bp = Blueprint("questionnaires", __name__, url_prefix="/questionnaires")
READERS = (Role.ADMIN, Role.RESEARCHER, Role.FACILITATOR)


@bp.get("/")
@roles_required(*READERS)
def instrument_list():
    """List the loaded instrument versions."""
    versions = services.list_versions()
    return render_template("questionnaires/list.html", versions=versions,
                           counts={version.id: services.count_items(version) for version in versions},
                           can_import=current_user.has_role(Role.ADMIN))


@bp.get("/versions/<int:version_id>")
@roles_required(*READERS)
def version_detail(version_id: int):
    """Show one version's items as a band sees them."""
    version = db.get_or_404(QuestionnaireVersion, version_id)
    definition = services.get_definition(version)
    band = definition.band(request.args.get("band", "")) or definition.bands[0]
    if band is None:
        abort(404)
    return render_template("questionnaires/detail.html", version=version, definition=definition, band=band,
                           items=definition.items_for(band.id), **_item_names())


def _item_names() -> dict:
    return {"lang": content_language(), "tag_names": {"action": ACTIONS, "scale": SCALES, "lundy": LUNDY},
            "optouts": OPTOUTS}


@bp.get("/versions/<int:version_id>/xlsform")
@roles_required(*READERS)
def version_xlsform(version_id: int):
    """One band of a version as an XLSForm workbook, for KoboToolbox or ODK."""
    version = db.get_or_404(QuestionnaireVersion, version_id)
    band = services.get_definition(version).band(request.args.get("band", ""))
    if band is None:
        abort(404)
    data = workbook_bytes(export_xlsform(version.definition, band.id, version.label))
    filename = f"{version.questionnaire.slug}-v{version.version}-band-{band.id}.xlsx"
    return Response(data, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/versions/<int:version_id>/instrument.yaml")
@roles_required(*READERS)
def version_yaml(version_id: int):
    """A version's definition as a YAML file (as stored; comments are not kept)."""
    version = db.get_or_404(QuestionnaireVersion, version_id)
    filename = f"{version.questionnaire.slug}-v{version.version}.yaml"
    return Response(to_yaml(version.definition), mimetype="text/yaml; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/import", methods=["GET", "POST"])
@csrf.exempt  # checked below, once the upload's own size limit applies (the app-wide limit is far smaller)
@roles_required(Role.ADMIN)
def import_workbook():
    """Upload XLSForm workbooks: every problem at once, or a preview to save as a new version."""
    request.max_content_length = current_app.config["QUESTIONNAIRES_UPLOAD_BYTES"]
    try:
        if request.method == "POST" and current_app.config.get("WTF_CSRF_ENABLED", True):
            csrf.protect()
        form = WorkbookImportForm()
        submitted = form.validate_on_submit()
    except RequestEntityTooLarge:
        limit = f"{current_app.config['QUESTIONNAIRES_UPLOAD_BYTES'] / (1024 * 1024):.3g}"
        flash(_("The files are larger than %(mb)s MB in all. Send the workbooks and pictures again, fewer or "
                "smaller.", mb=limit), "error")
        return render_template("questionnaires/import.html", form=WorkbookImportForm(formdata=None), result=None), 413
    result = imports.preview_upload(read_upload(form)) if submitted else None
    if result is None or not result.ok:
        return render_template("questionnaires/import.html", form=form, result=result)
    draft = imports.create_draft(result, actor=current_user)
    db.session.commit()
    return redirect(url_for("questionnaires.import_preview", draft_id=draft.id))


@bp.get("/import/<int:draft_id>")
@roles_required(Role.ADMIN)
def import_preview(draft_id: int):
    """Show an upload's bands, items and warnings before it is saved."""
    draft = imports.get_draft(draft_id, actor=current_user) or abort(404)
    definition, _problems = parse_definition(draft.definition, draft.sources)
    if definition is None:
        abort(404)
    band = definition.band(request.args.get("band", "")) or definition.bands[0]
    return render_template("questionnaires/preview.html", draft=draft, definition=definition, band=band,
                           items=definition.items_for(band.id), form=DraftSaveForm(), **_item_names())


@bp.get("/import/<int:draft_id>/instrument.yaml")
@roles_required(Role.ADMIN)
def import_yaml(draft_id: int):
    """An upload's definition as the YAML file that saving writes."""
    draft = imports.get_draft(draft_id, actor=current_user) or abort(404)
    return Response(draft.yaml_text, mimetype="text/yaml; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{draft.slug}-v{draft.version}.yaml"'})


@bp.post("/import/<int:draft_id>/save")
@roles_required(Role.ADMIN)
def import_save(draft_id: int):
    """Store an upload as a new immutable version, then write its YAML file."""
    draft = imports.get_draft(draft_id, actor=current_user) or abort(404)
    if not DraftSaveForm().validate_on_submit():
        abort(400)
    try:
        saved = imports.save_draft(draft, actor=current_user)
        db.session.commit()
    except (services.VersionConflict, DefinitionError, IntegrityError) as error:
        db.session.rollback()
        flash(_("Not saved: %(why)s", why=_conflict_text(error)), "error")
        return redirect(url_for("questionnaires.import_preview", draft_id=draft_id))
    _write_files(saved)
    return redirect(url_for("questionnaires.version_detail", version_id=saved.version.id))


def _conflict_text(error: Exception) -> str:
    if isinstance(error, IntegrityError):
        return _("this version was saved by someone else at the same moment; upload again with a higher version.")
    return str(error)


def _write_files(saved: imports.SavedImport) -> None:
    try:
        path = imports.write_files(saved)
    except OSError as error:
        current_app.logger.warning("could not write %s: %s", saved.slug, error)
        flash(_("Saved as %(label)s. The YAML file could not be written to the questionnaires folder (%(why)s); "
                "download it with “YAML file” on this page and add it by hand.", label=saved.version.label,
                why=error.strerror or error), "warning")
        return
    flash(_("Saved as %(label)s, and written to %(path)s.", label=saved.version.label,
            path=f"{path.parent.name}/{path.name}"), "success")
