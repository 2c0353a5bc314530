"""Forms for targets, updates, approvals, overrides and settings."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, FloatField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from cxgov.formtools import options, strip
from cxgov.targets import checks
from cxgov.targets.labels import PROBLEM_MESSAGES

KIND_LABELS = {"numeric": _l("Numeric (a measured value)"), "milestone": _l("Milestone (done or not done)")}
DIRECTION_LABELS = {"higher": _l("Higher is better"), "lower": _l("Lower is better")}
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class TargetForm(FlaskForm):
    """One target; numeric targets need a baseline and a target value."""

    version = HiddenField()
    department_id = SelectField(_l("Department"), coerce=int, choices=[])
    month = StringField(_l("Month"), filters=[strip], validators=[
        DataRequired(), Regexp(MONTH_PATTERN, message=_l("Use the form YYYY-MM, e.g. 2026-12."))])
    title = StringField(_l("Title"), filters=[strip], validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), filters=[strip], validators=[Length(max=4000)])
    kind = SelectField(_l("Kind"), choices=options(KIND_LABELS))
    unit = StringField(_l("Unit"), filters=[strip], validators=[Length(max=30)],
                       description=_l("e.g. %, hours, NPS points, complaints"))
    direction = SelectField(_l("Direction"), choices=options(DIRECTION_LABELS))
    baseline = FloatField(_l("Baseline"), validators=[Optional()])
    target_value = FloatField(_l("Target value"), validators=[Optional()])
    owner_id = SelectField(_l("Owner"), coerce=int, choices=[])
    dimension_code = SelectField(_l("Maturity dimension"), choices=[])
    points = IntegerField(_l("Incentive points"), default=10, validators=[
        InputRequired(message=_l("Enter the points.")), NumberRange(min=0, max=1000)])
    evidence = TextAreaField(_l("Evidence (text or link)"), filters=[strip], validators=[Length(max=2000)])
    override_reason = TextAreaField(_l("Reason for changing a closed month"), filters=[strip],
                                    validators=[Length(max=2000)])

    def validate_target_value(self, field):
        """Numeric targets need both numbers, different and in the chosen direction (shared with API and import)."""
        problems = checks.value_problems(self.kind.data, self.direction.data, self.baseline.data, field.data)
        if problems:
            raise ValidationError(PROBLEM_MESSAGES[next(iter(problems.values()))])


class UpdateForm(FlaskForm):
    """A progress update."""

    on_date = DateField(_l("Date"), validators=[InputRequired(message=_l("Enter a date."))])
    value = FloatField(_l("Value"), validators=[Optional()])
    done = SelectField(_l("State"), default="", choices=options({"": _l("Not done yet"), "1": _l("Done")}))
    note = TextAreaField(_l("Note"), filters=[strip], validators=[Length(max=2000)])


class ReviewForm(FlaskForm):
    """Approve or comment."""

    comment = TextAreaField(_l("Comment"), filters=[strip], validators=[Length(max=2000)])


class CopyForm(FlaskForm):
    """Start a month from last month's targets."""

    month = HiddenField(validators=[DataRequired(), Regexp(MONTH_PATTERN)])


class SettingsForm(FlaskForm):
    """Limits, window and close day."""

    version = HiddenField()
    max_per_department = IntegerField(_l("Maximum targets per department per month"),
                                      validators=[InputRequired(), NumberRange(min=1, max=20)])
    min_per_department = IntegerField(_l("Expected minimum per department per month"),
                                      validators=[InputRequired(), NumberRange(min=0, max=20)])
    window_opens_day = IntegerField(_l("Drafting opens on this day of the month before"),
                                    validators=[InputRequired(), NumberRange(min=1, max=28)])
    window_closes_day = IntegerField(_l("Drafting closes on this day of the month itself"),
                                     validators=[InputRequired(), NumberRange(min=1, max=28)])
    close_day = IntegerField(_l("The month closes on this day of the month after"),
                             validators=[InputRequired(), NumberRange(min=1, max=28)])

    def validate_min_per_department(self, field):
        """The minimum cannot exceed the maximum."""
        if self.max_per_department.data is not None and field.data is not None \
                and field.data > self.max_per_department.data:
            raise ValidationError(_l("The minimum cannot be above the maximum."))


class ImportForm(FlaskForm):
    """A file of targets."""

    file = FileField(_l("File"), validators=[
        FileRequired(message=_l("Choose a file to import.")),
        FileAllowed(["csv", "xlsx"], message=_l("The file must be .csv or .xlsx."))])
