"""Organisation profile and departments."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cxgov.extensions import db
from cxgov.models_base import Audited, TimestampMixin, UTCDateTime, VersionedMixin

if TYPE_CHECKING:
    from cxgov.auth.models import User

DEPARTMENT_KINDS = ("customer_facing", "support", "functional")
LOCALES = ("en", "zh")


class Organisation(Audited, TimestampMixin, VersionedMixin, db.Model):
    """The company using cxgov: one row, its purpose and intended experience."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    vision: Mapped[str] = mapped_column(sa.Text, default="")
    mission: Mapped[str] = mapped_column(sa.Text, default="")
    values: Mapped[str] = mapped_column(sa.Text, default="")
    brand_promise: Mapped[str] = mapped_column(sa.Text, default="")
    fiscal_year_start_month: Mapped[int] = mapped_column(sa.Integer, default=1)
    default_locale: Mapped[str] = mapped_column(sa.String(8), default="zh")

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return self.name


class Department(Audited, TimestampMixin, VersionedMixin, db.Model):
    """A department; archived rather than deleted once it has history."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(20), unique=True)
    name_en: Mapped[str] = mapped_column(sa.String(120))
    name_zh: Mapped[str] = mapped_column(sa.String(120))
    kind: Mapped[str] = mapped_column(sa.String(20), default="functional")
    lead_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    lead: Mapped[User | None] = relationship(foreign_keys=[lead_id])
    parent: Mapped[Department | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Department]] = relationship(back_populates="parent")
    members: Mapped[list[User]] = relationship(
        foreign_keys="User.department_id", back_populates="department"
    )

    @property
    def archived(self) -> bool:
        """True once the department has been archived."""
        return self.archived_at is not None

    def display_name(self, locale: str) -> str:
        """The name in the reader's language."""
        return self.name_zh if locale.startswith("zh") else self.name_en

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"{self.code} {self.name_en}"
