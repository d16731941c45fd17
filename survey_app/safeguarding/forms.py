"""Safeguarding forms: review an item, edit the lexicon."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectChoice, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from .models import ConcernStatus


class ConcernReviewForm(FlaskForm):
    status = RadioField(_l("Outcome"), choices=[
        SelectChoice(ConcernStatus.REVIEWED.value, _l("Reviewed: no referral needed")),
        SelectChoice(ConcernStatus.REFERRED.value, _l("Referred (for example to the school, 民政 or 公安)")),
    ], validators=[DataRequired()])
    note = TextAreaField(_l("Note"), validators=[DataRequired(), Length(max=5000)])
    submit = SubmitField(_l("Save"))


class LexiconForm(FlaskForm):
    text = TextAreaField(_l("Concern terms, one per line"), validators=[DataRequired(), Length(max=100_000)])
    sample = TextAreaField(_l("Try a text against these terms"), validators=[Optional(), Length(max=2000)])
    confirm = BooleanField(_l("Save even though this list raises more false alarms on the test texts"))
    check = SubmitField(_l("Try"))
    submit = SubmitField(_l("Save terms"))
