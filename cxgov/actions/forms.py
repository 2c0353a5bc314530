"""Forms of the action tracker: an action, and a change of status."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from cxgov.actions.labels import STATUS_LABELS
from cxgov.formtools import options, strip


class DueDateField(DateField):
    """A date field whose parse error says what to type, in the reader's language."""

    def process_formdata(self, valuelist):
        """Parse YYYY-MM-DD; anything else is refused with our own message."""
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_l("Enter the due date as a date, e.g. 2026-12-31.")) from error


class ActionForm(FlaskForm):
    """What is to be done, by whom, for which department, by when.

    Lengths, owners and departments are the actions gate's to refuse (cxgov.actions.operations), so that the
    page says what the API and every other door say; the form only reads the values.
    """

    version = HiddenField()
    title = StringField(_l("Title"), filters=[strip], validators=[DataRequired(message=_l("Say what is to be done."))])
    description = TextAreaField(_l("Description"), filters=[strip])
    owner_id = SelectField(_l("Owner"), coerce=int, choices=[], validate_choice=False)
    department_id = SelectField(_l("Department"), coerce=int, choices=[], validate_choice=False)
    due_on = DueDateField(_l("Due date"), validators=[InputRequired(message=_l("An action needs a due date."))])

    def validate_owner_id(self, field):
        """Every action has an owner (the operation checks it too; here it shows with the other errors)."""
        if not field.data:
            raise ValidationError(_l("An action needs an owner."))

    def validate_due_on(self, field):
        """Keep dates within a sensible range (a typo like 0226 is not a due date)."""
        if field.data is not None and not 2000 <= field.data.year <= 2100:
            raise ValidationError(_l("Enter the due date as a date, e.g. 2026-12-31."))


class StatusForm(FlaskForm):
    """Move an action along; dropping needs a reason."""

    version = HiddenField()
    status = SelectField(_l("Status"), choices=options(STATUS_LABELS))
    reason = TextAreaField(_l("Reason for dropping"), filters=[strip],
                           description=_l("Needed when the action is dropped: say why, so that nobody chases it."))
