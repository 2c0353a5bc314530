"""Column helpers and mixins shared by the models of every feature."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from cxgov import clock


def utcnow() -> datetime:
    """Naive UTC now: stored the same way on SQLite and PostgreSQL."""
    return clock.now().replace(tzinfo=None)


class TimestampMixin:
    """When a record was created and last changed."""

    created_at: Mapped[datetime] = mapped_column(sa.DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime, default=utcnow, onupdate=utcnow)


class VersionedMixin:
    """Optimistic locking: a stale save raises StaleDataError instead of overwriting."""

    version: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls):  # noqa: N805 - SQLAlchemy declared_attr signature
        """Tell the mapper to use the version column."""
        return {"version_id_col": cls.version}


class Audited:
    """Marker: every create, update and delete of this model goes to the audit trail.

    `__audit_exclude__` names columns whose values are never copied (secrets).
    """

    __audit_exclude__: tuple[str, ...] = ("created_at", "updated_at", "version")

    def audit_label(self) -> str:
        """A short human label of the record for the audit trail."""
        return str(getattr(self, "id", ""))
