"""Place import form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SubmitField


class PlacesImportForm(FlaskForm):
    file = FileField(
        _l("Places file (CSV: code,name,level,parent_code)"),
        validators=[FileRequired(_l("Choose a CSV file.")), FileAllowed(["csv", "txt"], _l("Use a CSV file."))],
    )
    submit = SubmitField(_l("Import"))
