"""Action items: who does what by when, and where it came from."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cxgov.extensions import db
from cxgov.models_base import Audited, TimestampMixin, VersionedMixin

if TYPE_CHECKING:
    from cxgov.auth.models import User
    from cxgov.org.models import Department

STATUSES = ("open", "in_progress", "done", "dropped")
OPEN_STATUSES = ("open", "in_progress")
# Where an action came from; `source_id` points at the record of that kind (None for "manual").
SOURCES = ("manual", "review", "workshop_idea", "alignment", "assessment")


class ActionItem(Audited, TimestampMixin, VersionedMixin, db.Model):
    """A follow-up with an owner and a due date, linked back to the record it came from."""

    __tablename__ = "action_items"
    __table_args__ = (sa.Index("ix_action_items_source_source_id", "source", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    department_id: Mapped[int | None] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    due_on: Mapped[date] = mapped_column(sa.Date, index=True)
    status: Mapped[str] = mapped_column(sa.String(12), default="open", index=True)
    dropped_reason: Mapped[str] = mapped_column(sa.Text, default="")
    done_on: Mapped[date | None] = mapped_column(sa.Date)
    source: Mapped[str] = mapped_column(sa.String(20), default="manual")
    source_id: Mapped[int | None] = mapped_column(sa.Integer)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    owner: Mapped[User] = relationship(foreign_keys=[owner_id])
    department: Mapped[Department | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    def is_open(self) -> bool:
        """Still to be done (open or in progress)."""
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: date) -> bool:
        """Open past its due date."""
        return self.is_open() and self.due_on < today

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return self.title

    def __repr__(self) -> str:
        return f"<ActionItem {self.id} {self.status}>"

