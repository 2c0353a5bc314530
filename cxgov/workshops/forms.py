"""Forms for workshops, invitations, answers, feedback, ideas, cancelling and the series goal.

Attendance and screening are parsed from the posted lists in views (one field per person or idea).
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
    widgets,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from cxgov.formtools import options, strip
from cxgov.workshops.labels import KIND_LABELS, METHOD_LABELS, STAGE_LABELS

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
COUNTS = ("employees_count", "customers_count", "experts_count", "core_users_count")


def _count(label) -> IntegerField:
    """A number of co-creators of one kind."""
    return IntegerField(label, default=0, validators=[
        InputRequired(message=_l("Enter a number (0 if none).")),
        NumberRange(min=0, max=1000, message=_l("Enter a number from 0 to 1000."))])


def _checklist(label) -> SelectMultipleField:
    """A list of checkboxes."""
    return SelectMultipleField(label, coerce=int, choices=[], widget=widgets.ListWidget(prefix_label=False),
                               option_widget=widgets.CheckboxInput())


class WorkshopForm(FlaskForm):
    """A workshop's details; on creation also the departments and people to invite.

    The form reads dates, times and numbers; what they may be (a title, a place or a web link, the method, the
    facilitator, lengths, seats, an end after the start) is the workshop gate's to refuse, as for every door.
    """

    version = HiddenField()
    title = StringField(_l("Title"), filters=[strip])
    topic = TextAreaField(_l("Topic"), filters=[strip], description=_l("The customer question the workshop works on."))
    day = DateField(_l("Date"), validators=[InputRequired(message=_l("Enter a date."))])
    start = TimeField(_l("Starts at"), validators=[InputRequired(message=_l("Enter a start time."))])
    end = TimeField(_l("Ends at"), validators=[InputRequired(message=_l("Enter an end time."))])
    location = StringField(_l("Place"), filters=[strip],
                           description=_l("A room, or leave empty for an online workshop."))
    online_url = StringField(_l("Online link"), filters=[strip],
                             description=_l("Meeting link for people joining online (https://…)."))
    facilitator_id = SelectField(_l("Facilitator"), coerce=int, choices=[], validate_choice=False)
    method = SelectField(_l("Co-creation method"), choices=options(METHOD_LABELS), validate_choice=False)
    method_note = StringField(_l("Method details"), filters=[strip],
                              description=_l("Needed for “other method”; optional otherwise."))
    employees_count = _count(_l("Employees"))
    customers_count = _count(_l("Customers"))
    experts_count = _count(_l("Experts"))
    core_users_count = _count(_l("Core users"))
    cocreator_notes = TextAreaField(_l("Co-creator notes"), filters=[strip],
                                    description=_l("Who the customers, experts and core users are."))
    capacity = IntegerField(_l("Capacity (seats)"), default=30, validators=[
        InputRequired(message=_l("Enter the number of seats.")),
        NumberRange(min=1, max=1000, message=_l("Enter a number of seats from 1 to 1000."))])
    department_ids = _checklist(_l("Invite departments (everyone in them)"))
    person_ids = SelectMultipleField(_l("Invite people"), coerce=int, choices=[], validators=[Optional()],
                                     description=_l("Hold Ctrl (⌘ on a Mac) to choose several."))


class InviteForm(FlaskForm):
    """Invite more departments or people."""

    department_ids = _checklist(_l("Departments (everyone in them)"))
    person_ids = SelectMultipleField(_l("People"), coerce=int, choices=[], validators=[Optional()],
                                     description=_l("Hold Ctrl (⌘ on a Mac) to choose several."))

    def validate_person_ids(self, field):
        """Something to invite."""
        if not field.data and not self.department_ids.data:
            raise ValidationError(_l("Choose a department or a person to invite."))


class RsvpForm(FlaskForm):
    """The invitee's answer."""

    answer = SelectField(_l("Will you come?"), choices=options({"yes": _l("Yes, I will come"),
                                                               "no": _l("No, I cannot come")}))
    note = StringField(_l("Note for HR"), filters=[strip], validators=[Length(max=500)])


class FeedbackForm(FlaskForm):
    """An attendee's rating, once."""

    rating = RadioField(_l("Your rating"), coerce=int, choices=options({
        5: _l("5 · excellent"), 4: _l("4 · good"), 3: _l("3 · fair"), 2: _l("2 · poor"), 1: _l("1 · very poor")}),
        validators=[InputRequired(message=_l("Choose a rating from 1 to 5."))])
    comment = TextAreaField(_l("Comment"), filters=[strip], validators=[Length(max=2000)],
                            description=_l("What helped, what should change next time."))


class IdeaForm(FlaskForm):
    """An idea, pain point or delight point from a workshop (its gate, operations.add_idea and update_idea, refuses
    a missing title, place in the journey or department, as for every other door)."""

    version = HiddenField()
    kind = RadioField(_l("Kind"), choices=options(KIND_LABELS), default="improvement", validate_choice=False)
    title = StringField(_l("Title"), filters=[strip])
    description = TextAreaField(_l("Description"), filters=[strip])
    stage = SelectField(_l("Journey stage"), choices=options({"": _l("— choose —"), **STAGE_LABELS}),
                        validate_choice=False)
    touchpoint = StringField(_l("Touchpoint"), filters=[strip],
                             description=_l("e.g. delivery booking call, installer visit, service hotline"))
    department_id = SelectField(_l("Department concerned"), coerce=int, choices=[], validate_choice=False)


class ReasonForm(FlaskForm):
    """A reason kept in the audit trail (cancelling a workshop)."""

    reason = TextAreaField(_l("Reason"), filters=[strip], validators=[DataRequired(
        message=_l("Give a reason; it is kept in the audit trail.")), Length(max=2000)])


class GoalForm(FlaskForm):
    """HR's goal for the series from a month on."""

    from_month = StringField(_l("From month"), filters=[strip], validators=[
        DataRequired(), Regexp(MONTH_PATTERN, message=_l("Use the form YYYY-MM, e.g. 2026-12."))])
    per_month = IntegerField(_l("Workshops per month"), default=1, validators=[
        InputRequired(message=_l("Enter a number.")),
        NumberRange(min=0, max=20, message=_l("Enter a number from 0 to 20."))])
    note = StringField(_l("Note"), filters=[strip], validators=[Length(max=500)],
                       description=_l("e.g. no workshop in the Spring Festival month"))
