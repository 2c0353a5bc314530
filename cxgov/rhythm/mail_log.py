"""The sent-log's one rule, applied: a reminder is claimed by inserting its (day, key) row before it is sent.

Two senders at once (the scheduler and an operator's cron, two workers) both try the insert; the database's
unique constraint lets one through and the other gets an IntegrityError, so nobody reads first and writes
after. A row left `failed` may be taken over by one later sender by a conditional update, which is just as
atomic. A row left `sending` by a process that died stays: at most once beats twice.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.rhythm.mail_models import FAILED, SENDING, SENT, SentReminder


def claim(day: date, key: str, purpose: str, **fields) -> SentReminder | None:
    """This sender's row for (day, key), flushed; None when another sender has it already."""
    row = SentReminder(day=day, key=key, purpose=purpose, status=SENDING, error="", **fields)
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        return _take_over_failed(day, key, fields.get("items"))
    return row


def _take_over_failed(day: date, key: str, items: int | None) -> SentReminder | None:
    """The failed row of (day, key) for one more try, if no other sender took it first."""
    values = {"status": SENDING, "error": ""} | ({"items": items} if items is not None else {})
    taken = db.session.execute(
        sa.update(SentReminder)
        .where(SentReminder.day == day, SentReminder.key == key, SentReminder.status == FAILED)
        .values(**values)
        .execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        return None
    return db.session.scalar(
        sa.select(SentReminder).where(SentReminder.day == day, SentReminder.key == key)
        .execution_options(populate_existing=True))


def mark_sent(row: SentReminder) -> None:
    """The message left."""
    row.status, row.sent_at, row.error = SENT, utcnow(), ""
    db.session.flush()


def mark_failed(row: SentReminder, reason: str) -> None:
    """The message did not leave; a later run that day may try again."""
    row.status, row.error = FAILED, reason[:300]
    db.session.flush()


def keys_done(day: date, prefix: str) -> set[str]:
    """The keys of `day` already sent or being sent (to skip them without connecting; `claim` still decides)."""
    return set(db.session.scalars(
        sa.select(SentReminder.key).where(SentReminder.day == day, SentReminder.key.startswith(prefix),
                                          SentReminder.status != FAILED)))


def sent_for(day: date, key: str) -> SentReminder | None:
    """The row of (day, key), if any."""
    return db.session.scalar(sa.select(SentReminder).where(SentReminder.day == day, SentReminder.key == key))
