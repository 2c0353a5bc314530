"""The append-only audit entry."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from cxgov.extensions import db
from cxgov.models_base import UTCDateTime, utcnow


class AuditEntry(db.Model):
    """One change of one record; written only by the tracking hook, never edited."""

    __tablename__ = "audit_entries"
    __table_args__ = (sa.Index("ix_audit_entries_record", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.Integer, index=True)  # no FK: history outlives users
    actor_label: Mapped[str] = mapped_column(sa.String(254), default="system")
    action: Mapped[str] = mapped_column(sa.String(10))  # create / update / delete
    table_name: Mapped[str] = mapped_column(sa.String(64))
    record_id: Mapped[str] = mapped_column(sa.String(64))
    record_label: Mapped[str] = mapped_column(sa.String(254), default="")
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # field -> [before, after]
    reason: Mapped[str | None] = mapped_column(sa.Text)
