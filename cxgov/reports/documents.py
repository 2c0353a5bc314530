"""PDFs are made by the task worker and kept under the fingerprint of their HTML: no web request renders one.

A PDF link builds the document's HTML, which is quick, and names the PDF by the SHA-256 of that HTML and of the
stylesheet. If that PDF exists it is served at once. If not, its rendering is queued once for the worker and the
reader gets a page that says so and reloads itself until the PDF is there. The same data gives the same HTML and
so the same PDF: nothing is rendered twice, and since any change of the data changes the HTML, nothing stale is
served. The time of printing is not part of the HTML (a comment marker that no escaped user text can form); the
worker fills it in when it renders. The request only reads: the worker writes the PDF, and the claim that stops
a second render of the same HTML lives in the task queue's store, not in the database.
"""
from __future__ import annotations

import hashlib
import logging
import time
from datetime import timedelta
from functools import cache

import sqlalchemy as sa
from flask import Response, render_template, request
from flask_babel import force_locale
from sqlalchemy.exc import IntegrityError

from cxgov import clock
from cxgov.extensions import db
from cxgov.reports import pdf
from cxgov.reports.models import RenderedPdf
from cxgov.tasks import app_context, huey

log = logging.getLogger(__name__)
KEEP = timedelta(days=7)  # made PDFs older than this are deleted when the worker stores another; asked again, made anew
CLAIM_SECONDS = 15 * 60  # a queued render not done by then is presumed lost and may be queued again
FAILED = "failed"


@cache
def _stylesheet_digest(style: str) -> bytes:
    """A stylesheet's own fingerprint: a changed stylesheet makes new PDFs."""
    return hashlib.sha256(style.encode() + pdf.STYLESHEETS[style].read_bytes()).digest()


def fingerprint(html: str, style: str = "report") -> str:
    """The name of the PDF this HTML makes in this style."""
    return hashlib.sha256(_stylesheet_digest(style) + html.encode("utf-8")).hexdigest()


def stored(key: str) -> RenderedPdf | None:
    """The PDF already made from this HTML, if any (read only)."""
    return db.session.scalar(sa.select(RenderedPdf).where(RenderedPdf.key == key)
                             .options(sa.orm.undefer(RenderedPdf.pdf)))


def _claim_name(key: str) -> str:
    return f"cxgov-pdf:{key}"


def _claim(key: str) -> str | None:
    """Whether a render of this HTML is already on its way ('queued'), has failed ('failed'), or neither (None)."""
    held = huey.get(_claim_name(key), peek=True)
    if held is None:
        return None
    state, _sep, since = str(held).partition("@")
    if time.time() - float(since or 0) > CLAIM_SECONDS:
        huey.get(_claim_name(key))  # lost or failed long ago: let it be tried again
        return None
    return state


def request_pdf(key: str, html: str, lang: str, style: str = "report") -> str | None:
    """Queue the render unless one is already on its way or has just failed; the claim's state."""
    state = _claim(key)
    if state is None and huey.put_if_empty(_claim_name(key), f"queued@{time.time()}"):
        render_pdf(key, html, lang, style)
        state = _claim(key)
    return state


@huey.task()
def render_pdf(key: str, html: str, lang: str, style: str = "report") -> None:
    """The worker's side: render the HTML with the time of printing, keep the PDF, prune old ones."""
    with app_context():
        _render(key, html, lang, style)


def _render(key: str, html: str, lang: str, style: str) -> None:
    """Render and store one PDF; a failure is logged and remembered so that readers are told, not left waiting."""
    try:
        if db.session.get(RenderedPdf, key) is None:
            started = time.perf_counter()
            when = clock.now()
            with force_locale(lang):
                body, pages = pdf.render_pdf(pdf.stamp(html, when), style)
            db.session.add(RenderedPdf(key=key, pdf=body, pages=pages, size=len(body), created_at=when,
                                       render_seconds=round(time.perf_counter() - started, 3)))
            db.session.execute(sa.delete(RenderedPdf).where(RenderedPdf.created_at < when - KEEP))
            db.session.commit()
        huey.get(_claim_name(key))  # done: release the claim
    except IntegrityError:  # another worker stored the same PDF first
        db.session.rollback()
        huey.get(_claim_name(key))
    except Exception:  # noqa: BLE001 - any failure must reach the reader as a message, not an endless wait
        log.exception("rendering a PDF failed (%s)", key)
        db.session.rollback()
        huey.get(_claim_name(key))
        huey.put_if_empty(_claim_name(key), f"{FAILED}@{time.time()}")


def deliver(html: str, lang: str, filename: str, back_url: str, style: str = "report") -> Response:
    """The PDF of this HTML if made; otherwise queue it and answer with a page that waits for it."""
    key = fingerprint(html, style)
    if request.if_none_match and key in request.if_none_match:
        return Response(status=304)
    found = stored(key)
    state = None
    if found is None:
        state = request_pdf(key, html, lang, style)
        found = stored(key)  # with the queue run in the request (tests, CXGOV_TASKS_IMMEDIATE), it is made now
    if found is not None:
        response = Response(found.pdf, mimetype="application/pdf",
                            headers={"Content-Disposition": f'inline; filename="{filename}"'})
        response.set_etag(key)
        return response
    failed = state == FAILED
    response = Response(render_template("reports/preparing.html", failed=failed, back_url=back_url),
                        status=503 if failed else 202)
    response.headers["Retry-After"] = "60" if failed else "3"
    return response
