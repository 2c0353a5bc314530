"""Calendar feeds: the secret address of a person's feed, and of the CX office's company feed.

Only a SHA-256 hash of each secret is stored (as for API tokens): the full address is shown once, right after it
is created or reset, and nobody (not an admin, not a database dump) can read it back. Resetting replaces the hash,
so the old address answers 404 from that moment.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cxgov.extensions import db
from cxgov.models_base import Audited, TimestampMixin

if TYPE_CHECKING:
    from cxgov.auth.models import User

PERSON, COMPANY = "person", "company"
SCOPES = (PERSON, COMPANY)


class CalendarFeed(Audited, TimestampMixin, db.Model):
    """One feed address: a person's own (user_id set) or the programme calendar of the company (user_id empty)."""

    __tablename__ = "calendar_feeds"
    __table_args__ = (sa.UniqueConstraint("scope", "user_id", name="uq_calendar_feeds_scope_user_id"),
                      sa.CheckConstraint("(scope = 'person') = (user_id IS NOT NULL)", name="person_has_user"))
    __audit_exclude__ = Audited.__audit_exclude__ + ("token_hash",)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(sa.String(10))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    prefix: Mapped[str] = mapped_column(sa.String(8))  # shown on the page to tell addresses apart, never enough to use
    changed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    user: Mapped[User | None] = relationship(foreign_keys=[user_id])

    def audit_label(self) -> str:
        """Label in the audit trail (the prefix only, never the secret)."""
        return f"{self.scope} feed {self.prefix}…"
