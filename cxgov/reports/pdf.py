"""Render a report template to PDF in a chosen language (WeasyPrint embeds the CJK font it uses)."""
from __future__ import annotations

from pathlib import Path

from flask import render_template
from flask_babel import force_locale

REPORT_CSS = Path(__file__).resolve().parents[1] / "static" / "css" / "report-print.css"


def render_html(template: str, lang: str, **context) -> str:
    """The report's HTML in `lang` ('zh' or 'en')."""
    with force_locale(lang):
        return render_template(template, **{"loc": lang, "printing": True, **context})


def render_pdf(html: str) -> tuple[bytes, int]:
    """HTML to PDF bytes and page count; only local files and data: URLs are ever read."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    stylesheet = CSS(filename=str(REPORT_CSS), url_fetcher=fetcher)
    document = HTML(string=html, url_fetcher=fetcher).render(stylesheets=[stylesheet])
    return document.write_pdf(), len(document.pages)


def html_to_pdf(html: str) -> bytes:
    """HTML to PDF bytes with the report stylesheet."""
    return render_pdf(html)[0]


def lang_arg(value: str | None, fallback: str) -> str:
    """'zh' or 'en' from a query argument, else the fallback."""
    return value if value in ("zh", "en") else fallback
