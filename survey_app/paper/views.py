"""When tablets fail: print a band's questionnaire on A4, and type each filled-in paper form back in."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict

from ..auth.login import roles_required
from ..auth.models import Role
from ..core.clock import city_today
from ..extensions import db
from ..fieldwork import services as fieldwork
from ..fieldwork.intake import SubmissionRefused
from ..fieldwork.models import AnswerSession
from ..fieldwork.printouts import printed_in
from ..i18n import content_language, parse_locale
from ..kiosk.lock import grace
from ..kiosk.sprites import inline_sprites
from ..models_base import utcnow
from ..questionnaires.vocabulary import NO_NAMES_PROMPT, OPTOUTS
from ..safeguarding.services import active_concern_terms
from . import services
from .forms import EntryInvalid, PaperEntryForm, UnknownFields, read_paper_answers

bp = Blueprint("paper", __name__, url_prefix="/sessions")
RUNNERS = (Role.FACILITATOR, Role.ADMIN)


def _own_session(session_id: int) -> AnswerSession:
    session = db.get_or_404(AnswerSession, session_id)
    if not fieldwork.can_manage(session, current_user):
        abort(404)  # not 403: do not confirm that another facilitator's session exists
    return session


def _paper_or_404(session: AnswerSession, band: str, lang: str) -> services.PaperForm:
    try:
        return services.paper_form(session, band, lang)
    except services.NotThisSession:
        abort(404)


def _printed_language(session: AnswerSession) -> str:
    chosen = parse_locale(request.args.get("lang")) or parse_locale(session.default_language)
    return "en" if chosen == "en" else "zh"


@bp.get("/<int:session_id>/paper/<band>")
@roles_required(*RUNNERS)
def paper_print(session_id: int, band: str):
    """The band's questionnaire as a printable A4 form (?lang=zh or en), with faces and pictures inline."""
    session = _own_session(session_id)
    lang = _printed_language(session)
    with printed_in([lang]):
        paper = _paper_or_404(session, band, lang)
        return render_template("paper/print.html", session=session, paper=paper, lang=lang, optouts=OPTOUTS,
                               places_for=services.place_options, most_places=services.MOST_PRINTED_PLACES,
                               no_names=NO_NAMES_PROMPT, sprites=inline_sprites(current_app.static_folder))


@bp.route("/<int:session_id>/paper/<band>/enter", methods=["GET", "POST"])
@roles_required(*RUNNERS)
def paper_enter(session_id: int, band: str):
    """Type in one filled-in paper form; it is stored once, as a response of the session, through the intake."""
    session = _own_session(session_id)
    paper = _paper_or_404(session, band, content_language())
    form = PaperEntryForm()
    if request.method == "GET":
        form.submission_id.data = services.new_submission_id()
        return _entry_page(session, paper, form, {}, MultiDict())
    if not form.validate_on_submit():
        abort(400)  # no or a malformed submission id (a missing CSRF token is refused before this)
    try:
        answers = read_paper_answers(paper, request.form)
        entry = _store(session, {"submission_id": form.submission_id.data, "band": band, "answers": answers})
    except UnknownFields:
        abort(400)
    except (EntryInvalid, SubmissionRefused) as refused:
        status = getattr(refused, "status", 422)
        errors = refused.errors or {"_": getattr(refused, "message", "")}
        return _entry_page(session, paper, form, errors, request.form, status)
    _say_stored(session, entry)
    return redirect(url_for("paper.paper_enter", session_id=session.id, band=band))


def _store(session: AnswerSession, payload: dict) -> services.PaperEntry:
    """Run the paper intake and commit once; the same form sent twice at once is stored once."""
    try:
        entry = services.enter_paper_form(session, payload, actor=current_user, now=utcnow(), today=city_today(),
                                          grace=grace(), concern_terms=active_concern_terms)
        db.session.commit()
    except SubmissionRefused:
        db.session.rollback()
        raise
    except IntegrityError:  # the other request stored this submission id first
        db.session.rollback()
        entry = services.resolve_repeat(session, payload, active_concern_terms)
        if entry is None:
            raise
    return entry


def _say_stored(session: AnswerSession, entry: services.PaperEntry) -> None:
    count = services.count_from_paper(session)
    if entry.created:
        flash(_("Stored. %(n)d entered from paper so far in this session.", n=count), "success")
    else:
        flash(_("This form was already stored, so it was not stored again. %(n)d entered from paper so far in "
                "this session.", n=count), "info")
    if entry.concern:
        flash(_("Something written on this form may mean the child needs help. Tell the safeguarding lead "
                "today. The child can also call the free youth hotline 12355."), "warning")


def _entry_page(session, paper, form, errors, values, status=200):
    return render_template("paper/enter.html", session=session, paper=paper, form=form, errors=errors,
                           values=values, lang=content_language(), optouts=OPTOUTS,
                           places_for=services.place_options, no_names=NO_NAMES_PROMPT), status
