"""Alignment reviews: a year's intended experience, its attributes, the areas rated against it and the matrix."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cxgov.extensions import db
from cxgov.models_base import Audited, TimestampMixin, UTCDateTime, VersionedMixin

if TYPE_CHECKING:
    from cxgov.auth.models import User

STATES = ("draft", "in_review", "signed_off")
RATINGS = ("aligned", "partly", "misaligned")
CELL_VALUES = ("supports", "neutral", "conflicts")
# The areas a review starts with (the Disney example: how the company hires, onboards, trains, evaluates, rewards).
STANDARD_AREAS = ("vision", "mission", "values", "structure", "policies", "capex", "opex", "hiring_onboarding",
                  "training", "performance_evaluation", "incentives_rewards")


class AlignmentReview(Audited, TimestampMixin, VersionedMixin, db.Model):
    """One year's review: draft → in review → signed off by an executive (then read-only)."""

    __tablename__ = "alignment_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(sa.Integer, unique=True)
    intended_experience: Mapped[str] = mapped_column(sa.Text, default="")
    state: Mapped[str] = mapped_column(sa.String(12), default="draft")
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    signed_off_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    signed_off_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    signed_off_by: Mapped[User | None] = relationship(foreign_keys=[signed_off_by_id])
    attributes: Mapped[list[AlignmentAttribute]] = relationship(
        back_populates="review", order_by="AlignmentAttribute.position", cascade="all, delete-orphan")
    areas: Mapped[list[AlignmentArea]] = relationship(
        back_populates="review", order_by="AlignmentArea.position", cascade="all, delete-orphan")

    def is_signed_off(self) -> bool:
        """Signed off reviews are read-only."""
        return self.state == "signed_off"

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return str(self.year)


class AlignmentAttribute(Audited, TimestampMixin, db.Model):
    """One attribute of the intended experience, e.g. 'delivered and installed within 48 hours'."""

    __tablename__ = "alignment_attributes"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(sa.ForeignKey("alignment_reviews.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(sa.Integer, default=0)
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")

    review: Mapped[AlignmentReview] = relationship(back_populates="attributes")

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return self.name


class AlignmentArea(Audited, TimestampMixin, VersionedMixin, db.Model):
    """An area held against the intended experience: rated, with evidence, an owner and corrective actions.

    `key` is one of STANDARD_AREAS (named by the app in the reader's language) or "custom" with `name`.
    Corrective actions are action items with source "alignment" and source_id = this area's id.
    """

    __tablename__ = "alignment_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(sa.ForeignKey("alignment_reviews.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(sa.Integer, default=0)
    key: Mapped[str] = mapped_column(sa.String(30), default="custom")
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    rating: Mapped[str | None] = mapped_column(sa.String(12))
    evidence: Mapped[str] = mapped_column(sa.Text, default="")
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    review: Mapped[AlignmentReview] = relationship(back_populates="areas")
    owner: Mapped[User | None] = relationship()
    cells: Mapped[list[AlignmentCell]] = relationship(back_populates="area", cascade="all, delete-orphan")

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return self.name or self.key


class AlignmentCell(Audited, db.Model):
    """How an area bears on an attribute of the intended experience: supports, neutral or conflicts."""

    __tablename__ = "alignment_cells"
    __table_args__ = (sa.UniqueConstraint("area_id", "attribute_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(sa.ForeignKey("alignment_areas.id", ondelete="CASCADE"), index=True)
    attribute_id: Mapped[int] = mapped_column(sa.ForeignKey("alignment_attributes.id", ondelete="CASCADE"),
                                              index=True)
    value: Mapped[str] = mapped_column(sa.String(10), default="neutral")

    area: Mapped[AlignmentArea] = relationship(back_populates="cells")

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"{self.area_id}×{self.attribute_id}"
