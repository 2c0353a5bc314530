"""Quarterly reviews, their attendees and decisions, and the organisation's agenda template."""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cxgov.extensions import db
from cxgov.models_base import Audited, TimestampMixin, UTCDateTime, VersionedMixin

if TYPE_CHECKING:
    from cxgov.auth.models import User

STATES = ("planned", "in_meeting", "published")
# The pack's sections, in their default order; the agenda template chooses and orders them.
SECTIONS = ("targets", "missed_targets", "maturity", "rotation", "workshops", "actions")

review_attendees = sa.Table(
    "review_attendees", db.metadata,
    sa.Column("review_id", sa.ForeignKey("quarterly_reviews.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id"), primary_key=True),
)


class QuarterlyReview(Audited, TimestampMixin, VersionedMixin, db.Model):
    """One quarter's leadership review: planned → in the meeting (pack frozen) → minutes published."""

    __tablename__ = "quarterly_reviews"
    __table_args__ = (sa.UniqueConstraint("year", "quarter"),)
    __audit_exclude__ = ("created_at", "updated_at", "version", "pack_json")

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(sa.Integer)
    quarter: Mapped[int] = mapped_column(sa.Integer)
    chair_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    meeting_on: Mapped[date] = mapped_column(sa.Date)
    place: Mapped[str] = mapped_column(sa.String(200), default="")
    state: Mapped[str] = mapped_column(sa.String(12), default="planned")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    pack_json: Mapped[str] = mapped_column(sa.Text, default="")
    pack_built_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    chair: Mapped[User] = relationship(foreign_keys=[chair_id])
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])
    attendees: Mapped[list[User]] = relationship(secondary=review_attendees, order_by="User.name")
    decisions: Mapped[list[Decision]] = relationship(back_populates="review", order_by="Decision.position",
                                                     cascade="all, delete-orphan")

    @property
    def label(self) -> str:
        """The quarter as people say it: 2026 Q3."""
        return f"{self.year} Q{self.quarter}"

    @property
    def pack(self) -> dict:
        """The stored meeting pack (plain data)."""
        return json.loads(self.pack_json) if self.pack_json else {}

    def is_frozen(self) -> bool:
        """The pack no longer changes once the meeting has started."""
        return self.state != "planned"

    def is_published(self) -> bool:
        """Published minutes are read-only."""
        return self.state == "published"

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return self.label


class Decision(Audited, TimestampMixin, db.Model):
    """What the leadership decided in a review; its actions point back at it."""

    __tablename__ = "review_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(sa.ForeignKey("quarterly_reviews.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(sa.Integer, default=0)
    text: Mapped[str] = mapped_column(sa.Text)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    review: Mapped[QuarterlyReview] = relationship(back_populates="decisions")

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return self.text[:80]


class ReviewSettings(Audited, VersionedMixin, db.Model):
    """The organisation's agenda template: which pack sections, in which order."""

    __tablename__ = "review_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda: Mapped[str] = mapped_column(sa.String(300), default=",".join(SECTIONS))

    @property
    def sections(self) -> list[str]:
        """The chosen sections in order (unknown keys dropped)."""
        return [key for key in self.agenda.split(",") if key in SECTIONS]

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return "review agenda"
