"""The wording of every refusal the inbox's gates raise (snoozes, bulk approval)."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from cxgov import rules
from cxgov.rhythm.labels import month_text


def _bulk_failed(params: dict) -> str:
    """Name the target that stopped the batch and say why, in the reader's language."""
    return _("Nothing was approved: “%(title)s” (%(month)s) was refused: %(reason)s", title=params["title"],
             month=month_text(params["month"]), reason=rules.word(params["reason"]))


rules.wordings({
    "snooze_missing": _l("This item is not snoozed."),
    "snooze_not_due": _l("This item is no longer waiting for you, so there is nothing to snooze."),
    "snooze_overdue": _l("An overdue item cannot be snoozed: it stays in your inbox until it is done."),
    "snooze_due_today": _l("An item due today cannot be snoozed: it stays in your inbox until it is done."),
    "snooze_no_date": _l("Choose the date the item should come back, e.g. 2026-12-31."),
    "snooze_past": _l("Choose a date after %(day)s: the item comes back on that date."),
    "snooze_too_far": _l("An item can be snoozed for at most %(days)s days (until %(day)s)."),
    "snooze_after_deadline": _l("The item is due on %(day)s: snooze it until that date at the latest."),
    "bulk_nothing_chosen": _l("Tick the targets to approve."),
    "bulk_not_in_queue": _l("A chosen target is no longer waiting for approval; reload the queue and try again."),
    "bulk_approve_failed": _bulk_failed,
})
