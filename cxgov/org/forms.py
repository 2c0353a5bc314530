"""Forms for the organisation profile, departments and users."""
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp, ValidationError

from cxgov.auth.passwords import MAX_PASSWORD, MIN_PASSWORD
from cxgov.formtools import options, strip, upper, version_of
from cxgov.i18n import LOCALE_NAMES
from cxgov.org.labels import DEPARTMENT_KIND_LABELS, MONTH_LABELS
from cxgov.permissions import ROLE_LABELS

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$")


class VersionedForm(FlaskForm):
    """A form that carries the version of the record it edits."""

    version = HiddenField()

    def version_value(self) -> int | None:
        """The version the editor started from, or None on create."""
        return version_of(self.version)  # the one reading of a hidden version


class OrganisationForm(VersionedForm):
    """The organisation profile."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    vision = TextAreaField(_l("Vision"), validators=[Length(max=4000)])
    mission = TextAreaField(_l("Mission"), validators=[Length(max=4000)])
    values = TextAreaField(_l("Values"), validators=[Length(max=4000)])
    brand_promise = TextAreaField(
        _l("Intended customer experience (brand promise)"), validators=[Length(max=4000)],
        description=_l("The experience every department should help deliver, in a few sentences."),
    )
    fiscal_year_start_month = SelectField(_l("Fiscal year starts in"), coerce=int, choices=options(MONTH_LABELS))
    default_locale = SelectField(_l("Default language"), choices=options(LOCALE_NAMES))


class DepartmentForm(VersionedForm):
    """A department's record."""

    code = StringField(
        _l("Code"), filters=[strip, upper],
        validators=[DataRequired(), Length(max=20), Regexp(CODE_PATTERN, message=_l(
            "Use 1–20 letters, digits, '-' or '_', starting with a letter or digit."))],
        description=_l("Short and stable, e.g. CS for customer service."),
    )
    name_en = StringField(_l("Name (English)"), validators=[DataRequired(), Length(max=120)])
    name_zh = StringField(_l("Name (Chinese)"), validators=[DataRequired(), Length(max=120)])
    kind = SelectField(_l("Kind"), choices=options(DEPARTMENT_KIND_LABELS))
    lead_id = SelectField(_l("Lead"), coerce=int, choices=[], validators=[Optional()])
    parent_id = SelectField(_l("Parent department"), coerce=int, choices=[], validators=[Optional()])


class UserForm(VersionedForm):
    """A user's account, as an administrator edits it."""

    email = EmailField(_l("E-mail"), filters=[strip], validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    job_title = StringField(_l("Job title"), validators=[Optional(), Length(max=120)])
    department_id = SelectField(_l("Department"), coerce=int, choices=[], validators=[Optional()])
    roles = SelectMultipleField(
        _l("Roles"), choices=options(ROLE_LABELS),
        widget=widgets.ListWidget(prefix_label=False), option_widget=widgets.CheckboxInput(),
    )
    locale = SelectField(_l("Language"), choices=options({"": _l("Follow the browser"), **LOCALE_NAMES}))
    password = PasswordField(
        _l("Initial password"), validators=[Optional(), Length(min=MIN_PASSWORD, max=MAX_PASSWORD)],
        description=_l("Leave empty to generate one, shown to you once."),
    )

    def validate_roles(self, field):
        """A user needs at least one role."""
        if not field.data:
            raise ValidationError(_l("Choose at least one role."))


class ImportForm(FlaskForm):
    """A CSV file to import."""

    file = FileField(_l("CSV file"), validators=[
        FileRequired(message=_l("Choose a file to import.")),
        FileAllowed(["csv", "txt"], message=_l("The file must be a .csv file.")),
    ])


class ConfirmForm(FlaskForm):
    """A bare form: only the CSRF token, for POST buttons."""
