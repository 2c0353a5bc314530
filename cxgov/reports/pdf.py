"""Render a report template to PDF in a chosen language (WeasyPrint embeds the CJK font it uses)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask import render_template
from flask_babel import force_locale
from markupsafe import Markup, escape

from cxgov.templating import fmt_datetime

REPORT_CSS = Path(__file__).resolve().parents[1] / "static" / "css" / "report-print.css"
FORMS = ("short", "medium")
MARKER = "<!--cxgov:printed:%s-->"  # a comment: escaped user text can never form one


def printed_at(when: datetime | None, form: str = "medium") -> Markup | str:
    """The time of printing in a document: the given time, else a marker that `stamp` replaces when rendering."""
    return fmt_datetime(when, form) if when else Markup(MARKER % form)


def stamp(html: str, when: datetime) -> str:
    """The HTML with every time-of-printing marker replaced by `when` (in the current language and zone)."""
    for form in FORMS:
        html = html.replace(MARKER % form, str(escape(fmt_datetime(when, form))))
    return html


def render_html(template: str, lang: str, **context) -> str:
    """The report's HTML in `lang` ('zh' or 'en')."""
    with force_locale(lang):
        return render_template(template, **{"loc": lang, "printing": True, "printed_at": printed_at, **context})


def render_pdf(html: str) -> tuple[bytes, int]:
    """HTML to PDF bytes and page count; only local files and data: URLs are ever read."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    stylesheet = CSS(filename=str(REPORT_CSS), url_fetcher=fetcher)
    document = HTML(string=html, url_fetcher=fetcher).render(stylesheets=[stylesheet])
    return document.write_pdf(), len(document.pages)


def lang_arg(value: str | None, fallback: str) -> str:
    """'zh' or 'en' from a query argument, else the fallback."""
    return value if value in ("zh", "en") else fallback
