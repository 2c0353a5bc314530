"""The form that creates an API token."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from cxgov.formtools import strip


class TokenForm(FlaskForm):
    """A name that says what the token is for."""

    name = StringField(
        _l("Token name"), filters=[strip], validators=[DataRequired(), Length(max=80)],
        description=_l("What the token is for, e.g. “BI dashboard” or “weekly export script”."),
    )
