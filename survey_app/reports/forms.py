"""The filters of a results page, read from the query string (GET, so no CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import MonthField, SelectChoice, SelectField
from wtforms.validators import Optional

from ..fieldwork.forms import SETTING_LABELS
from ..places.services import children_of


class ResultFiltersForm(FlaskForm):
    """Choices are filled by the view. Unknown values are kept: they match nothing, and the page says so."""

    class Meta:
        """Filters only read: a shared link must work, so there is no CSRF token."""

        csrf = False

    band = SelectField(_l("Age band"), validators=[Optional()], validate_choice=False)
    place = SelectField(_l("Place"), validators=[Optional()], validate_choice=False)
    setting = SelectField(_l("Setting"), validators=[Optional()], validate_choice=False)
    first_month = MonthField(_l("From (month)"), validators=[Optional()])
    last_month = MonthField(_l("To (month)"), validators=[Optional()])
    audience = SelectField(_l("Audience"), validators=[Optional()], validate_choice=False)


class ItemFiltersForm(ResultFiltersForm):
    """One question's page: the filters, and a background item to break its answers down by."""

    by = SelectField(_l("Break down by"), validators=[Optional()], validate_choice=False)


class BriefForm(ResultFiltersForm):
    """A policy brief: an action area of the plan, a place and a period (no band or setting: it shows both)."""

    action = SelectField(_l("Action area"), validators=[Optional()], validate_choice=False)


def fill_filter_choices(form: FlaskForm, definition, lang: str) -> None:
    """The band, place and setting choices a results page or an export offers (districts, then streets
    grouped under their district)."""
    everything = [SelectChoice("", "—")]
    form.band.choices = everything + [SelectChoice(b.id, f"{b.id}: {b.label.get(lang) or b.label.get('zh')}")
                                      for b in definition.bands]
    districts = children_of(None, "district")
    names = {d.code: d.name for d in districts}
    form.place.choices = everything + [SelectChoice(d.code, d.name) for d in districts] + [
        SelectChoice(s.code, s.name, optgroup=names.get(s.parent_code, s.parent_code))
        for s in children_of(None, "street")]
    form.setting.choices = everything + [SelectChoice(k.value, label) for k, label in SETTING_LABELS.items()]
