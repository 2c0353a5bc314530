"""Forms of quarterly reviews: the plan, decisions, actions, notes and the agenda template."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from cxgov.formtools import options, strip


class ReviewForm(FlaskForm):
    """Plan a quarter's review: chair, date, place and who attends."""

    version = HiddenField()
    year = IntegerField(_l("Year"), validators=[InputRequired(), NumberRange(min=2000, max=2100)])
    quarter = SelectField(_l("Quarter"), coerce=int, choices=options({q: f"Q{q}" for q in (1, 2, 3, 4)}))
    chair_id = SelectField(_l("Chair"), coerce=int, choices=[])
    meeting_on = DateField(_l("Meeting date"), validators=[InputRequired(message=_l("Choose the meeting date."))])
    place = StringField(_l("Place or link"), filters=[strip], validators=[Length(max=200)])
    attendee_ids = SelectMultipleField(_l("Attendees"), coerce=int, choices=[],
                                       widget=widgets.ListWidget(prefix_label=False),
                                       option_widget=widgets.CheckboxInput())
    others = StringField(_l("Other attendees, by e-mail"), filters=[strip], validators=[Length(max=2000)],
                         description=_l("Anyone else taking part: their e-mails, separated by commas or spaces."))


class ActionFields:
    """The fields of an action decided in the meeting (mixed into forms)."""

    action_title = StringField(_l("Action item"), filters=[strip])  # the actions gate refuses what is wrong
    owner_id = SelectField(_l("Owner"), coerce=int, choices=[], validate_choice=False)
    department_id = SelectField(_l("Department"), coerce=int, choices=[], validate_choice=False)
    due_on = DateField(_l("Due date"), validators=[Optional()])


class DecisionForm(FlaskForm, ActionFields):
    """A decision, optionally with its first action."""

    text = TextAreaField(_l("Decision"), filters=[strip])  # the decisions gate refuses an empty or odd text


class ActionForm(FlaskForm, ActionFields):
    """Another action for a decision."""


class NotesForm(FlaskForm):
    """The meeting's notes."""

    version = HiddenField()
    notes = TextAreaField(_l("Notes"), filters=[strip], validators=[Length(max=20000)])


class AgendaForm(FlaskForm):
    """The pack's sections in order; a blank position leaves a section out."""

    version = HiddenField()
