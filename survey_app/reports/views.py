"""Results for researchers and officials: every number through disclosure control, on screen and in CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from ..auth.login import roles_required
from ..auth.models import Role
from ..core.audit import record_event
from ..extensions import db
from ..fieldwork.forms import SETTING_LABELS
from ..i18n import content_language
from ..privacy.disclosure import TOTAL, Audience
from ..questionnaires.models import QuestionnaireVersion
from ..questionnaires.services import get_definition, list_versions
from ..questionnaires.vocabulary import ACTIONS, SCALES
from . import services
from .breakdown import breakdown_choices, item_breakdown
from .brief import build_policy_brief
from .charts import stacked_bars
from .distributions import POOLED, ResultFilters, item_distribution
from .forms import BriefForm, ItemFiltersForm, ResultFiltersForm, fill_filter_choices
from .matrix import plan_matrix
from .pdf import pdf_from_html

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


@bp.get("/<int:version_id>/items/<code>")
@roles_required(*READERS)
def item_results(version_id: int, code: str):
    """One item's distribution by band and pooled, narrowed by band, place, setting and period."""
    version = db.get_or_404(QuestionnaireVersion, version_id)
    definition, lang = get_definition(version), content_language()
    form = ItemFiltersForm(request.args)
    _fill_filter_choices(form, definition, lang)
    form.by.choices = [SelectChoice("", "—")] + [SelectChoice(c, f"{c}: {text}") for c, text in
                                                 breakdown_choices(version, lang)]
    valid = form.validate()
    filters = ResultFilters(
        band=(form.band.data or None), place=(form.place.data or None), setting=(form.setting.data or None),
        first_month=form.first_month.data if valid else None, last_month=form.last_month.data if valid else None)
    audience = _audience()
    distribution = item_distribution(version, code[:20], filters, audience, lang)
    if distribution is None:
        abort(404)
    breakdown = item_breakdown(version, distribution, (form.by.data or "")[:20], filters, audience, lang) \
        if form.by.data else None
    stacked = stacked_bars(distribution) if distribution.item.type == "scale" and not distribution.empty else {}
    return render_template("reports/item.html", version=version, definition=definition, form=form,
                           result=distribution, breakdown=breakdown, stacked=stacked, audience=audience, lang=lang,
                           pooled=POOLED,
                           band_labels={b.id: b.label for b in definition.bands})


@bp.get("/<int:version_id>/matrix")
@roles_required(*READERS)
def plan_matrix_page(version_id: int):
    """The plan's six action areas × three scales for the city or one place, with its places to drill into."""
    version = db.get_or_404(QuestionnaireVersion, version_id)
    place = "".join(ch for ch in request.args.get("place", "")[:12] if ch.isdigit()) or None
    audience = _audience()
    return render_template("reports/matrix.html", version=version, definition=get_definition(version),
                           matrix=plan_matrix(version, place, audience), audience=audience,
                           lang=content_language(), actions=ACTIONS, scales=SCALES)


@bp.get("/<int:version_id>/brief")
@roles_required(*READERS)
def policy_brief(version_id: int):
    """A policy brief for one action area, place and period: findings, matrix, priorities, sample."""
    return _brief_page(version_id)


@bp.get("/<int:version_id>/brief.pdf")
@roles_required(*READERS)
def policy_brief_pdf(version_id: int):
    """The same brief as a PDF (WeasyPrint, from the page's print layout)."""
    html, brief, version = _brief_page(version_id, printing=True)
    pdf = pdf_from_html(html, Path(current_app.static_folder))
    record_event(current_user, "export_policy_brief_pdf", f"{version.label} {brief.action} {brief.filters.place or ''}")
    db.session.commit()
    filename = f"brief-{version.questionnaire.slug}-v{version.version}-{brief.action or 'all'}.pdf"
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _brief_page(version_id: int, printing: bool = False):
    version = db.get_or_404(QuestionnaireVersion, version_id)
    definition, lang = get_definition(version), content_language()
    form = BriefForm(request.args)
    _fill_filter_choices(form, definition, lang)
    form.action.choices = [SelectChoice(code, names[0] if lang == "zh" else names[1])
                           for code, names in ACTIONS.items()]
    valid = form.validate()
    action = form.action.data or next(iter(ACTIONS))
    filters = ResultFilters(place=form.place.data[:12] if form.place.data else None,
                            first_month=form.first_month.data if valid else None,
                            last_month=form.last_month.data if valid else None)
    audience = _audience()
    brief = build_policy_brief(version, action[:20], filters, audience, lang)
    html = render_template("reports/brief.html", version=version, definition=definition, form=form, brief=brief,
                           audience=audience, lang=lang, pooled=POOLED, actions=ACTIONS, scales=SCALES,
                           printing=printing, total=TOTAL, band_labels={b.id: b.label for b in definition.bands},
                           setting_labels={k.value: label for k, label in SETTING_LABELS.items()})
    return (html, brief, version) if printing else html


def _fill_filter_choices(form: ResultFiltersForm, definition, lang: str) -> None:
    fill_filter_choices(form, definition, lang)
    form.audience.choices = [SelectChoice("internal", _("Internal (n ≥ 10 per cell)")),
                             SelectChoice("public", _("For publication (n ≥ 30, 3+ schools, rounded)"))]
