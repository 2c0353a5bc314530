"""Targets, their progress updates, month locks and the programme's target settings."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cxgov.extensions import db
from cxgov.models_base import Audited, TimestampMixin, UTCDateTime, VersionedMixin
from cxgov.targets import status

if TYPE_CHECKING:
    from cxgov.auth.models import User
    from cxgov.org.models import Department

KINDS = ("numeric", "milestone")
DIRECTIONS = ("higher", "lower")
APPROVAL_STATES = ("draft", "approved")


class TargetSettings(Audited, VersionedMixin, db.Model):
    """How the monthly cycle runs: limits per department, drafting window, close day."""

    __tablename__ = "target_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    max_per_department: Mapped[int] = mapped_column(sa.Integer, default=5)
    min_per_department: Mapped[int] = mapped_column(sa.Integer, default=1)
    window_opens_day: Mapped[int] = mapped_column(sa.Integer, default=20)  # day of the month before
    window_closes_day: Mapped[int] = mapped_column(sa.Integer, default=5)  # day of the month itself
    close_day: Mapped[int] = mapped_column(sa.Integer, default=5)  # day of the month after: month locks
    # The points scale the CX office sets: a cap per target, a cap per department and month, and optionally
    # the only values allowed (comma-separated, empty for any whole number up to the cap).
    points_cap: Mapped[int] = mapped_column(sa.Integer, default=50, server_default="50")
    points_cap_month: Mapped[int] = mapped_column(sa.Integer, default=150, server_default="150")
    points_allowed: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return "target settings"


class Target(Audited, TimestampMixin, VersionedMixin, db.Model):
    """A small, measurable CX improvement a department commits to for one month."""

    __tablename__ = "targets"
    __table_args__ = (sa.Index("ix_targets_department_id_month", "department_id", "month"),
                      # every column the company grid sums over a year: read from the index, not the wide rows
                      sa.Index("ix_targets_outcome", "month", "final_status", "approval", "department_id", "owner_id",
                               "points"))

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    month: Mapped[str] = mapped_column(sa.String(7), index=True)  # YYYY-MM
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    kind: Mapped[str] = mapped_column(sa.String(10), default="numeric")
    unit: Mapped[str] = mapped_column(sa.String(30), default="")
    direction: Mapped[str] = mapped_column(sa.String(6), default="higher")
    baseline: Mapped[float | None] = mapped_column(sa.Float)
    target_value: Mapped[float | None] = mapped_column(sa.Float)
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    dimension_code: Mapped[str | None] = mapped_column(sa.String(30))
    points: Mapped[int] = mapped_column(sa.Integer, default=10)
    evidence: Mapped[str] = mapped_column(sa.Text, default="")
    approval: Mapped[str] = mapped_column(sa.String(10), default="draft")
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_comment: Mapped[str] = mapped_column(sa.Text, default="")
    final_status: Mapped[str | None] = mapped_column(sa.String(12))  # set when the month closes
    carried_from_id: Mapped[int | None] = mapped_column(sa.ForeignKey("targets.id"))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    department: Mapped[Department] = relationship()
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])
    carried_from: Mapped[Target | None] = relationship(remote_side=[id])
    updates: Mapped[list[TargetUpdate]] = relationship(
        back_populates="target", cascade="all, delete-orphan", order_by="(TargetUpdate.on_date, TargetUpdate.id)")

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"{self.month} {self.title}"[:254]

    @property
    def standing_updates(self) -> list[TargetUpdate]:
        """The updates that count (not withdrawn, not corrected), oldest first."""
        return [u for u in self.updates if u.withdrawn_at is None]

    @property
    def readings(self) -> list[status.Reading]:
        """The updates as the pure status module reads them."""
        return [u.reading(index) for index, u in enumerate(self.updates)]

    @property
    def actual_update(self) -> TargetUpdate | None:
        """The actual: the latest update still standing (status.actual decides)."""
        last = status.actual(self.readings)
        return None if last is None else next(u for i, u in enumerate(self.updates) if u.reading(i) == last)


class TargetUpdate(Audited, TimestampMixin, db.Model):
    """A progress update: the latest one still standing (not withdrawn) is the target's actual.

    A wrong update is never deleted: it is withdrawn with a reason (and shown struck through); a correction is a
    new update that names the one it corrects, which is withdrawn at the same time.
    """

    __tablename__ = "target_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(sa.ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    on_date: Mapped[date] = mapped_column(sa.Date)
    value: Mapped[float | None] = mapped_column(sa.Float)  # numeric targets
    done: Mapped[bool | None] = mapped_column(sa.Boolean)  # milestone targets
    note: Mapped[str] = mapped_column(sa.Text, default="")
    by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")  # of a correction or late actual
    corrects_id: Mapped[int | None] = mapped_column(sa.ForeignKey("target_updates.id"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    withdrawal_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    target: Mapped[Target] = relationship(back_populates="updates")
    by: Mapped[User | None] = relationship(foreign_keys=[by_id])
    withdrawn_by: Mapped[User | None] = relationship(foreign_keys=[withdrawn_by_id])
    corrects: Mapped[TargetUpdate | None] = relationship(remote_side=[id])

    def reading(self, index: int = 0) -> status.Reading:
        """This update as the pure status module reads it (`index`: its place when it has no id yet)."""
        return status.Reading(self.on_date, self.id or index, self.value, self.done, self.withdrawn_at is not None)

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"update of target {self.target_id} on {self.on_date}"


class MonthClose(Audited, db.Model):
    """A closed month: its targets' final statuses are set and changes need an executive override."""

    __tablename__ = "month_closes"

    month: Mapped[str] = mapped_column(sa.String(7), primary_key=True)
    closed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"month {self.month} closed"
