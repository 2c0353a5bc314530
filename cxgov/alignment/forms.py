"""Forms of the alignment review: start a year, the intended experience, attributes, areas, ratings, actions."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from cxgov.alignment.labels import RATING_LABELS
from cxgov.formtools import options, strip


class StartForm(FlaskForm):
    """Open the review of a year."""

    year = IntegerField(_l("Year"), validators=[InputRequired(), NumberRange(min=2000, max=2100)])


class ExperienceForm(FlaskForm):
    """The intended customer experience this year's review holds the company against."""

    version = HiddenField()
    intended_experience = TextAreaField(_l("Intended customer experience"), filters=[strip],
                                        validators=[DataRequired(), Length(max=4000)])


class AttributeForm(FlaskForm):
    """One attribute of the intended experience."""

    name = StringField(_l("Attribute"), filters=[strip], validators=[DataRequired(), Length(max=200)])
    description = StringField(_l("What it means for the customer"), filters=[strip],
                                validators=[Optional(), Length(max=2000)])


class AreaForm(FlaskForm):
    """A custom area's name, or a standard area's own name (empty: the standard name in each language)."""

    name = StringField(_l("Area"), filters=[strip], validators=[Optional(), Length(max=200)])


class MoveForm(FlaskForm):
    """Move an area up or down the list."""

    direction = SelectField(choices=options({"up": "up", "down": "down"}))


class RatingForm(FlaskForm):
    """Rate an area: how far it supports the intended experience, on what evidence, who owns it."""

    version = HiddenField()
    # The ratings gate refuses a missing rating, over-long evidence or an owner who may not own (every door alike).
    rating = SelectField(_l("Rating"), choices=options({"": _l("— choose a rating —")} | RATING_LABELS),
                         validate_choice=False)
    evidence = TextAreaField(_l("Evidence"), filters=[strip],
                             description=_l("What you saw: figures, examples, complaints, decisions."))
    owner_id = SelectField(_l("Owner"), coerce=int, choices=[], validate_choice=False)


class CorrectiveActionForm(FlaskForm):
    """A corrective action for an area; it goes into the action tracker."""

    # What an action may hold is the actions gate's to refuse, as for every other door of an action.
    title = StringField(_l("Corrective action"), filters=[strip])
    owner_id = SelectField(_l("Owner"), coerce=int, choices=[], validate_choice=False)
    department_id = SelectField(_l("Department"), coerce=int, choices=[], validate_choice=False)
    due_on = DateField(_l("Due date"), validators=[Optional()])
