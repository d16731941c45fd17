"""The admin's form for folding a second spelling of a school into the first."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField
from wtforms.validators import DataRequired


class MergeSitesForm(FlaskForm):
    """Choices are filled by the view: every site, grouped by street."""

    duplicate = SelectField(_l("This entry (its sessions move, then it is deleted)"), coerce=int,
                            validators=[DataRequired()], validate_choice=False)
    keep = SelectField(_l("is the same place as this entry (it stays)"), coerce=int,
                       validators=[DataRequired()], validate_choice=False)
    submit = SubmitField(_l("Merge"))
