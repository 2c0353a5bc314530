"""The rhythm's jobs and the log of each run: what ran, for which day, started how, with what counts or error.

A job is a function of the day that returns counts (`{"sent": 12, "skipped": 3}`); it is idempotent, so running
it twice on one day does nothing twice. `run(job, day, trigger)` is the one way to run a job — the scheduler, the
CLI and the admin's "run now" all call it — and it always leaves a row in the log, even when the job fails.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from cxgov import clock, rules
from cxgov.audit.tracking import acting_as
from cxgov.extensions import db
from cxgov.models_base import UTCDateTime, utcnow

log = logging.getLogger(__name__)

TRIGGERS = ("schedule", "cli", "admin")
RUNNING, OK, FAILED = "running", "ok", "failed"
KEEP = 200  # rows listed on the admin page


class JobRun(db.Model):
    """One run of one job for one day (a log row, not a business record: it is written, never changed by people)."""

    __tablename__ = "rhythm_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(sa.String(40), index=True)
    day: Mapped[date] = mapped_column(sa.Date, index=True)
    trigger: Mapped[str] = mapped_column(sa.String(10))
    state: Mapped[str] = mapped_column(sa.String(10), default=RUNNING)
    counts: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    error: Mapped[str] = mapped_column(sa.Text, default="")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def seconds(self) -> float | None:
        return (self.finished_at - self.started_at).total_seconds() if self.finished_at else None


class Job:
    """A job of the rhythm: its name, when in the organisation's day the scheduler runs it, and what it does."""

    def __init__(self, name: str, label, at: time, action: Callable[[date], dict]) -> None:
        self.name, self.label, self.at, self.action = name, label, at, action


def _send_reminders(day: date) -> dict:
    from cxgov.rhythm import mail

    return mail.send_digests(day)


def _post_chat_digests(day: date) -> dict:
    from cxgov.rhythm import chat

    return chat.post_digests(day)


def _close_months(day: date) -> dict:
    from cxgov.targets import operations

    return {"closed": len(operations.close_due_months(day))}


JOBS = {job.name: job for job in (
    Job("close_months", _l("Close the months of targets that are due"), time(0, 30), _close_months),
    Job("reminders", _l("Send the e-mail reminders"), time(8, 0), _send_reminders),
    Job("chat_digests", _l("Post the weekly digests to workplace chat"), time(9, 0), _post_chat_digests),
)}


def run(name: str, day: date | None = None, trigger: str = "cli") -> JobRun:
    """Run a job for the day and log it; a failure is logged with a readable error, never raised."""
    if name not in JOBS or trigger not in TRIGGERS:
        raise rules.Refusal("unknown_job", job=name)
    day = day or clock.today()
    entry = JobRun(job=name, day=day, trigger=trigger, state=RUNNING, counts={})
    db.session.add(entry)
    db.session.commit()
    try:
        with acting_as(None, "scheduler" if trigger == "schedule" else trigger):
            counts = JOBS[name].action(day) or {}
        db.session.commit()
        entry.state, entry.counts = OK, {key: int(value) for key, value in counts.items()}
    except Exception as error:  # noqa: BLE001 - every failure of a job is logged as its run's outcome
        db.session.rollback()
        log.exception("rhythm job %s for %s failed", name, day)
        entry = db.session.get(JobRun, entry.id)
        entry.state, entry.error = FAILED, readable(error)
    entry.finished_at = utcnow()
    db.session.commit()
    return entry


def readable(error: Exception) -> str:
    """One line a person can act on: the worded refusal (in the organisation's language, whoever started the
    run), or the error's own message, without a traceback."""
    if isinstance(error, rules.Refusal):
        from flask_babel import force_locale

        from cxgov.i18n import organisation_default_locale

        with force_locale(organisation_default_locale()):
            return str(rules.word(error))
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def due_now(moment: datetime | None = None) -> list[str]:
    """The jobs whose time of day has come in the organisation's zone and that have not run well today."""
    local = (moment or clock.now()).astimezone(clock.zone())
    done = set(db.session.scalars(sa.select(JobRun.job).where(JobRun.day == local.date(), JobRun.state == OK)))
    return [name for name, job in JOBS.items() if local.time() >= job.at and name not in done]


def recent(limit: int = KEEP) -> list[JobRun]:
    return list(db.session.scalars(sa.select(JobRun).order_by(JobRun.started_at.desc(), JobRun.id.desc())
                                   .limit(limit)))


def last_by_job() -> dict[str, JobRun]:
    """Each job's latest run."""
    latest = {}
    for entry in recent():
        latest.setdefault(entry.job, entry)
    return latest


rules.wordings({"unknown_job": _l("There is no job called %(job)s.")})
