"""Sessions: create, consent, open, close, extend, and who may see which."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from ..auth.models import Role, User
from ..core.clock import as_utc, from_city_time, to_city_time
from ..extensions import db
from ..models_base import utcnow
from ..places.models import Place
from ..questionnaires.models import QuestionnaireVersion
from ..questionnaires.services import get_definition
from ..sites.models import Site
from ..sites.services import SiteError, find_or_add_site, get_site_in_street
from .codes import new_join_code, normalise_join_code
from .contact import NotAContact, normalise_contact
from .models import AnswerSession, Response, SessionStatus

CONTACT_MESSAGE = _l("Give a phone number (for example 0755 8355 1234) or an e-mail address "
                     "guardians can use.")
#: A facilitator's session that receives more than this many times its expected number is flagged.
OVERFLOW_FACTOR = 3


class SessionError(Exception):
    """A request about a session that cannot be carried out; the message is for people."""


@dataclass(frozen=True)
class SessionDetails:
    title: str
    version_id: int
    bands: list[str]
    place_code: str
    setting: str
    setting_name: str
    grade: str | None
    opens_at: datetime
    closes_at: datetime
    expected_count: int
    default_language: str
    contact: str | None = None
    #: An existing site of the street; when None, ``setting_name`` names the site (found or added).
    site_id: int | None = None


def _apply_details(session: AnswerSession, details: SessionDetails) -> None:
    version = db.session.get(QuestionnaireVersion, details.version_id)
    if version is None:
        raise SessionError(_("Choose a questionnaire."))
    known = {band.id for band in get_definition(version).bands}
    if not details.bands or not set(details.bands) <= known:
        raise SessionError(_("Choose at least one age band of this questionnaire."))
    place = db.session.get(Place, details.place_code)
    if place is None or place.level == "district":
        raise SessionError(_("Choose a street, and a community if you know it."))
    if details.closes_at <= details.opens_at:
        raise SessionError(_("The session must close after it opens."))
    try:
        contact = normalise_contact(details.contact)
    except NotAContact as error:
        raise SessionError(CONTACT_MESSAGE) from error
    session.version_id = version.id
    session.allowed_bands = ",".join(b for b in sorted(known) if b in details.bands)
    session.street_code = place.code if place.level == "street" else place.parent_code
    session.community_code = place.code if place.level == "community" else None
    session.district_code = session.street_code[:6]
    session.contact = contact
    site = _site_for(details, session.street_code)
    session.site_id, session.setting_name, session.setting = site.id, site.name, site.kind
    for name in ("title", "grade", "opens_at", "closes_at", "expected_count", "default_language"):
        setattr(session, name, getattr(details, name))


def _site_for(details: SessionDetails, street_code: str) -> Site:
    """The chosen site of the street, or the one the typed name finds or adds (one school, one site)."""
    try:
        if details.site_id is not None:
            return get_site_in_street(details.site_id, street_code)
        return find_or_add_site(street_code, details.setting, details.setting_name)
    except SiteError as error:
        raise SessionError(str(error)) from error


def move_sessions_to_site(from_site_id: int, to_site_id: int) -> None:
    """Point every session of one site at another (merging two spellings of one school)."""
    db.session.execute(update(AnswerSession).where(AnswerSession.site_id == from_site_id)
                       .values(site_id=to_site_id,
                               setting_name=select(Site.name).where(Site.id == to_site_id).scalar_subquery()))


def create_session(details: SessionDetails, pin: str, *, actor: User) -> AnswerSession:
    """Create a draft session with a fresh join code; the PIN later releases its tablets."""
    session = AnswerSession(facilitator=actor, join_code=_unused_join_code(),
                            kiosk_pin_hash=generate_password_hash(pin), status=SessionStatus.DRAFT.value)
    _apply_details(session, details)
    db.session.add(session)
    db.session.flush()
    return session


def update_session(session: AnswerSession, details: SessionDetails, *, actor: User) -> AnswerSession:
    """Change a session's details; once children have answered, its questionnaire, bands and place stay."""
    if is_locked(session) and _changes_what_answers_belong_to(session, details):
        raise SessionError(_("Children have already answered, so the questionnaire, age bands, street and "
                             "community can no longer change: their answers belong to them. Plan a new session "
                             "(Duplicate) for another place."))
    _apply_details(session, details)
    return session


def is_locked(session: AnswerSession) -> bool:
    """Whether children have answered, which fixes what their answers were given for."""
    return db.session.scalar(select(Response.id).where(Response.session_id == session.id).limit(1)) is not None


def _changes_what_answers_belong_to(session: AnswerSession, details: SessionDetails) -> bool:
    return (details.version_id != session.version_id or set(details.bands) != set(session.bands)
            or details.place_code != session.place_code)


#: What the next class of the same school shares with the first; consent is not here (each class records its own).
COPIED_ON_DUPLICATE = ("version_id", "allowed_bands", "district_code", "street_code", "community_code", "setting",
                       "setting_name", "site_id", "grade", "contact", "expected_count", "default_language")
_NUMBERED_TITLE = re.compile(r"^(?P<base>.*) \((?P<n>\d{1,4})\)$")


def duplicate_session(source: AnswerSession, pin: str | None, *, actor: User,
                      now: datetime | None = None) -> AnswerSession:
    """Plan the next class of the same school: a draft with the same details at the next free slot.

    The copy belongs to the source's facilitator (an admin copying keeps the school's facilitator),
    gets a fresh join code and the given PIN (or the source's), and no consent: each class records its own.
    """
    owner = source.facilitator
    opens_at, closes_at = _next_free_slot(source, owner, now or utcnow())
    session = AnswerSession(facilitator=owner, join_code=_unused_join_code(), status=SessionStatus.DRAFT.value,
                            title=_next_title(source.title), opens_at=opens_at, closes_at=closes_at,
                            kiosk_pin_hash=generate_password_hash(pin) if pin else source.kiosk_pin_hash)
    for name in COPIED_ON_DUPLICATE:
        setattr(session, name, getattr(source, name))
    db.session.add(session)
    db.session.flush()
    return session


def _next_title(title: str) -> str:
    """「四年级」 becomes 「四年级 (2)」, and 「四年级 (2)」 becomes 「四年级 (3)」."""
    match = _NUMBERED_TITLE.match(title)
    base, number = (match["base"], int(match["n"]) + 1) if match else (title, 2)
    suffix = f" ({number})"
    return base[: 120 - len(suffix)] + suffix


def _next_free_slot(source: AnswerSession, owner: User, now: datetime) -> tuple[datetime, datetime]:
    """The same times of day on the first later day that is still ahead and clashes with none of owner's sessions."""
    opens, length = to_city_time(source.opens_at), as_utc(source.closes_at) - as_utc(source.opens_at)
    taken = [(as_utc(a), as_utc(b)) for a, b in db.session.execute(
        select(AnswerSession.opens_at, AnswerSession.closes_at).where(AnswerSession.facilitator_id == owner.id))]
    for days in range(1, 3 * 366):
        start = from_city_time((opens + timedelta(days=days)).replace(tzinfo=None))
        end = start + length
        if start > now and not any(a < end and start < b for a, b in taken):
            return start, end
    raise SessionError(_("No free time was found for a copy; plan the session with New session."))


def _unused_join_code() -> str:
    while True:
        code = new_join_code()
        if db.session.scalar(select(AnswerSession.id).where(AnswerSession.join_code == code)) is None:
            return code


def record_consent(session: AnswerSession, method: str, opted_out: int, *, actor: User) -> AnswerSession:
    """Record how guardians were informed and consent obtained, and how many children are opted out."""
    if not method.strip():
        raise SessionError(_("Describe how guardian consent was obtained."))
    if opted_out < 0 or opted_out > 10_000:
        raise SessionError(_("Give the number of children who are opted out."))
    session.consent_method = method.strip()
    session.opted_out_count = opted_out
    return session


def open_session(session: AnswerSession, *, now: datetime | None = None) -> AnswerSession:
    """Open for answers; refused until guardian consent is recorded or after closing time."""
    now = now or utcnow()
    if session.status == SessionStatus.CLOSED.value:
        raise SessionError(_("This session is closed. Extend it to move the closing time later and reopen it."))
    if not session.consent_method:
        raise SessionError(_("Record how guardian consent was obtained before opening the session."))
    if as_utc(session.closes_at) <= now:
        raise SessionError(_("The closing time has passed; extend the session first."))
    session.status = SessionStatus.OPEN.value
    return session


def close_session(session: AnswerSession, *, now: datetime | None = None) -> AnswerSession:
    """Close now: tablets stop starting new children, and their locks stop opening the survey."""
    now = now or utcnow()
    session.status = SessionStatus.CLOSED.value
    if as_utc(session.closes_at) > now:
        session.closes_at = now
    rotate_lock(session, now=now)
    return session


def rotate_lock(session: AnswerSession, *, now: datetime | None = None) -> None:
    """Move the tablets' lock on: locks from before open nothing, but may still send what they queued."""
    session.lock_generation = (session.lock_generation or 0) + 1
    session.lock_rotated_at = now or utcnow()


def extend_session(session: AnswerSession, minutes: int, *, now: datetime | None = None) -> AnswerSession:
    """Move the closing time later (from now if it has passed) and reopen a closed session."""
    if not 1 <= minutes <= 7 * 24 * 60:
        raise SessionError(_("Extend by 1 minute to 7 days."))
    now = now or utcnow()
    session.closes_at = max(as_utc(session.closes_at), now) + timedelta(minutes=minutes)
    if session.status == SessionStatus.CLOSED.value and session.consent_method:
        session.status = SessionStatus.OPEN.value
    return session


def available_actions(session: AnswerSession, now: datetime | None = None) -> set[str]:
    """The buttons that can work now: Open only for a draft whose closing time is still ahead."""
    now = now or utcnow()
    state = session_state(session, now)
    actions = {"extend"}
    if state == "draft" and as_utc(session.closes_at) > now:
        actions.add("open")
    if state in ("open", "scheduled", "expired"):
        actions.add("close")
    return actions


def session_state(session: AnswerSession, now: datetime | None = None) -> str:
    """draft, scheduled, open, expired or closed: what the facilitator and the join page go by."""
    now = now or utcnow()
    if session.status != SessionStatus.OPEN.value:
        return session.status
    if now < as_utc(session.opens_at):
        return "scheduled"
    if now > as_utc(session.closes_at):
        return "expired"
    return "open"


def check_pin(session: AnswerSession, pin: str) -> bool:
    return bool(pin) and len(pin) <= 12 and check_password_hash(session.kiosk_pin_hash, pin)


def list_sessions(actor: User) -> list[tuple[AnswerSession, int]]:
    """The sessions actor may run (facilitators their own, admins all), newest first, with completed counts.

    One query: the counts come from a GROUP BY joined in, not one count per session.
    """
    completed = (select(Response.session_id, func.count().label("completed"))
                 .group_by(Response.session_id).subquery())
    query = (select(AnswerSession, func.coalesce(completed.c.completed, 0))
             .outerjoin(completed, completed.c.session_id == AnswerSession.id)
             .order_by(AnswerSession.opens_at.desc(), AnswerSession.id.desc()))
    if not actor.has_role(Role.ADMIN):
        query = query.where(AnswerSession.facilitator_id == actor.id)
    return [(session, count) for session, count in db.session.execute(query)]


def can_manage(session: AnswerSession, actor: User) -> bool:
    return actor.has_role(Role.ADMIN) or (actor.has_role(Role.FACILITATOR) and session.facilitator_id == actor.id)


def find_by_join_code(text: str | None) -> AnswerSession | None:
    """The session for a join code, with its version's id and hash but not its (large) definition."""
    code = normalise_join_code(text)
    if code is None:
        return None
    query = (select(AnswerSession).where(AnswerSession.join_code == code)
             .options(joinedload(AnswerSession.version).defer(QuestionnaireVersion.definition)))
    return db.session.scalar(query)


def count_responses(session: AnswerSession) -> int:
    return db.session.scalar(select(func.count()).where(Response.session_id == session.id)) or 0


@dataclass(frozen=True)
class Progress:
    completed: int
    expected: int
    by_band: dict[str, int]
    overflow: bool
    arrived_after_close: int = 0
    from_paper: int = 0


def session_progress(session: AnswerSession) -> Progress:
    """Completed against expected, by band; flagged when far more arrive than expected."""
    paper = func.count().filter(Response.from_paper.is_(True))
    rows = db.session.execute(select(Response.band, func.count(), paper).where(Response.session_id == session.id)
                              .group_by(Response.band)).all()
    by_band = {band: 0 for band in session.bands} | {band: count for band, count, _ in rows}
    completed = sum(by_band.values())
    return Progress(completed, session.expected_count, by_band, completed > OVERFLOW_FACTOR * session.expected_count,
                    session.arrived_after_close or 0, sum(from_paper for _, _, from_paper in rows))


def set_pin(session: AnswerSession, pin: str) -> None:
    """A new PIN also moves the tablets' lock on: every tablet is unlocked again with the new PIN."""
    session.kiosk_pin_hash = generate_password_hash(pin)
    rotate_lock(session)


def apply_action(session: AnswerSession, *, opening: bool, closing: bool, extend_minutes: int | None) -> str:
    """Carry out the facilitator's button and say what happened."""
    if opening:
        open_session(session)
        return _("The session is open. Tablets can join now.")
    if closing:
        close_session(session)
        return _("The session is closed. Tablets will not start new children.")
    if extend_minutes:
        reopening = session.status == SessionStatus.CLOSED.value
        extend_session(session, extend_minutes)
        closes = to_city_time(session.closes_at).strftime("%Y-%m-%d %H:%M")
        if reopening and session.status == SessionStatus.OPEN.value:
            return _("The session is open again and now closes at %(time)s.", time=closes)
        return _("The session now closes at %(time)s.", time=closes)
    raise SessionError(_("Choose what to do."))
