"""E-mail reminders: each person's preferences and the log of what was sent.

The sent-log is what makes sending idempotent. Before a message goes out, a row with its key is inserted; the
unique constraint on (day, key) lets exactly one sender win, even two at once, so a digest or a cycle reminder
goes out at most once a day. A failed row may be taken over again later that day (`claim` in mail_log).
"""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from cxgov.extensions import db
from cxgov.models_base import Audited, TimestampMixin, UTCDateTime, utcnow

DAILY, WEEKLY, OFF = "daily", "weekly", "off"
FREQUENCIES = (DAILY, WEEKLY, OFF)
MONDAY = 0

# What a sent-log row records.
DIGEST = "digest"  # the daily (or weekly) digest of one person
CYCLE = "cycle"  # the "remind those who have not answered" action of one cycle (one row for the cycle …)
CYCLE_RECIPIENT = "cycle_recipient"  # … and one per person it reached
PURPOSES = (DIGEST, CYCLE, CYCLE_RECIPIENT)

SENDING, SENT, FAILED = "sending", "sent", "failed"
STATUSES = (SENDING, SENT, FAILED)


class MailPreference(Audited, TimestampMixin, db.Model):
    """Which reminders one person wants by e-mail, and how often; no row means every kind, daily."""

    __tablename__ = "mail_preferences"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    kinds: Mapped[list] = mapped_column(sa.JSON, default=list)  # due.KINDS chosen; stored sorted
    frequency: Mapped[str] = mapped_column(sa.String(10), default=DAILY)
    weekday: Mapped[int] = mapped_column(sa.Integer, default=MONDAY)  # 0 = Monday, for WEEKLY

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"user {self.user_id}: {self.frequency}"


class SentReminder(db.Model):
    """One reminder e-mail on one day: claimed before it is sent, then marked sent or failed."""

    __tablename__ = "sent_reminders"
    __table_args__ = (sa.UniqueConstraint("day", "key", name="uq_sent_reminders_day_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(sa.Date, index=True)  # the organisation's day it was sent for
    key: Mapped[str] = mapped_column(sa.String(80))  # "digest:<user>", "cycle:<cycle>", "cycle:<cycle>:<user>"
    purpose: Mapped[str] = mapped_column(sa.String(20))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    cycle_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("assessment_cycles.id", ondelete="SET NULL"), index=True)
    sent_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(sa.String(10), default=SENDING)
    items: Mapped[int] = mapped_column(sa.Integer, default=0)  # due items in the digest, or people reminded
    error: Mapped[str] = mapped_column(sa.String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


def digest_key(user_id: int) -> str:
    """The sent-log key of one person's digest (one a day)."""
    return f"{DIGEST}:{user_id}"


def cycle_key(cycle_id: int, user_id: int | None = None) -> str:
    """The sent-log key of a cycle's reminder (one a day), or of the message it sent one person."""
    return f"{CYCLE}:{cycle_id}" if user_id is None else f"{CYCLE}:{cycle_id}:{user_id}"


def allows(frequency: str, weekday: int, day: date) -> bool:
    """Whether a preference sends a digest on `day`: every day, on its weekday, or never."""
    if frequency == DAILY:
        return True
    return frequency == WEEKLY and day.weekday() == weekday


def wanted(items: list, kinds) -> list:
    """The items of the kinds a person chose (an empty choice, or no preference row, means every kind)."""
    chosen = set(kinds or ())
    return [item for item in items if not chosen or item.kind in chosen]
