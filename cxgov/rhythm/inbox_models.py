"""The inbox's one record: a person's snooze of a due item until a date (the item itself is never stored)."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cxgov.extensions import db
from cxgov.models_base import Audited, TimestampMixin

if TYPE_CHECKING:
    from cxgov.auth.models import User


class Snooze(Audited, TimestampMixin, db.Model):
    """Hide one due item (by its stable key) from one person's inbox until a date; on that date it returns."""

    __tablename__ = "inbox_snoozes"
    __table_args__ = (sa.UniqueConstraint("user_id", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    item_key: Mapped[str] = mapped_column(sa.String(120))
    until: Mapped[date] = mapped_column(sa.Date)

    user: Mapped[User] = relationship()

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"{self.item_key} until {self.until.isoformat()}"

    def hides_on(self, day: date) -> bool:
        """The item stays hidden before the date; on the date the snooze has lapsed."""
        return day < self.until
