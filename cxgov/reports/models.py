"""Published report versions: immutable PDF bytes with their checksum and data cut-off."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from cxgov.extensions import db
from cxgov.models_base import Audited, UTCDateTime, utcnow

if TYPE_CHECKING:
    from cxgov.auth.models import User


class ReportVersion(Audited, db.Model):
    """One published version of a report; never changed once written (a new publication is a new version)."""

    __tablename__ = "report_versions"
    __table_args__ = (sa.UniqueConstraint("kind", "year", "lang", "number"),)
    __audit_exclude__ = ("pdf",)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20), default="annual")
    year: Mapped[int] = mapped_column(sa.Integer, index=True)
    lang: Mapped[str] = mapped_column(sa.String(5))
    number: Mapped[int] = mapped_column(sa.Integer)  # 1, 2, … per kind, year and language
    sha256: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int] = mapped_column(sa.Integer)
    pages: Mapped[int] = mapped_column(sa.Integer, default=0)
    pdf: Mapped[bytes] = deferred(mapped_column(sa.LargeBinary))
    data_cutoff_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    published_by: Mapped[User | None] = relationship()

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"{self.kind} {self.year} {self.lang} v{self.number}"


JOB_STATES = ("queued", "running", "done", "failed")


class ReportJob(Audited, db.Model):
    """A publication running in the background, with its progress for the page to show."""

    __tablename__ = "report_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20), default="annual")
    year: Mapped[int] = mapped_column(sa.Integer)
    langs: Mapped[str] = mapped_column(sa.String(20))  # "zh,en"
    state: Mapped[str] = mapped_column(sa.String(10), default="queued")
    progress: Mapped[int] = mapped_column(sa.Integer, default=0)  # percent
    step: Mapped[str] = mapped_column(sa.String(40), default="")
    error: Mapped[str] = mapped_column(sa.Text, default="")
    version_ids: Mapped[str] = mapped_column(sa.String(100), default="")
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    requested_by: Mapped[User | None] = relationship()

    def audit_label(self) -> str:
        """Label in the audit trail."""
        return f"{self.kind} {self.year} ({self.langs})"


class RenderedPdf(db.Model):
    """A PDF the task worker made from some HTML, named by the fingerprint of that HTML (reports/documents.py).

    A cache, not a record: it is written by the worker only, never by a web request, and pruned after a week.
    """

    __tablename__ = "rendered_pdfs"

    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)  # SHA-256 of the style and the HTML
    pages: Mapped[int] = mapped_column(sa.Integer, default=0)
    size: Mapped[int] = mapped_column(sa.Integer, default=0)
    pdf: Mapped[bytes] = deferred(mapped_column(sa.LargeBinary))
    render_seconds: Mapped[float] = mapped_column(sa.Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
