"""Demo history: last year's annual report, published in both languages in January."""
from __future__ import annotations

from datetime import UTC, date, datetime

from cxgov import clock
from cxgov.reports import operations
from cxgov.reports.views import render_annual_pdf


def load(users, today: date | None = None) -> None:
    """Publish last year's report (rendering takes a few seconds per language)."""
    year = (today or clock.today()).year - 1
    published = datetime(year + 1, 1, 20, 2, tzinfo=UTC)  # 10:00 in China
    for lang in ("zh", "en"):
        body, pages = render_annual_pdf(year, lang, published_at=published,
                                        number=operations.next_number("annual", year, lang))
        version = operations.publish("annual", year, lang, body, published, users.get("ceo"), pages)
        version.published_at = published
