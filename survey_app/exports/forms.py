"""The export form, read from the query string (GET, so a planned export can be shared as a link)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, MonthField, RadioField, SelectChoice, SelectField
from wtforms.validators import Optional


class ExportForm(FlaskForm):
    """What to export and for which responses; choices of place, band and setting are filled by the view."""

    class Meta:
        """Read only, and shareable as a link: no CSRF token."""

        csrf = False

    layout = RadioField(_l("File"), default="wide", choices=[
        SelectChoice("wide", _l("Wide: one row per response, a column per question")),
        SelectChoice("long", _l("Long: one row per answer")),
        SelectChoice("codebook", _l("Codebook: every question with its wording, choices and tags"))])
    file_format = RadioField(_l("Format"), default="csv", choices=[
        SelectChoice("csv", _l("CSV")), SelectChoice("xlsx", _l("Excel (.xlsx)")),
        SelectChoice("sav", _l("SPSS (.sav), labelled")), SelectChoice("dta", _l("Stata (.dta), labelled"))])
    labels = RadioField(_l("Answers as"), default="codes",
                        choices=[SelectChoice("codes", _l("Codes")), SelectChoice("labels", _l("Labels"))])
    lang = RadioField(_l("Label language"), default="zh",
                      choices=[SelectChoice("zh", "中文"), SelectChoice("en", "English")])
    encoding = RadioField(_l("Encoding"), default="bom", choices=[
        SelectChoice("bom", _l("UTF-8 with a byte-order mark (Excel opens Chinese correctly)")),
        SelectChoice("plain", _l("Plain UTF-8"))])
    include_text = BooleanField(_l("Include free-text answers (screened and redacted; never a text passed to the "
                                   "safeguarding lead)"))
    band = SelectField(_l("Age band"), validators=[Optional()], validate_choice=False)
    place = SelectField(_l("Place"), validators=[Optional()], validate_choice=False)
    setting = SelectField(_l("Setting"), validators=[Optional()], validate_choice=False)
    first_month = MonthField(_l("From (month)"), validators=[Optional()])
    last_month = MonthField(_l("To (month)"), validators=[Optional()])
