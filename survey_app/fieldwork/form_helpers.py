"""Fill the session form's choices and turn it into SessionDetails (times in the city's time zone)."""

from __future__ import annotations

from wtforms import SelectChoice

from ..core.clock import from_city_time, to_city_time
from ..i18n import content_language
from ..places.services import children_of
from ..questionnaires.schema import local
from ..questionnaires.services import get_definition, list_versions
from ..sites.services import list_sites
from .forms import SessionForm
from .models import AnswerSession
from .services import SessionDetails


def fill_choices(form: SessionForm) -> None:
    """Questionnaire versions, their bands, and streets/communities grouped by their parent."""
    lang = content_language()
    versions = list_versions()
    form.version_id.choices = [SelectChoice(v.id, f"{v.title_en if lang == 'en' else v.title_zh} (v{v.version})")
                               for v in versions]
    bands = {}
    for version in versions:
        for band in get_definition(version).bands:
            bands.setdefault(band.id, f"{band.id}: {local(band.label, lang)}")
    form.bands.choices = [SelectChoice(band_id, label) for band_id, label in sorted(bands.items())]
    districts = {d.code: d.name for d in children_of(None, "district")}
    streets = children_of(None, "street")
    form.street.choices = [SelectChoice("", "—")] + [
        SelectChoice(s.code, s.name, optgroup=districts.get(s.parent_code, s.parent_code)) for s in streets]
    street_names = {s.code: s.name for s in streets}
    form.community.choices = [SelectChoice("", "—")] + [
        SelectChoice(c.code, c.short_name, optgroup=street_names.get(c.parent_code, c.parent_code),
                     render_kw={"data-street": c.parent_code})
        for c in children_of(None, "community")]
    form.site.choices = [SelectChoice("", "—")] + [
        SelectChoice(str(site.id), site.name, optgroup=street_names.get(site.street_code, site.street_code),
                     render_kw={"data-street": site.street_code})
        for site in list_sites()]


def details_from(form: SessionForm) -> SessionDetails:
    return SessionDetails(
        title=form.title.data.strip(), version_id=form.version_id.data, bands=list(form.bands.data),
        place_code=form.community.data or form.street.data, setting=form.setting.data,
        setting_name=(form.setting_name.data or "").strip(),
        site_id=int(form.site.data) if form.site.data and not (form.setting_name.data or "").strip() else None,
        grade=(form.grade.data or "").strip() or None,
        opens_at=from_city_time(form.opens_at.data), closes_at=from_city_time(form.closes_at.data),
        expected_count=form.expected_count.data, default_language=form.default_language.data,
        contact=(form.contact.data or "").strip() or None)


#: Fields that say what collected answers belong to: fixed once a child has answered.
LOCKED_ONCE_ANSWERED = ("version_id", "bands", "street", "community")


def keep_locked_values(form: SessionForm, session: AnswerSession) -> None:
    """Fill locked fields the browser did not send (they are disabled) with the stored values.

    A locked field that *was* sent keeps what was sent, so a changed value reaches
    ``update_session`` and is refused with its message rather than silently dropped.
    """
    stored = form_data_of(session)
    for name in LOCKED_ONCE_ANSWERED:
        if not form[name].raw_data:
            form[name].data = stored[name]


def form_data_of(session: AnswerSession) -> dict[str, object]:
    """The form's values for an existing session."""
    return {
        "title": session.title, "version_id": session.version_id, "bands": session.bands,
        "street": session.street_code, "community": session.community_code or "", "setting": session.setting,
        "site": str(session.site_id) if session.site_id else "", "setting_name": "",
        "grade": session.grade or "", "contact": session.contact or "",
        "opens_at": to_city_time(session.opens_at).replace(tzinfo=None),
        "closes_at": to_city_time(session.closes_at).replace(tzinfo=None),
        "expected_count": session.expected_count, "default_language": session.default_language,
    }
