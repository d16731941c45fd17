"""Staff pages: the loaded instruments, and each version's items band by band."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from ..auth.login import roles_required
from ..auth.models import Role
from ..extensions import db
from ..i18n import content_language
from . import services
from .models import QuestionnaireVersion
from .vocabulary import ACTIONS, LUNDY, OPTOUTS, SCALES
from .xlsform import export_xlsform, workbook_bytes

bp = Blueprint("questionnaires", __name__, url_prefix="/questionnaires")
READERS = (Role.ADMIN, Role.RESEARCHER, Role.FACILITATOR)


@bp.get("/")
@roles_required(*READERS)
def instrument_list():
    """List the loaded instrument versions."""
    versions = services.list_versions()
    return render_template("questionnaires/list.html", versions=versions,
                           counts={version.id: services.count_items(version) for version in versions})


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
                           items=definition.items_for(band.id), lang=content_language(),
                           tag_names={"action": ACTIONS, "scale": SCALES, "lundy": LUNDY}, optouts=OPTOUTS)


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
