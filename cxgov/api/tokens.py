"""Personal API tokens: only a SHA-256 hash of each token is stored."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cxgov.extensions import db
from cxgov.models_base import Audited, UTCDateTime, utcnow

if TYPE_CHECKING:
    from cxgov.auth.models import User


class ApiToken(Audited, db.Model):
    """A token a user created to call the API as themselves; revoked, never deleted."""

    __tablename__ = "api_tokens"
    # last_used_at changes on every call; recording it would flood the trail.
    __audit_exclude__ = Audited.__audit_exclude__ + ("token_hash", "last_used_at")

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    prefix: Mapped[str] = mapped_column(sa.String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    @property
    def revoked(self) -> bool:
        """True once the token has been revoked."""
        return self.revoked_at is not None

    def audit_label(self) -> str:
        """Label in the audit trail (the prefix only, never the token)."""
        return f"{self.prefix}… {self.name}"
