"""The e-mail part's gates: a person's reminder preferences, and reminding a cycle's missing respondents."""
from __future__ import annotations

from collections import Counter
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _

from cxgov.extensions import db
from cxgov.permissions import can_manage_assessments
from cxgov.rhythm import due, gather, mail, mail_log
from cxgov.rhythm.mail_models import (
    CYCLE,
    CYCLE_RECIPIENT,
    DAILY,
    FREQUENCIES,
    OFF,
    WEEKLY,
    MailPreference,
    SentReminder,
    cycle_key,
)
from cxgov.rhythm.mail_transport import DeliveryFailed, Mailer
from cxgov.rules import Invalid, Refusal


def preference_of(user_id: int) -> MailPreference:
    """The person's preference, or the default (every kind, daily) not yet stored."""
    return db.session.get(MailPreference, user_id) or MailPreference(user_id=user_id, kinds=[], frequency=DAILY,
                                                                     weekday=0)


def save_preferences(user, kinds, frequency: str, weekday: int | None) -> MailPreference:
    """Store which reminders the person wants by e-mail and how often; every kind chosen is stored as "all"."""
    chosen = set(kinds or ())
    problems = {}
    if chosen - set(due.KINDS):
        problems["kinds"] = "mail_kind_unknown"
    elif not chosen and frequency != OFF:
        problems["kinds"] = "mail_kinds_empty"
    if frequency not in FREQUENCIES:
        problems["frequency"] = "mail_frequency_unknown"
    if frequency == WEEKLY and (weekday is None or weekday not in range(7)):
        problems["weekday"] = "mail_weekday_unknown"
    if problems:
        raise Invalid(problems)
    pref = db.session.get(MailPreference, user.id) or MailPreference(user_id=user.id)
    if chosen or frequency != OFF:  # turning reminders off keeps the kinds chosen for when they come back on
        pref.kinds = [] if chosen >= set(due.KINDS) else sorted(chosen)
    pref.frequency = frequency
    pref.weekday = weekday if frequency == WEEKLY else (pref.weekday or 0)
    db.session.add(pref)
    db.session.flush()
    return pref


def remind_non_respondents(cycle, by_user, day: date) -> dict[str, int]:
    """E-mail each active respondent of the open cycle who has not submitted, at most once a day per cycle.

    Returns {"sent", "failed"}. Refuses when not allowed, the cycle is not open, nobody is missing, or today's
    reminder went out already (the sent-log's unique key decides, not a read). The caller commits.
    """
    if not can_manage_assessments(by_user):
        raise Refusal("remind_not_allowed")
    if cycle.state != "open":
        raise Refusal("remind_not_open")
    config = mail.settings()
    waiting = _waiting(cycle, day)
    if not waiting:
        raise Refusal("remind_nobody")
    claim = mail_log.claim(day, cycle_key(cycle.id), CYCLE, cycle_id=cycle.id, sent_by_id=by_user.id,
                           items=len(waiting))
    if claim is None:
        raise Refusal("remind_already_sent")
    counts = _send(cycle, by_user, waiting, day, config)
    if not counts["sent"]:
        raise Refusal("remind_all_failed", reason=counts.get("reason", ""))
    claim.items = counts["sent"]
    mail_log.mark_sent(claim)
    return {"sent": counts["sent"], "failed": counts["failed"]}


def _waiting(cycle, day: date) -> list[tuple]:
    """(respondent's user, their answer item) for each active respondent who has not submitted."""
    users = {r.id: r.user for r in cycle.respondents if r.submitted_at is None and r.user.active}
    if not users:
        return []
    items = gather.due_items(day)
    found = []
    for respondent_id, user in sorted(users.items()):
        key = f"answer:{respondent_id}"
        item = next((i for i in items.get(user.id, ()) if i.key == key), None)
        if item is not None:
            found.append((user, item))
    return found


def _send(cycle, by_user, waiting: list[tuple], day: date, config) -> Counter:
    """One message per respondent, each logged; connection problems raise MailError before any is sent."""
    counts: Counter = Counter(sent=0, failed=0)
    with Mailer(config) as mailer:
        for user, item in waiting:
            to = mail.recipient(user)
            row = mail_log.claim(day, cycle_key(cycle.id, user.id), CYCLE_RECIPIENT, user_id=user.id,
                                 cycle_id=cycle.id, sent_by_id=by_user.id, items=1)
            if row is None:
                continue
            try:
                mailer.send(_message(to, item, cycle, by_user, day, config))
            except DeliveryFailed as error:
                mail_log.mark_failed(row, str(error))
                counts["failed"] += 1
                counts["reason"] = str(error)
            else:
                mail_log.mark_sent(row)
                counts["sent"] += 1
    return counts


def _message(to, item, cycle, by_user, day: date, config):
    with force_locale(to.locale):
        subject = _("Reminder: your answers to “%(cycle)s” are still missing", cycle=cycle.name)
        intro = _("%(sender)s reminds you that your answers to “%(cycle)s” are still missing.",
                  sender=by_user.name, cycle=cycle.name)
    return mail.compose(to, [item], day, config, subject=subject, intro=intro)


def reminded_today(cycle_id: int, day: date) -> SentReminder | None:
    """Today's reminder of the cycle, if it went out."""
    row = mail_log.sent_for(day, cycle_key(cycle_id))
    return row if row is not None and row.status != "failed" else None
