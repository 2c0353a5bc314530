"""Forms for team assignments, the rotation plan, leave, term changes and handovers."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from cxgov.bounds import whole
from cxgov.formtools import options, strip
from cxgov.teams.labels import CADENCE_LABELS, ROLE_LABELS
from cxgov.teams.models import ASSIGNED_ROLES

REASON_REQUIRED = _l("Give a reason; it is kept in the audit trail.")


def _date(label, required: bool = True, **kwargs) -> DateField:
    """A date field with a translated message when it is missing or malformed."""
    validators = [InputRequired(message=_l("Enter a date."))] if required else [Optional()]
    return DateField(label, validators=validators, **kwargs)


class AssignmentForm(FlaskForm):
    """Give someone a team role for a period."""

    role = SelectField(_l("Role"), choices=options({r: ROLE_LABELS[r] for r in ASSIGNED_ROLES}))
    user_id = SelectField(_l("Person"), coerce=int, choices=[])
    department_id = SelectField(_l("Department"), coerce=int, choices=[], validators=[Optional()],
                                description=_l("For a CX champion: the department they champion (their own)."))
    starts_on = _date(_l("From"))
    ends_on = _date(_l("Until"), required=False, description=_l("Leave empty while the assignment lasts."))
    note = TextAreaField(_l("Note"), filters=[strip], validators=[Length(max=2000)])

    def validate_user_id(self, field):
        """A person must be chosen."""
        if not field.data:
            raise ValidationError(_l("Choose a person."))


class EndAssignmentForm(FlaskForm):
    """End an assignment on a day, with a reason."""

    version = HiddenField()
    ends_on = _date(_l("Last day"))
    reason = TextAreaField(_l("Reason"), filters=[strip],
                           validators=[DataRequired(message=REASON_REQUIRED), Length(max=2000)])


class PlanForm(FlaskForm):
    """A rotation plan's name, cadence and first day; the pool comes from the candidate list."""

    version = HiddenField()
    name = StringField(_l("Name"), filters=[strip], validators=[DataRequired(), Length(max=120)])
    cadence = SelectField(_l("Cadence"), choices=options(CADENCE_LABELS), default="quarterly")
    starts_on = _date(_l("First term starts on"))


class LeaveForm(FlaskForm):
    """A leave period: the person is not scheduled for any term it touches."""

    user_id = SelectField(_l("Person"), coerce=int, choices=[])
    starts_on = _date(_l("From"))
    ends_on = _date(_l("Until"))
    note = StringField(_l("Note"), filters=[strip], validators=[Length(max=500)],
                       description=_l("e.g. parental leave, secondment. Visible to everyone who sees the rotation."))

    def validate_ends_on(self, field):
        """The leave cannot end before it starts."""
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The leave ends before it starts."))


CHANGE_MODES = {"reassign": _l("Give this term to someone else"), "swap": _l("Swap with another planned term")}


class TermChangeForm(FlaskForm):
    """Reassign a planned term or swap it with another, with a reason."""

    version = HiddenField()
    mode = RadioField(_l("Change"), choices=options(CHANGE_MODES), default="reassign")
    # The operation checks the person and the term and says precisely what is wrong with them.
    person_id = SelectField(_l("New director"), coerce=int, choices=[], validators=[Optional()],
                            validate_choice=False)
    other_term_id = SelectField(_l("Swap with"), coerce=int, choices=[], validators=[Optional()],
                                validate_choice=False)
    reason = TextAreaField(_l("Reason"), filters=[strip],
                           validators=[DataRequired(message=REASON_REQUIRED), Length(max=2000)])

    def validate_person_id(self, field):
        """A reassignment names the new director."""
        if self.mode.data == "reassign" and not field.data:
            raise ValidationError(_l("Choose the new director."))

    def validate_other_term_id(self, field):
        """A swap names the other term."""
        if self.mode.data == "swap" and not field.data:
            raise ValidationError(_l("Choose the term to swap with."))


class HandoverForm(FlaskForm):
    """The outgoing director's notes and open actions."""

    version = HiddenField()
    notes = TextAreaField(_l("Notes for the next director"), filters=[strip], validators=[Length(max=10000)],
                          description=_l("What went well, what did not, what the next director should watch."))
    open_items = TextAreaField(_l("Open actions"), filters=[strip], validators=[Length(max=5000)],
                               description=_l("One per line, e.g. “Finish the returns journey map — CS, by 15 Jan”."))

    def items(self) -> list[str]:
        """The open actions, one per non-empty line."""
        return [line.strip() for line in (self.open_items.data or "").splitlines() if line.strip()]


class AcknowledgeForm(FlaskForm):
    """The incoming director takes over."""

    note = TextAreaField(_l("Your reply (optional)"), filters=[strip], validators=[Length(max=2000)])


def parse_pool(form: Mapping[str, str], candidates: Sequence[int]) -> list[int]:
    """The chosen pool in order: ticked `pool-<id>` boxes sorted by their `order-<id>` number, then by listing."""
    chosen = []
    for listing, person in enumerate(candidates):
        if form.get(f"pool-{person}"):
            value = str(form.get(f"order-{person}") or "").strip()
            chosen.append((10_000 if (order := whole(value)) is None else order, listing, person))
    return [person for _order, _listing, person in sorted(chosen)]
