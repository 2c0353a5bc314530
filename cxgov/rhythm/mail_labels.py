"""The words of e-mail reminders: frequencies, weekdays, and the wording of every refusal of the e-mail part."""
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from cxgov import rules
from cxgov.rhythm.mail_models import DAILY, OFF, WEEKLY

FREQUENCY_LABELS = {
    DAILY: _l("Every day"),
    WEEKLY: _l("Once a week"),
    OFF: _l("Never: no reminder e-mails"),
}


def weekday_names() -> dict[int, str]:
    """0 = Monday … 6 = Sunday, in the reader's language."""
    days = get_locale().days["format"]["wide"] if get_locale() else {}
    english = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    return {number: days.get(number, english[number]) for number in range(7)}


rules.wordings({
    # settings and server (mail_transport.MailError)
    "mail_not_configured": _l("E-mail is not set up: CXGOV_SMTP_HOST is empty. Nothing was sent."),
    "mail_setting": _l("The e-mail setting %(name)s is “%(value)s”; expected %(expected)s. Nothing was sent."),
    "mail_unreachable": _l("The mail server %(server)s could not be reached (%(reason)s). Nothing was sent."),
    "mail_login": _l("The mail server %(server)s refused to sign in as %(user)s (%(reason)s). Nothing was sent."),
    # preferences
    "mail_kind_unknown": _l("Choose reminders from the list."),
    "mail_frequency_unknown": _l("Choose every day, once a week or never."),
    "mail_weekday_unknown": _l("Choose a day of the week."),
    "mail_kinds_empty": _l("Choose at least one kind of reminder, or choose never."),
    # reminding those who have not answered
    "remind_not_allowed": _l("Only the CX office or an executive reminds the respondents of a cycle."),
    "remind_not_open": _l("Respondents are reminded only while the cycle is open for answers."),
    "remind_nobody": _l("Everyone has answered: there is nobody to remind."),
    "remind_already_sent": _l("Today's reminder for this cycle already went out; the next one can be sent "
                              "tomorrow."),
    "remind_all_failed": _l("No reminder could be delivered (%(reason)s). Nothing was recorded; try again later."),
})
