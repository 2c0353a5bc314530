"""Routes of the rhythm's e-mail part: a person's reminder settings, and reminding a cycle's missing respondents."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, SelectMultipleField, widgets

from cxgov import clock
from cxgov.extensions import db
from cxgov.formtools import options
from cxgov.org.forms import ConfirmForm
from cxgov.permissions import can_manage_assessments, can_view_app, require
from cxgov.rhythm import due, labels
from cxgov.rhythm.mail_labels import FREQUENCY_LABELS, weekday_names
from cxgov.rhythm.mail_models import FREQUENCIES
from cxgov.rhythm.mail_operations import preference_of, remind_non_respondents, reminded_today, save_preferences
from cxgov.rhythm.views import bp
from cxgov.webtools import saved


def _day_number(value) -> int | None:
    """A weekday as posted, or None when it is not a number (the gate then asks for a day of the week)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ReminderForm(FlaskForm):
    """Which reminders come by e-mail, and how often. A value outside the lists (a form edited in the browser)
    is not refused here in WTForms' words but by `save_preferences`, which says it in the page's language."""

    kinds = SelectMultipleField(_l("Remind me of"), choices=[], widget=widgets.ListWidget(prefix_label=False),
                                option_widget=widgets.CheckboxInput(), validate_choice=False)
    frequency = RadioField(_l("How often"), choices=[], validate_choice=False)
    weekday = SelectField(_l("On (for once a week)"), coerce=_day_number, choices=[], validate_choice=False)


def _form(pref) -> ReminderForm:
    """The form filled with the stored choice; "every kind" shows every box ticked."""
    form = ReminderForm(data={"kinds": list(pref.kinds or due.KINDS), "frequency": pref.frequency,
                              "weekday": pref.weekday})
    form.kinds.choices = options({kind: labels.KIND_LABELS[kind] for kind in due.KINDS})
    form.frequency.choices = options({f: FREQUENCY_LABELS[f] for f in FREQUENCIES})
    form.weekday.choices = list(weekday_names().items())
    return form


@bp.route("/account/reminders", methods=["GET", "POST"])
@require(can_view_app)
def reminders():
    """The signed-in person's e-mail reminder settings."""
    form = _form(preference_of(current_user.id))
    if form.validate_on_submit():
        change = lambda: save_preferences(current_user, form.kinds.data, form.frequency.data,  # noqa: E731
                                          form.weekday.data)
        if saved(change, form) is not None:
            flash(_("Your reminder settings have been saved."), "success")
            return redirect(url_for("rhythm.reminders"))
    return render_template("rhythm/mail_reminders.html", form=form)


@bp.route("/assessments/<int:cycle_id>/remind", methods=["POST"])
@require(can_manage_assessments)
def remind_cycle(cycle_id: int):
    """E-mail the respondents of an open cycle who have not answered (once a day)."""
    from cxgov.assessments.models import Cycle

    cycle = db.get_or_404(Cycle, cycle_id)
    if ConfirmForm().validate_on_submit():
        counts = saved(lambda: remind_non_respondents(cycle, current_user, clock.today()))
        if counts is not None:
            flash(_sent_message(counts), "success" if not counts["failed"] else "info")
    return redirect(url_for("assessments.cycle", cycle_id=cycle_id))


def _sent_message(counts: dict) -> str:
    sent = ngettext("A reminder went to %(num)d person who has not answered.",
                    "A reminder went to %(num)d people who have not answered.", counts["sent"])
    if counts["failed"]:
        sent += " " + ngettext("%(num)d message could not be delivered.", "%(num)d messages could not be delivered.",
                               counts["failed"])
    return sent


@bp.app_template_global()
def cycle_reminded_today(cycle_id: int):
    """Today's "remind those who have not answered" of a cycle, for its page (None when not sent yet)."""
    return reminded_today(cycle_id, clock.today())
