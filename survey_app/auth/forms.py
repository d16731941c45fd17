"""Sign-in and user administration forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Email, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from .models import Role

ROLE_LABELS = {
    Role.ADMIN: _l("Admin"),
    Role.FACILITATOR: _l("Facilitator"),
    Role.RESEARCHER: _l("Researcher"),
    Role.SAFEGUARDING: _l("Safeguarding lead"),
}


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def role_field() -> MultiCheckboxField:
    return MultiCheckboxField(
        _l("Roles"),
        choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()],
        validators=[DataRequired(message=_l("Choose at least one role."))],
    )


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Sign in"))


class LogoutForm(FlaskForm):
    submit = SubmitField(_l("Sign out"))


class UserCreateForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    display_name = StringField(_l("Name"), validators=[Optional(), Length(max=100)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    roles = role_field()
    submit = SubmitField(_l("Create account"))


class UserEditForm(FlaskForm):
    roles = role_field()
    active = BooleanField(_l("May sign in"))
    new_password = PasswordField(
        _l("New password (leave empty to keep)"), validators=[Optional(), Length(max=200)]
    )
    submit = SubmitField(_l("Save"))
