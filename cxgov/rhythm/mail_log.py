"""The sent-log's one rule, applied: a reminder is claimed by inserting its (day, key) row before it is sent.

Two senders at once (the scheduler and an operator's cron, two workers) both try the insert; the database's
unique constraint lets one insert through and turns the other's into nothing (ON CONFLICT DO NOTHING), so
nobody reads first and writes after. A row left `failed` may be taken over by one later sender by a
conditional update, which is just as atomic. A row left `sending` by a process that died stays:
at most once beats twice.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.rhythm.mail_models import FAILED, SENDING, SENT, SentReminder


def claim(day: date, key: str, purpose: str, **fields) -> SentReminder | None:
    """This sender's row for (day, key), inserted; None when another sender has it already.

    INSERT … ON CONFLICT DO NOTHING (PostgreSQL and SQLite alike) rather than a savepoint and a caught
    IntegrityError: the transaction stays usable, and SQLite's driver would commit a released savepoint.
    """
    values = {"day": day, "key": key, "purpose": purpose, "status": SENDING, "error": "", "items": 0,
              "created_at": utcnow(), **fields}
    inserted = db.session.scalar(
        _insert()(SentReminder).values(**values).on_conflict_do_nothing(index_elements=["day", "key"])
        .returning(SentReminder.id))
    if inserted is None:
        return _take_over_failed(day, key, fields.get("items"))
    return _row(day, key)


def _insert():
    """The dialect's INSERT, which knows ON CONFLICT."""
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def _row(day: date, key: str) -> SentReminder:
    return db.session.scalar(
        sa.select(SentReminder).where(SentReminder.day == day, SentReminder.key == key)
        .execution_options(populate_existing=True))


def _take_over_failed(day: date, key: str, items: int | None) -> SentReminder | None:
    """The failed row of (day, key) for one more try, if no other sender took it first."""
    values = {"status": SENDING, "error": ""} | ({"items": items} if items is not None else {})
    taken = db.session.execute(
        sa.update(SentReminder)
        .where(SentReminder.day == day, SentReminder.key == key, SentReminder.status == FAILED)
        .values(**values)
        .execution_options(synchronize_session=False))
    return _row(day, key) if taken.rowcount == 1 else None


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
