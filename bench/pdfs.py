"""The PDFs as a reader gets them: the request that asks (it queues the render), the worker's render, the request
once the PDF is made; and WeasyPrint alone on the very HTML the worker was given."""
from __future__ import annotations

import gc
import statistics
import time
from contextlib import contextmanager

import sqlalchemy as sa
from flask import Flask
from flask_babel import force_locale

from bench.measure import signed_in_client
from bench.pages import BenchError
from cxgov.extensions import db


@contextmanager
def worker_queue():
    """Queued tasks wait in a private in-memory queue for the bench to run them, as they wait for the worker."""
    from huey.storage import MemoryStorage

    from cxgov.tasks import huey

    saved = huey._immediate, huey.storage
    huey._immediate, huey.storage = False, MemoryStorage("bench")
    try:
        yield huey
    finally:
        huey._immediate, huey.storage = saved


def weasyprint_alone(html: str, lang: str, style: str) -> float:
    """Seconds WeasyPrint takes from the HTML string to PDF bytes, with the app's stylesheet and fetcher."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    from cxgov import clock
    from cxgov.reports.pdf import STYLESHEETS, stamp

    with force_locale(lang):
        html = stamp(html, clock.now())
    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    gc.collect()
    started = time.perf_counter()
    stylesheet = CSS(filename=str(STYLESHEETS[style]), url_fetcher=fetcher)
    HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet])
    return time.perf_counter() - started


def _get(client, url: str) -> tuple[float, int, str]:
    """One request: seconds, status, content type."""
    gc.collect()
    started = time.perf_counter()
    response = client.get(url, headers={"Accept-Language": "en"})
    response.get_data()
    return time.perf_counter() - started, response.status_code, response.mimetype


def _once(app: Flask, client, url: str, huey) -> dict:
    """Ask, let the worker render, ask again, and time WeasyPrint alone on the worker's HTML."""
    from cxgov.reports.models import RenderedPdf

    with app.app_context():
        db.session.execute(sa.delete(RenderedPdf))  # a cold start: the PDF is not made yet
        db.session.commit()
    queued = _get(client, url)
    task = huey.dequeue()
    if task is None:
        raise BenchError(f"{url} queued no render (status {queued[1]})")
    _key, html, lang, style = task.args
    with app.app_context():
        gc.collect()
        started = time.perf_counter()
        huey.execute(task)
        worker = time.perf_counter() - started
        alone = weasyprint_alone(html, lang, style)
    served = _get(client, url)
    return {"queued": queued, "worker": worker, "served": served, "alone": alone, "html_chars": len(html)}


def measure_pdf(app: Flask, user_id: int, url: str, repeats: int) -> dict:
    """Median seconds of each step over `repeats` cold starts, and the whole cost against WeasyPrint alone."""
    client = signed_in_client(app, user_id)
    with worker_queue() as huey:
        runs = [_once(app, client, url, huey) for _ in range(repeats)]

    def median(pick) -> float:
        return round(statistics.median(pick(run) for run in runs), 3)

    request_s, worker_s = median(lambda r: r["queued"][0]), median(lambda r: r["worker"])
    weasy_s = median(lambda r: r["alone"])
    return {"url": url, "runs": repeats, "request_s": request_s, "worker_s": worker_s,
            "served_s": median(lambda r: r["served"][0]), "weasyprint_s": weasy_s,
            "ratio": round((request_s + worker_s) / weasy_s, 2),
            "status": sorted({run["queued"][1] for run in runs} | {run["served"][1] for run in runs}),
            "mimetype": runs[-1]["served"][2], "html_chars": runs[-1]["html_chars"]}
