"""Sign-in and password forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from cxgov.auth.passwords import MAX_PASSWORD, MIN_PASSWORD
from cxgov.formtools import options, strip
from cxgov.i18n import LOCALE_NAMES


class LoginForm(FlaskForm):
    """E-mail and password."""

    email = EmailField(_l("E-mail"), filters=[strip], validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_PASSWORD)])
    remember = BooleanField(_l("Keep me signed in on this device"))


class ChangePasswordForm(FlaskForm):
    """The current password and a new one, twice."""

    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=MAX_PASSWORD)])
    new = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD, max=MAX_PASSWORD)],
        description=_l("At least %(n)s characters; not a common password, nor your e-mail or name.", n=MIN_PASSWORD),
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new", message=_l("The two new passwords differ."))],
    )


class PreferencesForm(FlaskForm):
    """Personal settings."""

    locale = SelectField(
        _l("Language"),
        choices=options({"": _l("Follow my browser"), **LOCALE_NAMES}),
    )
