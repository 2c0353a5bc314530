"""Workshops, their invited departments and people, attendance, ideas, feedback and the series goal."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cxgov.extensions import db
from cxgov.models_base import Audited, TimestampMixin, UTCDateTime, VersionedMixin

if TYPE_CHECKING:
    from cxgov.auth.models import User
    from cxgov.org.models import Department

METHODS = ("challenge_ideation", "brainstorming", "screening", "empathy_map", "journey_mapping", "other")
RSVP_STATES = ("pending", "yes", "no")
IDEA_KINDS = ("pain_point", "delight_point", "improvement")
IDEA_DECISIONS = ("open", "shortlisted", "parked")
STAGES = ("awareness", "purchase", "delivery", "installation", "use", "service", "repurchase")


class WorkshopGoal(Audited, TimestampMixin, db.Model):
    """HR's goal for the series: so many workshops a month from a given month on."""

    __tablename__ = "workshop_goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_month: Mapped[str] = mapped_column(sa.String(7), unique=True)  # YYYY-MM
    per_month: Mapped[int] = mapped_column(sa.Integer, default=1)
    note: Mapped[str] = mapped_column(sa.Text, default="")

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"{self.from_month}: {self.per_month}/month"


class Workshop(Audited, TimestampMixin, VersionedMixin, db.Model):
    """One co-creation session of the culture series; times are stored in naive UTC."""

    __tablename__ = "workshops"
    __table_args__ = (sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
                      sa.CheckConstraint("capacity >= 1", name="capacity_positive"))

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    topic: Mapped[str] = mapped_column(sa.Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    location: Mapped[str] = mapped_column(sa.String(200), default="")
    online_url: Mapped[str] = mapped_column(sa.String(500), default="")
    facilitator_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    method: Mapped[str] = mapped_column(sa.String(30), default="brainstorming")
    method_note: Mapped[str] = mapped_column(sa.String(200), default="")
    employees_count: Mapped[int] = mapped_column(sa.Integer, default=0)
    customers_count: Mapped[int] = mapped_column(sa.Integer, default=0)
    experts_count: Mapped[int] = mapped_column(sa.Integer, default=0)
    core_users_count: Mapped[int] = mapped_column(sa.Integer, default=0)
    cocreator_notes: Mapped[str] = mapped_column(sa.Text, default="")
    capacity: Mapped[int] = mapped_column(sa.Integer, default=30)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    facilitator: Mapped[User | None] = relationship(foreign_keys=[facilitator_id])
    departments: Mapped[list[WorkshopDepartment]] = relationship(back_populates="workshop",
                                                                 cascade="all, delete-orphan")
    invitations: Mapped[list[Invitation]] = relationship(back_populates="workshop", cascade="all, delete-orphan")
    attendance: Mapped[list[Attendance]] = relationship(back_populates="workshop", cascade="all, delete-orphan")
    ideas: Mapped[list[Idea]] = relationship(back_populates="workshop", cascade="all, delete-orphan",
                                             order_by="Idea.id")
    feedback: Mapped[list[Feedback]] = relationship(back_populates="workshop", cascade="all, delete-orphan")

    @property
    def cancelled(self) -> bool:
        """True once HR has called the workshop off."""
        return self.cancelled_at is not None

    @property
    def minutes(self) -> int:
        """The workshop's length in minutes."""
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"{self.starts_at:%Y-%m-%d} {self.title}"[:254]


class WorkshopDepartment(Audited, db.Model):
    """A department invited to a workshop as a whole."""

    __tablename__ = "workshop_departments"

    workshop_id: Mapped[int] = mapped_column(sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"), primary_key=True)

    workshop: Mapped[Workshop] = relationship(back_populates="departments")
    department: Mapped[Department] = relationship()

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"workshop {self.workshop_id}: department {self.department_id}"


class Invitation(Audited, TimestampMixin, db.Model):
    """A person invited to a workshop and their answer (RSVP)."""

    __tablename__ = "workshop_invitations"
    __table_args__ = (
        sa.UniqueConstraint("workshop_id", "user_id", name="uq_workshop_invitations_workshop_id_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    rsvp: Mapped[str] = mapped_column(sa.String(10), default="pending")
    rsvp_note: Mapped[str] = mapped_column(sa.String(500), default="")
    rsvp_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    workshop: Mapped[Workshop] = relationship(back_populates="invitations")
    user: Mapped[User] = relationship()

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"workshop {self.workshop_id}: invitation of user {self.user_id}"


class Attendance(Audited, TimestampMixin, db.Model):
    """Someone who was there: an invitee, or a walk-in who was not invited."""

    __tablename__ = "workshop_attendance"
    __table_args__ = (sa.UniqueConstraint("workshop_id", "user_id", name="uq_workshop_attendance_workshop_id_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    walk_in: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    workshop: Mapped[Workshop] = relationship(back_populates="attendance")
    user: Mapped[User] = relationship(foreign_keys=[user_id])

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"workshop {self.workshop_id}: user {self.user_id} attended" + (" (walk-in)" if self.walk_in else "")


class Feedback(Audited, TimestampMixin, db.Model):
    """An attendee's rating of a workshop, 1–5 with a comment, given once."""

    __tablename__ = "workshop_feedback"
    __table_args__ = (sa.UniqueConstraint("workshop_id", "user_id", name="uq_workshop_feedback_workshop_id_user_id"),
                      sa.CheckConstraint("rating >= 1 AND rating <= 5", name="rating_range"))

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    rating: Mapped[int] = mapped_column(sa.Integer)
    comment: Mapped[str] = mapped_column(sa.Text, default="")

    workshop: Mapped[Workshop] = relationship(back_populates="feedback")
    user: Mapped[User] = relationship()

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"workshop {self.workshop_id}: feedback of user {self.user_id}"


class Idea(Audited, TimestampMixin, VersionedMixin, db.Model):
    """An outcome of a workshop: a pain point, delight point or improvement idea, screened and maybe promoted."""

    __tablename__ = "workshop_ideas"
    __table_args__ = (sa.CheckConstraint("impact IS NULL OR (impact >= 1 AND impact <= 5)", name="impact_range"),
                      sa.CheckConstraint("effort IS NULL OR (effort >= 1 AND effort <= 5)", name="effort_range"),
                      sa.CheckConstraint("dot_votes >= 0", name="dot_votes_positive"))

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20), default="improvement")
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    stage: Mapped[str] = mapped_column(sa.String(20), default="")
    touchpoint: Mapped[str] = mapped_column(sa.String(200), default="")
    department_id: Mapped[int | None] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    dot_votes: Mapped[int] = mapped_column(sa.Integer, default=0)
    impact: Mapped[int | None] = mapped_column(sa.Integer)
    effort: Mapped[int | None] = mapped_column(sa.Integer)
    decision: Mapped[str] = mapped_column(sa.String(12), default="open")
    target_id: Mapped[int | None] = mapped_column(sa.ForeignKey("targets.id", ondelete="SET NULL"), index=True)
    promoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    promoted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    workshop: Mapped[Workshop] = relationship(back_populates="ideas")
    department: Mapped[Department | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return self.title[:254]
