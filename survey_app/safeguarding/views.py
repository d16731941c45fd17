"""The safeguarding lead's pages: the queue, one item, the lexicon. Nobody else can open them."""

from __future__ import annotations

import uuid

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.login import roles_required
from ..auth.models import Role
from ..core.audit import recent_events
from ..extensions import db
from ..places.services import get_place
from . import services
from .forms import ConcernReviewForm, LexiconForm
from .models import SafeguardingConcern
from .reasons import explain
from .trial import try_lexicon_on_corpus

bp = Blueprint("safeguarding", __name__, url_prefix="/safeguarding")
LEAD = Role.SAFEGUARDING


@bp.get("/")
@roles_required(LEAD)
def queue():
    """List what children wrote that may need help (opening the queue is audited)."""
    concerns = services.open_queue(actor=current_user)
    db.session.commit()
    return render_template("safeguarding/queue.html", concerns=concerns, place=get_place, explain=explain)


@bp.route("/<uuid:concern_id>", methods=["GET", "POST"])
@roles_required(LEAD)
def concern_detail(concern_id: uuid.UUID):
    """Read one item and record what was done."""
    concern = services.open_concern(db.get_or_404(SafeguardingConcern, concern_id), actor=current_user)
    form = ConcernReviewForm(data={"status": concern.status, "note": concern.note})
    if form.validate_on_submit():
        try:
            services.review_concern(concern, form.status.data, form.note.data, actor=current_user)
        except services.SafeguardingError as error:
            form.status.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("safeguarding.queue"))
    db.session.commit()  # the audit record of this opening
    return render_template("safeguarding/detail.html", concern=concern, form=form, place=get_place,
                           explain=explain)


@bp.route("/lexicon", methods=["GET", "POST"])
@roles_required(LEAD)
def lexicon():
    """Edit the concern terms; every try and every save is first tried against the labelled test texts."""
    form = LexiconForm(data={"text": services.lexicon_text()})
    hits = trial = None
    if form.validate_on_submit():
        trial = try_lexicon_on_corpus(form.text.data, services.active_concern_terms())
        if form.check.data:
            hits = services.try_lexicon(form.text.data, form.sample.data or "")
        elif trial.adds_alarms and not form.confirm.data:
            form.confirm.errors.append(_("This list flags harmless test texts that the list in use does not."))
        else:
            try:
                services.save_lexicon(form.text.data, actor=current_user)
            except services.SafeguardingError as error:
                form.text.errors.append(str(error))
            else:
                db.session.commit()
                flash(_("The new terms apply to new answers within a few seconds."), "success")
                return redirect(url_for("safeguarding.lexicon"))
    return render_template("safeguarding/lexicon.html", form=form, hits=hits, trial=trial,
                           history=services.lexicon_history())


@bp.get("/audit")
@roles_required(LEAD, Role.ADMIN)
def audit_log():
    """Who opened the queue and its items, and when."""
    events = recent_events(("open_safeguarding_queue", "open_safeguarding_concern", "mark_concern_reviewed",
                            "mark_concern_referred", "save_lexicon", "purge_safeguarding"))
    return render_template("safeguarding/audit.html", events=events)
