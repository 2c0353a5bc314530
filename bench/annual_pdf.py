"""The annual report PDF as a request, against WeasyPrint alone rendering the same pre-rendered HTML."""
from __future__ import annotations

import gc
import statistics
import time

from flask import Flask
from flask_login import login_user

from bench.measure import signed_in_client
from cxgov.extensions import db


def report_html(app: Flask, user_id: int, year: int) -> str:
    """The HTML the PDF request hands to WeasyPrint, rendered once through the app's own functions."""
    from cxgov.auth.models import User
    from cxgov.models_base import utcnow
    from cxgov.org import queries as org_queries
    from cxgov.reports import pdf
    from cxgov.reports.views import report_context

    with app.test_request_context(f"/reports/annual/{year}.pdf"):
        login_user(db.session.get(User, user_id))
        lang = org_queries.locale_code()
        return pdf.render_html("reports/annual_pdf.html", lang, **report_context(year, lang),
                               generated_at=utcnow(), published=False)


def weasyprint_alone(html: str) -> float:
    """Seconds WeasyPrint takes from the HTML string to PDF bytes, with the app's stylesheet and fetcher."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    from cxgov.reports.pdf import REPORT_CSS

    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    gc.collect()
    started = time.perf_counter()
    HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[CSS(filename=str(REPORT_CSS), url_fetcher=fetcher)])
    return time.perf_counter() - started


def _request(client, url: str) -> tuple[float, int, str]:
    """One PDF request: seconds, status, content type."""
    gc.collect()
    started = time.perf_counter()
    response = client.get(url)
    response.get_data()
    return time.perf_counter() - started, response.status_code, response.mimetype


def measure_annual_pdf(app: Flask, user_id: int, year: int, repeats: int) -> dict:
    """Median seconds of GET /reports/annual/<year>.pdf and of WeasyPrint alone, and their ratio."""
    client = signed_in_client(app, user_id)
    url = f"/reports/annual/{year}.pdf"
    requests = [_request(client, url) for _ in range(repeats)]
    html = report_html(app, user_id, year)
    alone = [weasyprint_alone(html) for _ in range(repeats)]
    request_s, weasy_s = statistics.median(r[0] for r in requests), statistics.median(alone)
    return {"url": url, "runs": repeats, "request_s": round(request_s, 2), "weasyprint_s": round(weasy_s, 2),
            "ratio": round(request_s / weasy_s, 2), "status": sorted({r[1] for r in requests}),
            "mimetype": requests[-1][2], "html_chars": len(html)}
