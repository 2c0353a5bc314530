"""Column helpers and mixins shared by the models of every feature."""
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from cxgov import clock


def utcnow() -> datetime:
    """The current moment, aware, in UTC (the one clock's)."""
    return clock.now()


class UTCDateTime(sa.types.TypeDecorator):
    """A moment in time: only aware datetimes go in, aware UTC datetimes come out.

    The column itself stays a plain `timestamp without time zone` (text on SQLite) holding UTC,
    so both databases store the same thing; a naive value is refused because nobody can tell
    which zone its wall-clock time was meant in.
    """

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        """An aware datetime as naive UTC for the column; a naive one is a programming error."""
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"UTCDateTime stores datetimes, not {type(value).__name__}: {value!r}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"UTCDateTime refuses the naive datetime {value.isoformat()}: stored times must be "
                             "aware (clock.now() or datetime(..., tzinfo=UTC)), as a naive one has no zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        """The stored UTC time, marked as UTC."""
        return None if value is None else value.replace(tzinfo=UTC)


class TimestampMixin:
    """When a record was created and last changed."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


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
