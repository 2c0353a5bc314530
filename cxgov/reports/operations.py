"""Every write on published reports: a publication stores a new immutable version; the caller commits."""
from __future__ import annotations

import hashlib
from datetime import datetime

import sqlalchemy as sa

from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.reports.models import ReportJob, ReportVersion


def publish(kind: str, year: int, lang: str, pdf: bytes, cutoff: datetime, user: User | None,
            pages: int) -> ReportVersion:
    """Store the PDF as the next version of the report (the number it prints); earlier versions stay as they
    were."""
    version = ReportVersion(kind=kind, year=year, lang=lang, number=next_number(kind, year, lang),
                            sha256=hashlib.sha256(pdf).hexdigest(),
                            size=len(pdf), pages=pages, pdf=pdf, data_cutoff_at=cutoff,
                            published_by_id=user.id if user else None, published_at=utcnow())
    db.session.add(version)
    db.session.flush()
    return version


def next_number(kind: str, year: int, lang: str) -> int:
    """The number the next published version of a report in a language takes (printed on each of its pages)."""
    last = db.session.scalar(sa.select(sa.func.max(ReportVersion.number)).where(
        ReportVersion.kind == kind, ReportVersion.year == year, ReportVersion.lang == lang))
    return (last or 0) + 1


def queue_job(kind: str, year: int, langs: list[str], user: User | None) -> ReportJob:
    """Record a publication to run in the background."""
    job = ReportJob(kind=kind, year=year, langs=",".join(langs), state="queued", progress=0, step="queued",
                    requested_by_id=user.id if user else None)
    db.session.add(job)
    db.session.flush()
    return job


def advance(job: ReportJob, progress: int, step: str) -> None:
    """Move a running job on (the page shows the step and the percentage)."""
    job.state, job.progress, job.step = "running", progress, step
    db.session.flush()


def finish(job: ReportJob, versions: list[ReportVersion]) -> None:
    """The job is done: the versions it published."""
    job.state, job.progress, job.step, job.finished_at = "done", 100, "done", utcnow()
    job.version_ids = ",".join(str(v.id) for v in versions)
    db.session.flush()


def fail(job: ReportJob, error: str) -> None:
    """The job failed; nothing it started was kept."""
    job.state, job.step, job.error, job.finished_at = "failed", "failed", error[:2000], utcnow()
    db.session.flush()
