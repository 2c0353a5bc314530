"""Forms for cycles, respondents, reopening and calibration; answers are parsed in answering.py."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    DateField,
    DecimalField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError

from cxgov.formtools import options, strip

PERSPECTIVE_LABELS = {"self": _l("Self-assessment (own department)"),
                      "executive": _l("Executive view (rating another department)")}


class CycleForm(FlaskForm):
    """Name, framework version, dates and departments; targets are added per dimension."""

    version = HiddenField()
    name = StringField(_l("Name"), filters=[strip], validators=[DataRequired(), Length(max=120)])
    framework_id = SelectField(_l("Framework version"), coerce=int, choices=[])
    opens_on = DateField(_l("Opens on"), validators=[InputRequired(message=_l("Enter a date."))])
    due_on = DateField(_l("Due on"), validators=[InputRequired(message=_l("Enter a date."))])
    department_ids = SelectMultipleField(_l("Participating departments"), coerce=int, choices=[],
                                         widget=widgets.ListWidget(prefix_label=False),
                                         option_widget=widgets.CheckboxInput())

    def validate_due_on(self, field):
        """The due date cannot come before the opening date."""
        if self.opens_on.data and field.data and field.data < self.opens_on.data:
            raise ValidationError(_l("The due date is before the opening date."))

    def validate_department_ids(self, field):
        """A cycle needs at least one department."""
        if not field.data:
            raise ValidationError(_l("Choose at least one department."))


def target_field(label: str) -> DecimalField:
    """A target level between 1 and 5 for one dimension."""
    return DecimalField(label, places=1, default=3, validators=[
        InputRequired(message=_l("Enter a target level.")),
        NumberRange(min=1, max=5, message=_l("A target level is between 1 and 5."))])


def cycle_form(dimensions, **kwargs) -> CycleForm:
    """A cycle form with one target field per dimension of the framework."""

    class Form(CycleForm):
        pass

    for dim in dimensions:
        setattr(Form, f"target_{dim.id}", target_field(dim.code))
    return Form(**kwargs)


class RespondentForm(FlaskForm):
    """Add someone to a cycle; who may rate what is decided by operations.add_respondent, not by the lists."""

    user_id = SelectField(_l("Person"), coerce=int, choices=[], validate_choice=False,
                          validators=[InputRequired(_l("Choose a person from the list."))])
    department_id = SelectField(_l("Department rated"), coerce=int, choices=[], validate_choice=False,
                                validators=[InputRequired(_l("Choose a department of this cycle."))])
    perspective = SelectField(_l("Perspective"), choices=options(PERSPECTIVE_LABELS), validate_choice=False)


class ReasonForm(FlaskForm):
    """A written reason, e.g. for reopening a published cycle."""

    reason = TextAreaField(_l("Reason"), filters=[strip], validators=[DataRequired(
        message=_l("Give a reason; it is kept in the audit trail.")), Length(max=2000)])


class CalibrationForm(FlaskForm):
    """A department's calibration sheet: its rows (score-<dimension id>, reason-<dimension id>) are read by the
    view and checked by operations.set_calibration; the form holds the department and the CSRF token."""

    department_id = HiddenField()


class FrameworkImportForm(FlaskForm):
    """A YAML or JSON framework file."""

    file = FileField(_l("Framework file"), validators=[
        FileRequired(message=_l("Choose a file to import.")),
        FileAllowed(["yaml", "yml", "json"], message=_l("The file must be .yaml, .yml or .json."))])
