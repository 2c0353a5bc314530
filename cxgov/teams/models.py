"""The virtual CX team: dated role assignments, the rotation plan, its pool, leave, terms and handovers."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cxgov.extensions import db
from cxgov.models_base import Audited, TimestampMixin, UTCDateTime, VersionedMixin

if TYPE_CHECKING:
    from cxgov.auth.models import User
    from cxgov.org.models import Department

# Roles held through an assignment; the director and the deputy come from the rotation's terms.
ASSIGNED_ROLES = ("sponsor", "champion", "hr_lead", "member")
TEAM_ROLES = ("sponsor", "director", "deputy", "champion", "hr_lead", "member")
# One holder at a time (a champion: one per department at a time).
SINGLE_HOLDER_ROLES = ("sponsor", "champion", "hr_lead")


class TeamAssignment(Audited, TimestampMixin, VersionedMixin, db.Model):
    """Someone holds a team role from a date, until a date or for now open-ended."""

    __tablename__ = "team_assignments"
    __table_args__ = (sa.Index("ix_team_assignments_role_starts_on", "role", "starts_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(sa.String(20))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    department_id: Mapped[int | None] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    starts_on: Mapped[date] = mapped_column(sa.Date)
    ends_on: Mapped[date | None] = mapped_column(sa.Date)
    note: Mapped[str] = mapped_column(sa.Text, default="")

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    department: Mapped[Department | None] = relationship(foreign_keys=[department_id])

    def holds_on(self, day: date) -> bool:
        """True when the assignment covers the day."""
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"{self.role}: {self.user.email if self.user else self.user_id}"


class RotationPlan(Audited, TimestampMixin, VersionedMixin, db.Model):
    """How the project director rotates: cadence, first day, ordered pool. A newer plan ends the older one."""

    __tablename__ = "rotation_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    cadence: Mapped[str] = mapped_column(sa.String(20))
    starts_on: Mapped[date] = mapped_column(sa.Date)
    ends_on: Mapped[date | None] = mapped_column(sa.Date)  # set when a newer plan takes over
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    pool: Mapped[list[PoolMember]] = relationship(
        back_populates="plan", order_by="PoolMember.position", cascade="all, delete-orphan")
    terms: Mapped[list[Term]] = relationship(
        back_populates="plan", order_by="Term.number", cascade="all, delete-orphan")

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return self.name


class PoolMember(Audited, db.Model):
    """A person eligible to direct, at a position in the plan's order; leaving keeps the row."""

    __tablename__ = "rotation_pool"
    __table_args__ = (sa.UniqueConstraint("plan_id", "user_id", name="uq_rotation_pool_plan_id_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("rotation_plans.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    position: Mapped[int] = mapped_column(sa.Integer, default=0)
    joined_on: Mapped[date] = mapped_column(sa.Date)
    left_on: Mapped[date | None] = mapped_column(sa.Date)

    plan: Mapped[RotationPlan] = relationship(back_populates="pool")
    user: Mapped[User] = relationship()

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"{self.user.email if self.user else self.user_id} #{self.position}"


class LeavePeriod(Audited, TimestampMixin, db.Model):
    """A long absence: the person is not scheduled for any term it touches."""

    __tablename__ = "leave_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    starts_on: Mapped[date] = mapped_column(sa.Date)
    ends_on: Mapped[date] = mapped_column(sa.Date)
    note: Mapped[str] = mapped_column(sa.Text, default="")

    user: Mapped[User] = relationship()

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"{self.user.email if self.user else self.user_id} {self.starts_on}–{self.ends_on}"


class Term(Audited, TimestampMixin, VersionedMixin, db.Model):
    """One term of a plan and its director; a pinned term was set by a swap or reassignment."""

    __tablename__ = "rotation_terms"
    __table_args__ = (sa.UniqueConstraint("plan_id", "number", name="uq_rotation_terms_plan_id_number"),
                      sa.Index("ix_rotation_terms_starts_on_ends_on", "starts_on", "ends_on"))

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("rotation_plans.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(sa.Integer)  # from 0, the scheduler's index
    starts_on: Mapped[date] = mapped_column(sa.Date)
    ends_on: Mapped[date] = mapped_column(sa.Date)
    director_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    skipped: Mapped[list] = mapped_column(sa.JSON, default=list)  # user ids skipped for being away
    pinned: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    change_reason: Mapped[str | None] = mapped_column(sa.Text)

    plan: Mapped[RotationPlan] = relationship(back_populates="terms")
    director: Mapped[User | None] = relationship(foreign_keys=[director_id])
    handover: Mapped[Handover | None] = relationship(back_populates="term", cascade="all, delete-orphan")

    def contains(self, day: date) -> bool:
        """True when the day falls in the term."""
        return self.starts_on <= day <= self.ends_on

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"{self.starts_on}–{self.ends_on}"


class Handover(Audited, TimestampMixin, VersionedMixin, db.Model):
    """The outgoing director's notes and open actions for the next director, and their acknowledgement."""

    __tablename__ = "handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(sa.ForeignKey("rotation_terms.id", ondelete="CASCADE"), unique=True)
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    open_items: Mapped[list] = mapped_column(sa.JSON, default=list)  # one open action per entry
    written_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledgement: Mapped[str] = mapped_column(sa.Text, default="")

    term: Mapped[Term] = relationship(back_populates="handover")
    written_by: Mapped[User | None] = relationship(foreign_keys=[written_by_id])
    acknowledged_by: Mapped[User | None] = relationship(foreign_keys=[acknowledged_by_id])

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"handover {self.term.audit_label() if self.term else self.term_id}"
