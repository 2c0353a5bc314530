"""Demo e-mail reminders: a few people's preferences (the CEO weekly on Monday, a member who turned them off, a
lead who wants only the targets) and the sent-log of the past week, so that the history reads like a real one:
digests of the people who had something waiting, one mailbox that refused a message, and the CX office reminding
the autumn cycle's missing respondents two days ago. Nothing is sent; the caller commits."""
from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from cxgov import clock
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.rhythm import due, gather
from cxgov.rhythm.mail_models import (
    CYCLE,
    CYCLE_RECIPIENT,
    DIGEST,
    FAILED,
    SENT,
    WEEKLY,
    MailPreference,
    SentReminder,
    allows,
    cycle_key,
    digest_key,
    wanted,
)

PREFERENCES = {  # demo key: (frequency, weekday, kinds)
    "ceo": (WEEKLY, 0, []),
    "cs.2": ("off", 0, []),
    "lead.sal": ("daily", 0, sorted([due.SET_TARGETS, due.UPDATE, due.ESCALATED, due.MONTH_CLOSE])),
}
HISTORY_DAYS = 6
REFUSED = ("mkt.1", 3, "550 5.2.2 Mailbox full")  # who, how many days ago, what their server said
SENT_AT = time(0, 30)  # 08:30 in Shanghai, when the daily job runs


def load(users: dict[str, User]) -> None:
    """Preferences, a week of digests and one cycle reminder."""
    for key, (frequency, weekday, kinds) in PREFERENCES.items():
        if key in users:
            db.session.add(MailPreference(user_id=users[key].id, frequency=frequency, weekday=weekday, kinds=kinds))
    db.session.flush()
    _digests(users)
    _cycle_reminder(users)
    db.session.flush()


def _moment(day, minutes: int = 0) -> datetime:
    return datetime.combine(day, SENT_AT, tzinfo=UTC) + timedelta(minutes=minutes)


def _digests(users: dict[str, User]) -> None:
    """What the daily job would have logged: today's waiting items stand in for each past day's."""
    today = clock.today()
    waiting = gather.due_items(today)
    prefs = {p.user_id: p for p in db.session.scalars(sa.select(MailPreference))}
    active = set(db.session.scalars(sa.select(User.id).where(User.active.is_(True), User.id.in_(waiting))))
    refused = users.get(REFUSED[0])
    for back in range(HISTORY_DAYS, 0, -1):
        day = today - timedelta(days=back)
        for person in sorted(active):
            pref = prefs.get(person)
            items = wanted(waiting[person], pref.kinds if pref else ())
            if not items or (pref and not allows(pref.frequency, pref.weekday, day)):
                continue
            failed = refused is not None and person == refused.id and back == REFUSED[1]
            db.session.add(SentReminder(
                day=day, key=digest_key(person), purpose=DIGEST, user_id=person, items=len(items),
                status=FAILED if failed else SENT, error=REFUSED[2] if failed else "",
                created_at=_moment(day), sent_at=None if failed else _moment(day, 1)))


def _cycle_reminder(users: dict[str, User]) -> None:
    """The CX office reminded the open cycle's missing respondents two days ago."""
    from cxgov.assessments.models import Cycle, Respondent

    cycle = db.session.scalar(sa.select(Cycle).where(Cycle.state == "open").order_by(Cycle.opens_on.desc()))
    sender = users.get("cxo")
    if cycle is None or sender is None:
        return
    day = clock.today() - timedelta(days=2)
    missing = db.session.scalars(
        sa.select(Respondent.user_id).join(User, User.id == Respondent.user_id)
        .where(Respondent.cycle_id == cycle.id, Respondent.submitted_at.is_(None), User.active.is_(True))
        .distinct().order_by(Respondent.user_id)).all()
    if not missing:
        return
    at = datetime.combine(day, time(3, 12), tzinfo=UTC)  # 11:12 in Shanghai, pressed by hand
    db.session.add(SentReminder(day=day, key=cycle_key(cycle.id), purpose=CYCLE, cycle_id=cycle.id,
                                sent_by_id=sender.id, items=len(missing), status=SENT, created_at=at, sent_at=at))
    for person in missing:
        db.session.add(SentReminder(day=day, key=cycle_key(cycle.id, person), purpose=CYCLE_RECIPIENT,
                                    user_id=person, cycle_id=cycle.id, sent_by_id=sender.id, items=1, status=SENT,
                                    created_at=at, sent_at=at))
