"""The rhythm in the demo: the last week of scheduled runs, and each part's own history (snoozes, e-mail
preferences and sent reminders, chat channels and deliveries, calendar feeds)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib import import_module

import sqlalchemy as sa

from cxgov import clock
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.rhythm import runs

PARTS = ("inbox_demo", "mail_demo", "chat_demo", "calendar_demo")
RECENT_DAYS = 6  # as many days as the demo's e-mail sent-log holds


def load(users: dict[str, User]) -> None:
    """Every part's demo history, then a week of runs of each daily job (the caller commits)."""
    for part in PARTS:
        import_module(f"cxgov.rhythm.{part}").load(users)
        db.session.flush()
    _runs()


def _runs() -> None:
    """A week of the scheduler's runs before today, counting what the demo's sent-log and chat deliveries hold."""
    today = clock.today()
    zone = clock.zone()
    for back in range(RECENT_DAYS, 0, -1):
        day = today - timedelta(days=back)
        for name, job in runs.JOBS.items():
            started = datetime.combine(day, job.at, tzinfo=zone).astimezone(UTC) + timedelta(minutes=back % 5)
            db.session.add(runs.JobRun(job=name, day=day, trigger="schedule", state=runs.OK,
                                       counts=_counts(name, day, zone), error="", started_at=started,
                                       finished_at=started + timedelta(seconds=2)))


def _counts(name: str, day, zone) -> dict:
    """What each job reported on a past day of the demo: what the demo's own records say happened that day."""
    from cxgov.rhythm.chat_models import ChatDelivery
    from cxgov.rhythm.mail_models import SentReminder
    from cxgov.targets.models import MonthClose

    if name == "close_months":
        closes = db.session.scalars(sa.select(MonthClose.closed_at))
        return {"closed": sum(1 for at in closes if at.astimezone(zone).date() == day)}
    if name == "reminders":
        rows = db.session.execute(sa.select(SentReminder.status, sa.func.count()).where(
            SentReminder.day == day, SentReminder.purpose == "digest").group_by(SentReminder.status)).all()
        return {("sent" if status == "sent" else "failed"): n for status, n in rows} or {"sent": 0}
    start, end = (datetime.combine(d, datetime.min.time(), tzinfo=zone) for d in (day, day + timedelta(days=1)))
    posted = db.session.scalar(sa.select(sa.func.count()).select_from(ChatDelivery).where(
        ChatDelivery.kind == "digest", ChatDelivery.created_at >= start, ChatDelivery.created_at < end))
    return {"queued": posted or 0}
