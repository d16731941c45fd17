"""Admin pages for places, and the place lists the session form reads."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..auth.login import roles_required
from ..auth.models import Role
from ..extensions import db
from . import services
from .forms import PlacesImportForm
from .models import LEVELS

bp = Blueprint("places", __name__, url_prefix="/places")


@bp.route("/", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def place_list():
    """Show the districts and import a places file."""
    form = PlacesImportForm()
    if form.validate_on_submit():
        text = _decode(form.file.data.read())
        try:
            result = services.import_places(text) if text is not None else None
        except services.PlacesInvalid as error:
            form.file.errors.extend(error.problems[:20])
        else:
            if result is None:
                form.file.errors.append(_("The file must be UTF-8 text."))
            else:
                db.session.commit()
                flash(_("Imported: %(added)d new, %(updated)d changed.", added=result.added,
                        updated=result.updated), "success")
                return redirect(url_for("places.place_list"))
    return render_template("places/list.html", form=form, counts=services.count_places(),
                           districts=services.children_of(None, "district"))


@bp.get("/options")
@roles_required(Role.ADMIN, Role.FACILITATOR, Role.RESEARCHER)
def place_options():
    """Return the places at a level under a parent, as JSON for cascading lists."""
    level = request.args.get("level", "district")
    if level not in LEVELS:
        return {"error": "unknown level"}, 400
    places = services.children_of(request.args.get("parent", "")[:12] or None, level)
    return {"places": [{"code": p.code, "name": p.short_name} for p in places]}


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None
