"""Results for researchers and officials: every number through disclosure control, on screen and in CSV."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, render_template, request
from flask_login import current_user

from ..auth.login import roles_required
from ..auth.models import Role
from ..core.audit import record_event
from ..extensions import db
from ..i18n import content_language
from ..privacy.disclosure import Audience
from ..questionnaires.models import QuestionnaireVersion
from ..questionnaires.services import get_definition, list_versions
from . import services

bp = Blueprint("reports", __name__, url_prefix="/results")
READERS = (Role.RESEARCHER, Role.ADMIN)


def _audience() -> Audience:
    return Audience.PUBLIC if request.args.get("audience") == "public" else Audience.INTERNAL


@bp.get("/")
@roles_required(*READERS)
def results_index():
    """Choose a questionnaire version."""
    return render_template("reports/index.html", versions=list_versions())


@bp.get("/<int:version_id>")
@roles_required(*READERS)
def version_results(version_id: int):
    """The share agreeing per item, pooled across age bands and by band."""
    version = db.get_or_404(QuestionnaireVersion, version_id)
    audience = _audience()
    return render_template("reports/results.html", version=version, definition=get_definition(version),
                           results=services.agree_results(version, audience), audience=audience,
                           respondents=services.count_respondents(version, audience), lang=content_language())


@bp.get("/<int:version_id>/results.csv")
@roles_required(*READERS)
def version_results_csv(version_id: int):
    """The same table as CSV (UTF-8 with BOM so spreadsheet programs read Chinese correctly)."""
    version = db.get_or_404(QuestionnaireVersion, version_id)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(services.results_csv_rows(version, _audience(), content_language()))
    record_event(current_user, "export_results_csv", version.label)
    db.session.commit()
    filename = f"{version.questionnaire.slug}-v{version.version}-{_audience().value}.csv"
    return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
