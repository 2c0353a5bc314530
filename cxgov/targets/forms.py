"""Forms for targets, updates, approvals, overrides and settings."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from cxgov.formtools import NumberField, options, strip

KIND_LABELS = {"numeric": _l("Numeric (a measured value)"), "milestone": _l("Milestone (done or not done)")}
DIRECTION_LABELS = {"higher": _l("Higher is better"), "lower": _l("Lower is better")}
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class TargetForm(FlaskForm):
    """One target; the rules on its values are the gate's (operations.add_target), shown next to each field."""

    version = HiddenField()
    department_id = SelectField(_l("Department"), coerce=int, choices=[])
    month = StringField(_l("Month"), filters=[strip])
    title = StringField(_l("Title"), filters=[strip])
    description = TextAreaField(_l("Description"), filters=[strip])
    kind = SelectField(_l("Kind"), choices=options(KIND_LABELS))
    unit = StringField(_l("Unit"), filters=[strip], description=_l("e.g. %, hours, NPS points, complaints"))
    direction = SelectField(_l("Direction"), choices=options(DIRECTION_LABELS))
    baseline = NumberField(_l("Baseline"), validators=[Optional()])
    target_value = NumberField(_l("Target value"), validators=[Optional()])
    # The gate (not the list of choices) says why an owner or a dimension is refused, as for every other door.
    owner_id = SelectField(_l("Owner"), coerce=int, choices=[], validate_choice=False)
    dimension_code = SelectField(_l("Maturity dimension"), choices=[], validate_choice=False)
    points = IntegerField(_l("Incentive points"), default=10,
                          validators=[InputRequired(message=_l("Enter the points."))])
    evidence = TextAreaField(_l("Evidence (text or link)"), filters=[strip])
    override_reason = TextAreaField(_l("Reason for changing a closed month"), filters=[strip])


class UpdateForm(FlaskForm):
    """A progress update (or the correction of one); the rules are the gate's (progress.post_update)."""

    on_date = DateField(_l("Date"), validators=[Optional()])
    value = NumberField(_l("Value"), validators=[Optional()])
    done = SelectField(_l("State"), default="", choices=options({"": _l("— choose —"), "0": _l("Not done yet"),
                                                                 "1": _l("Done")}))
    note = TextAreaField(_l("Note"), filters=[strip])
    reason = TextAreaField(_l("Reason (for a correction, or a late actual of a closed month)"), filters=[strip])


class WithdrawForm(FlaskForm):
    """Withdraw a wrong update, with the reason."""

    reason = TextAreaField(_l("Reason"), filters=[strip])


class ReviewForm(FlaskForm):
    """Approve or comment."""

    comment = TextAreaField(_l("Comment"), filters=[strip], validators=[Length(max=2000)])


class CopyForm(FlaskForm):
    """Start a month from last month's targets."""

    month = HiddenField(validators=[DataRequired(), Regexp(MONTH_PATTERN)])


class SettingsForm(FlaskForm):
    """Limits, window, close day and the points scale; closing or reopening months asks to confirm."""

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
    points_cap = IntegerField(_l("Most points a target may carry"), validators=[InputRequired()])
    points_cap_month = IntegerField(_l("Most points a department's targets of one month may carry in all"),
                                    validators=[InputRequired()])
    points_allowed = StringField(_l("Allowed values only (optional)"), filters=[strip],
                                 description=_l("e.g. 5, 10, 20; leave empty to allow any whole number up to the cap"))
    confirm = HiddenField()

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
