"""Background work of the reports: publishing the annual report (about 10–20 s per language for a large company)."""
from __future__ import annotations

import logging

from cxgov.audit.tracking import acting_as
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.tasks import app_context, huey

log = logging.getLogger(__name__)


@huey.task()
def publish_annual(job_id: int) -> None:
    """Render the year's report in each asked language and store each as a new published version."""
    with app_context():
        _publish(job_id)


def _publish(job_id: int) -> None:
    """Run one job; on any error roll back what it started and mark the job failed."""
    from cxgov.reports import operations
    from cxgov.reports.models import ReportJob
    from cxgov.reports.views import render_annual_pdf

    job = db.session.get(ReportJob, job_id)
    if job is None or job.state != "queued":
        return
    langs = job.langs.split(",")
    cutoff = utcnow()
    try:
        with acting_as(job.requested_by_id, "report publisher"):
            rendered = []
            for index, lang in enumerate(langs):
                operations.advance(job, 5 + 90 * index // len(langs), f"render_{lang}")
                db.session.commit()  # the page polls the progress while the PDF renders
                number = operations.next_number(job.kind, job.year, lang)
                rendered.append((lang, *render_annual_pdf(job.year, lang, published_at=cutoff, number=number)))
            # Every language rendered: publish them together, or none if anything failed above.
            versions = [operations.publish(job.kind, job.year, lang, body, cutoff, job.requested_by, pages)
                        for lang, body, pages in rendered]
            operations.finish(job, versions)
            db.session.commit()
    except Exception as error:  # noqa: BLE001 - any failure must end the job visibly, not leave it running
        log.exception("publishing the %s report failed", job.year)
        db.session.rollback()
        job = db.session.get(ReportJob, job_id)
        with acting_as(None, "report publisher"):
            operations.fail(job, f"{type(error).__name__}: {error}")
        db.session.commit()
