"""Facilitator forms: a session's details, guardian consent, and opening/closing."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from ..auth.forms import MultiCheckboxField
from ..core.clock import to_city_time
from ..models_base import utcnow
from .contact import NotAContact, normalise_contact
from .models import Setting

SETTING_LABELS = {Setting.SCHOOL: _l("School"), Setting.COMMUNITY_CENTRE: _l("Community centre"),
                  Setting.OTHER: _l("Other")}
LANGUAGE_CHOICES = [SelectChoice("zh", "中文"), SelectChoice("en", "English")]
#: Times are typed in the city's zone. Outside these bounds a time is a typo (year 1, 9999), and near
#: the ends of the calendar it cannot even be turned into UTC.
EARLIEST_OPENING = datetime(2000, 1, 1)
PLAN_AHEAD_DAYS = 2 * 366
LONGEST_SESSION = timedelta(days=366)


class SessionForm(FlaskForm):
    """A session's details; questionnaire, band and place choices are filled in by the view."""

    title = StringField(_l("Name of the session"), validators=[DataRequired(), Length(max=120)])
    version_id = SelectField(_l("Questionnaire"), coerce=int, validators=[DataRequired()])
    bands = MultiCheckboxField(_l("Age bands children may use"),
                               validators=[DataRequired(_l("Choose at least one age band."))])
    street = SelectField(_l("Street (街道)"), validators=[DataRequired(_l("Choose a street."))], validate_choice=False)
    community = SelectField(_l("Community (社区, optional)"), validators=[Optional()], validate_choice=False)
    setting = RadioField(_l("Setting"), choices=[SelectChoice(s.value, label) for s, label in SETTING_LABELS.items()],
                         validators=[DataRequired()])
    site = SelectField(_l("School or place (only facilitators and admins see its name)"), validators=[Optional()],
                       validate_choice=False)
    # No Optional(): it would stop validate_setting_name, which needs a site or a name.
    setting_name = StringField(_l("Not in the list? Its name, added once for the street"),
                               validators=[Length(max=120)])
    grade = StringField(_l("Grade (optional)"), validators=[Optional(), Length(max=20)])
    contact = StringField(_l("Contact for guardians: phone or e-mail (printed on the guardian letter)"),
                          validators=[Optional(), Length(max=120)])
    opens_at = DateTimeLocalField(_l("Opens"), format="%Y-%m-%dT%H:%M", validators=[InputRequired()])
    closes_at = DateTimeLocalField(_l("Closes"), format="%Y-%m-%dT%H:%M", validators=[InputRequired()])
    expected_count = IntegerField(_l("Expected number of children"),
                                  validators=[InputRequired(), NumberRange(min=1, max=5000)])
    default_language = SelectField(_l("Language the tablets start in"), choices=LANGUAGE_CHOICES)
    # Six digits at least: with the per-tablet waits and the session's daily allowance (kiosk/guards.py),
    # guessing stays hopeless over a month-long session; four digits would fall within days.
    pin = PasswordField(_l("Tablet PIN (6-8 digits; locks and releases this session's tablets)"),
                        validators=[Optional(), Regexp(r"^\d{6,8}$", message=_l("Use 6 to 8 digits."))])
    submit = SubmitField(_l("Save session"))

    def validate_setting_name(self, field: StringField) -> None:
        if not self.site.data and not (field.data or "").strip():
            raise ValidationError(_("Choose the school or place from the list, or give its name."))

    def validate_site(self, field: SelectField) -> None:
        if field.data and not str(field.data).isdigit():
            raise ValidationError(_("Choose a school or place from the list."))

    def validate_contact(self, field: StringField) -> None:
        try:
            normalise_contact(field.data)
        except NotAContact as error:
            raise ValidationError(_("Give a phone number (for example 0755 8355 1234) or an e-mail address "
                                    "guardians can use.")) from error

    def validate_opens_at(self, field: DateTimeLocalField) -> None:
        if field.data is None:
            return  # not a date at all: the field has already said so
        latest = to_city_time(utcnow()).replace(tzinfo=None) + timedelta(days=PLAN_AHEAD_DAYS)
        if not EARLIEST_OPENING <= field.data <= latest:
            raise ValidationError(_("The opening time must be between %(earliest)s and %(latest)s.",
                                    earliest=EARLIEST_OPENING.strftime("%Y-%m-%d"), latest=latest.strftime("%Y-%m-%d")))

    def validate_closes_at(self, field: DateTimeLocalField) -> None:
        opens = self.opens_at.data
        if field.data is None or opens is None or self.opens_at.errors:
            return
        if field.data <= opens:
            raise ValidationError(_("The session must close after it opens."))
        if field.data - opens > LONGEST_SESSION:
            raise ValidationError(_("A session can stay open for at most a year; extend it later if needed."))


class ConsentForm(FlaskForm):
    consent_method = TextAreaField(
        _l("How were guardians informed and their consent obtained?"),
        validators=[DataRequired(), Length(min=5, max=2000)],
        description=_l("For example: the school sent the guardian letter home and collected signed paper slips."))
    opted_out_count = IntegerField(_l("How many children are opted out by their guardians?"),
                                   validators=[InputRequired(message=_l("Give a number (0 if none).")),
                                               NumberRange(min=0, max=10000)])
    submit = SubmitField(_l("Record consent"))


class SessionActionForm(FlaskForm):
    """Open, close or extend (a button each); extension minutes only for extend."""

    minutes = IntegerField(_l("Extend by (minutes)"), default=30,
                           validators=[Optional(), NumberRange(min=1, max=10080)],
                           description=_l("Extend: the closing time moves later by this many minutes (counted from "
                                          "now if it has passed), and a closed session reopens."))
    open = SubmitField(_l("Open"))
    close = SubmitField(_l("Close"))
    extend = SubmitField(_l("Extend the closing time"))


class SessionDuplicateForm(FlaskForm):
    """Copy a session for the next class; a new PIN is optional (empty keeps the same PIN)."""

    pin = PasswordField(_l("Tablet PIN for the copy (6-8 digits; leave empty to keep this session's PIN)"),
                        validators=[Optional(), Regexp(r"^\d{6,8}$", message=_l("Use 6 to 8 digits."))])
    submit = SubmitField(_l("Duplicate for the next class"))


class DiscardAnswersForm(FlaskForm):
    """Discard every answer of a closed session; typing its join code confirms the session meant."""

    join_code = StringField(_l("Type this session's join code to confirm"), validators=[DataRequired(), Length(max=40)])
    submit = SubmitField(_l("Discard every answer of this session"))
