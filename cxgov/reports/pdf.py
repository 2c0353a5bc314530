"""Render a report template to PDF in a chosen language (WeasyPrint embeds the CJK font it uses)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask import render_template
from flask_babel import force_locale
from markupsafe import Markup, escape

from cxgov.templating import fmt_date, fmt_datetime

CSS_FOLDER = Path(__file__).resolve().parents[1] / "static" / "css"
REPORT_CSS = CSS_FOLDER / "report-print.css"
STYLESHEETS = {"report": REPORT_CSS, "workshop": CSS_FOLDER / "workshops-print.css"}  # which look a document has
FORMS = ("short", "medium", "date")  # date and time, shorter or longer, or the date alone
MARKER = "<!--cxgov:printed:%s-->"  # a comment: escaped user text can never form one


def printed_at(when: datetime | None, form: str = "medium") -> Markup | str:
    """The time of printing in a document: the given time, else a marker that `stamp` replaces when rendering."""
    if not when:
        return Markup(MARKER % form)  # nosec B704  # form is one of FORMS, no user text
    return fmt_date(when, "medium") if form == "date" else fmt_datetime(when, form)


def stamp(html: str, when: datetime) -> str:
    """The HTML with every time-of-printing marker replaced by `when` (in the current language and zone)."""
    for form in FORMS:
        html = html.replace(MARKER % form, str(escape(printed_at(when, form))))
    return html


def render_html(template: str, lang: str, **context) -> str:
    """The report's HTML in `lang` ('zh' or 'en')."""
    with force_locale(lang):
        return render_template(template, **{"loc": lang, "printing": True, "printed_at": printed_at, **context})


def render_pdf(html: str, style: str = "report") -> tuple[bytes, int]:
    """HTML to PDF bytes and page count in one of the STYLESHEETS; only local files and data: URLs are ever read."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    stylesheet = CSS(filename=str(STYLESHEETS[style]), url_fetcher=fetcher)
    document = HTML(string=html, url_fetcher=fetcher).render(stylesheets=[stylesheet])
    return document.write_pdf(), len(document.pages)


def lang_arg(value: str | None, fallback: str) -> str:
    """'zh' or 'en' from a query argument, else the fallback."""
    return value if value in ("zh", "en") else fallback
