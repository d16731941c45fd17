"""Facilitator pages: plan a session, record consent, run it live, print its sheet and letter."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.login import roles_required
from ..auth.models import Role
from ..extensions import db
from ..models_base import utcnow
from . import printouts, services
from .codes import normalise_join_code
from .discard import DiscardRefused, can_discard, discard_session_responses
from .form_helpers import details_from, fill_choices, form_data_of, keep_locked_values
from .forms import ConsentForm, DiscardAnswersForm, SessionActionForm, SessionDuplicateForm, SessionForm
from .models import AnswerSession

bp = Blueprint("fieldwork", __name__, url_prefix="/sessions")
RUNNERS = (Role.FACILITATOR, Role.ADMIN)


def _own_session(session_id: int) -> AnswerSession:
    session = db.get_or_404(AnswerSession, session_id)
    if not services.can_manage(session, current_user):
        abort(404)  # not 403: do not confirm that another facilitator's session exists
    return session


@bp.get("/")
@roles_required(*RUNNERS)
def session_list():
    """List the sessions this person may run, with school, state and completed against expected."""
    sessions = services.list_sessions(current_user)
    return render_template("fieldwork/list.html", sessions=sessions, state=services.session_state)


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*RUNNERS)
def session_new():
    """Plan a new session."""
    form = SessionForm()
    fill_choices(form)
    if form.validate_on_submit():
        if not form.pin.data:
            form.pin.errors.append(_("Choose a PIN for the tablets."))
        else:
            try:
                session = services.create_session(details_from(form), form.pin.data, actor=current_user)
            except services.SessionError as error:
                form.title.errors.append(str(error))
            else:
                db.session.commit()
                flash(_("Session created. Record guardian consent, then open it."), "success")
                return redirect(url_for("fieldwork.session_detail", session_id=session.id))
    return render_template("fieldwork/form.html", form=form, session=None, locked=False)


@bp.route("/<int:session_id>/edit", methods=["GET", "POST"])
@roles_required(*RUNNERS)
def session_edit(session_id: int):
    """Change a session's details."""
    session = _own_session(session_id)
    form = SessionForm(data=form_data_of(session))
    fill_choices(form)
    locked = services.is_locked(session)
    if locked:
        keep_locked_values(form, session)
    if form.validate_on_submit():
        try:
            services.update_session(session, details_from(form), actor=current_user)
            if form.pin.data:
                services.set_pin(session, form.pin.data)
        except services.SessionError as error:
            db.session.rollback()
            form.title.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Changes saved."), "success")
            return redirect(url_for("fieldwork.session_detail", session_id=session.id))
    return render_template("fieldwork/form.html", form=form, session=session, locked=locked)


@bp.get("/<int:session_id>")
@roles_required(*RUNNERS)
def session_detail(session_id: int):
    """The live view: completed against expected by band, and the session's controls."""
    session = _own_session(session_id)
    return render_template("fieldwork/detail.html", session=session, progress=services.session_progress(session),
                           state=services.session_state(session), consent_form=ConsentForm(obj=session),
                           action_form=SessionActionForm(), actions=services.available_actions(session),
                           duplicate_form=SessionDuplicateForm(), discard_form=DiscardAnswersForm(),
                           can_discard=can_discard(session, utcnow()),
                           is_admin=Role.ADMIN in current_user.roles)


@bp.post("/<int:session_id>/discard")
@roles_required(Role.ADMIN)
def session_discard(session_id: int):
    """Discard every answer of a closed session (a practice run): admins only, confirmed by its join code."""
    session = _own_session(session_id)
    form = DiscardAnswersForm()
    if not form.validate_on_submit() or normalise_join_code(form.join_code.data) != session.join_code:
        flash(_("Type this session's join code exactly to confirm. Nothing was discarded."), "error")
        return redirect(url_for("fieldwork.session_detail", session_id=session.id))
    try:
        count = discard_session_responses(session, actor=current_user, now=utcnow())
    except DiscardRefused as error:
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("%(n)d answers were discarded. The session's results no longer count them.", n=count), "success")
    return redirect(url_for("fieldwork.session_detail", session_id=session.id))


@bp.post("/<int:session_id>/duplicate")
@roles_required(*RUNNERS)
def session_duplicate(session_id: int):
    """Copy the session as a draft for the next class of the same school."""
    source = _own_session(session_id)
    form = SessionDuplicateForm()
    if not form.validate_on_submit():
        flash(_("Use 6 to 8 digits for the PIN, or leave it empty to keep this session's PIN."), "error")
        return redirect(url_for("fieldwork.session_detail", session_id=source.id))
    try:
        session = services.duplicate_session(source, form.pin.data or None, actor=current_user)
    except services.SessionError as error:
        flash(str(error), "error")
        return redirect(url_for("fieldwork.session_detail", session_id=source.id))
    db.session.commit()
    flash(_("Copy created as a draft with its own join code. Check its times, record this class's guardian "
            "consent, then open it."), "success")
    return redirect(url_for("fieldwork.session_detail", session_id=session.id))


@bp.get("/<int:session_id>/progress")
@roles_required(*RUNNERS)
def session_progress(session_id: int):
    """Live counts as JSON, polled by the live view."""
    session = _own_session(session_id)
    progress = services.session_progress(session)
    return {"completed": progress.completed, "expected": progress.expected, "by_band": progress.by_band,
            "overflow": progress.overflow, "arrived_after_close": progress.arrived_after_close,
            "from_paper": progress.from_paper,
            "state": services.session_state(session)}


@bp.post("/<int:session_id>/consent")
@roles_required(*RUNNERS)
def session_consent(session_id: int):
    """Record how guardian consent was obtained."""
    session = _own_session(session_id)
    form = ConsentForm()
    if form.validate_on_submit():
        try:
            services.record_consent(session, form.consent_method.data, form.opted_out_count.data, actor=current_user)
        except services.SessionError as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("Guardian consent recorded."), "success")
    else:
        flash(_("Describe how consent was obtained and give the number of opted-out children."), "error")
    return redirect(url_for("fieldwork.session_detail", session_id=session.id))


@bp.post("/<int:session_id>/action")
@roles_required(*RUNNERS)
def session_action(session_id: int):
    """Open, close or extend the session."""
    session = _own_session(session_id)
    form = SessionActionForm()
    if not form.validate_on_submit():
        flash(_("Extend by 1 minute to 7 days."), "error")
        return redirect(url_for("fieldwork.session_detail", session_id=session.id))
    try:
        message = services.apply_action(session, opening=form.open.data, closing=form.close.data,
                                        extend_minutes=form.minutes.data if form.extend.data else None)
    except services.SessionError as error:
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(message, "success")
    return redirect(url_for("fieldwork.session_detail", session_id=session.id))


@bp.get("/<int:session_id>/sheet")
@roles_required(*RUNNERS)
def session_sheet(session_id: int):
    """The printable one-page A4 join sheet with the kiosk link's QR code, in Chinese, English or both (?lang=)."""
    session = _own_session(session_id)
    links = printouts.printed_links(session.join_code)
    languages = printouts.sheet_languages(request.args.get("lang"))
    with printouts.printed_in(languages):
        return render_template("fieldwork/sheet.html", session=session, links=links, languages=languages,
                               qr_svg=printouts.qr_svg(links.session))


@bp.get("/<int:session_id>/letter")
@roles_required(*RUNNERS)
def guardian_letter(session_id: int):
    """The printable letter to guardians: purpose, what is collected, who sees what, how to opt out."""
    session = _own_session(session_id)
    return render_template("fieldwork/letter.html", session=session, **printouts.letter_context(session))
