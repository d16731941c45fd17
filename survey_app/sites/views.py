"""Schools and places per street: facilitators see the list, admins merge two spellings of one place."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from ..auth.login import roles_required
from ..auth.models import Role
from ..core.audit import record_event
from ..extensions import db
from ..fieldwork.forms import SETTING_LABELS
from ..fieldwork.services import move_sessions_to_site
from ..places.services import children_of
from . import services
from .forms import MergeSitesForm

bp = Blueprint("sites", __name__, url_prefix="/sites")


@bp.route("/", methods=["GET", "POST"])
@roles_required(Role.ADMIN, Role.FACILITATOR)
def site_list():
    """Every school or place, by street; an admin can merge two entries of one street."""
    sites = services.list_sites()
    streets = {s.code: s.name for s in children_of(None, "street")}
    form = MergeSitesForm()
    form.duplicate.choices = form.keep.choices = [
        SelectChoice(site.id, site.name, optgroup=streets.get(site.street_code, site.street_code)) for site in sites]
    if form.validate_on_submit():
        if not current_user.has_role(Role.ADMIN):
            abort(403)
        try:
            kept = services.merge_sites(form.duplicate.data, form.keep.data, reassign=move_sessions_to_site)
        except services.SiteError as error:
            form.keep.errors = [str(error)]
        else:
            record_event(current_user, "merge_sites", f"{form.duplicate.data}->{kept.id}")
            db.session.commit()
            flash(_("Merged: the sessions now belong to %(name)s.", name=kept.name), "success")
            return redirect(url_for("sites.site_list"))
    return render_template("sites/list.html", sites=sites, streets=streets, form=form,
                           kinds=SETTING_LABELS, can_merge=current_user.has_role(Role.ADMIN))
