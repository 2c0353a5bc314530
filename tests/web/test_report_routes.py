"""The reports routes of the role × URL table in tests/web/test_access.py (merged there under its marker).

`data(d)` builds, once per table row, a finished publication job and the version it stored. The publish POST
sends no language, so it is refused the same way for every allowed role and renders nothing.
"""
from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from cxgov.extensions import db
from cxgov.permissions import CX_OFFICE, EXECUTIVE, ROLES
from cxgov.reports import operations

EVERYONE = set(ROLES)
PUBLISHERS = {EXECUTIVE, CX_OFFICE}


def data(d) -> SimpleNamespace:
    """The row's job and version, made on first use."""
    if not hasattr(d, "report"):
        job = operations.queue_job("annual", 2011, ["en"], d.users[EXECUTIVE])
        cutoff = datetime(2012, 1, 5, tzinfo=UTC)
        version = operations.publish("annual", 2011, "en", b"%PDF-1.7 stored", cutoff, None, 1)
        operations.finish(job, [version])
        db.session.commit()
        d.report = SimpleNamespace(job=job, version=version)
    return d.report


def routes(api) -> dict:
    """(method, rule) -> (url builder, who may use it); `api` is the table's Api marker class."""
    r = data
    return {
        ("GET", "/reports/annual"): (lambda d: "/reports/annual?year=2011", EVERYONE),
        ("GET", "/reports/annual/<int:year>.pdf"): (lambda d: "/reports/annual/2011.pdf?lang=en", EVERYONE),
        ("POST", "/reports/annual/<int:year>/publish"): (lambda d: "/reports/annual/2011/publish", PUBLISHERS),
        ("GET", "/reports/jobs/<int:job_id>"): (lambda d: f"/reports/jobs/{r(d).job.id}", EVERYONE),
        ("GET", "/reports/versions/<int:version_id>.pdf"):
            (lambda d: f"/reports/versions/{r(d).version.id}.pdf", EVERYONE),
    }
