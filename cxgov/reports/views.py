"""The annual report: read it as a page, preview it as PDF, publish immutable versions and download them."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from cxgov import clock, paging
from cxgov.extensions import db
from cxgov.org import queries as org_queries
from cxgov.org.forms import ConfirmForm
from cxgov.org.operations import get_organisation
from cxgov.permissions import can_publish_report, can_view_reports, require
from cxgov.reports import annual, documents, figures, operations, pdf
from cxgov.reports.labels import context as label_context
from cxgov.reports.models import ReportJob, ReportVersion

bp = Blueprint("reports", __name__, url_prefix="/reports")
KIND = "annual"


def current_fiscal_year(today: date) -> int:
    """The fiscal year running on the day (named by the calendar year it starts in)."""
    org = get_organisation()
    start = org.fiscal_year_start_month if org else 1
    return today.year if today.month >= start else today.year - 1


def _year() -> int:
    """The year asked for, else the fiscal year just ended during its successor's first month, else this one."""
    today = clock.today()
    running = current_fiscal_year(today)
    org = get_organisation()
    first_month = today.month == (org.fiscal_year_start_month if org else 1)
    year = request.args.get("year", type=int) or (running - 1 if first_month else running)
    if not 2000 <= year <= 2100:
        abort(404)
    return year


def report_context(year: int, lang: str, cards_page: int | None = None) -> dict:
    """Data, charts and labels of the report in a language (the page and the PDF share it).

    The PDF has every department's scorecard; the page shows them a page at a time (`cards_page`), with the
    appendix's department tables: at hundreds of departments, drawing them all was most of the page's time.
    """
    with force_locale(lang):
        data = annual.build(year, lang)
        cards = paging.window(data["scorecards"], cards_page) if cards_page is not None else None
        shown = annual.with_months(data, cards.items if cards else data["scorecards"])
        return {"data": data, "charts": figures.all_charts(data, shown), "loc": lang, "cards": shown,
                "cards_window": cards, **label_context()}


def annual_html(year: int, lang: str, published_at: datetime | None = None, number: int | None = None) -> str:
    """The printed report's HTML: a published version's carries its number and time (its data's cut-off) on every
    page; a preview's says so on every page and leaves the time of printing to the PDF renderer
    (reports/documents.py)."""
    return pdf.render_html("reports/annual_pdf.html", lang, **report_context(year, lang),
                           generated_at=published_at, published=published_at is not None, number=number)


def render_annual_pdf(year: int, lang: str, published_at: datetime | None = None,
                      number: int | None = None) -> tuple[bytes, int]:
    """The year's report as PDF bytes and its page count: version `number` published at `published_at`, else a
    preview printed now."""
    if published_at:
        return pdf.render_pdf(annual_html(year, lang, published_at, number))
    with force_locale(lang):
        return pdf.render_pdf(pdf.stamp(annual_html(year, lang), clock.now()))


def _versions(year: int) -> list[ReportVersion]:
    """The year's published versions, newest first."""
    return list(db.session.scalars(sa.select(ReportVersion).where(ReportVersion.kind == KIND,
                                                                  ReportVersion.year == year)
                                   .order_by(ReportVersion.published_at.desc(), ReportVersion.id.desc())))


@bp.route("/annual")
@require(can_view_reports)
def annual_page():
    """The annual report as a page, with its published versions."""
    year = _year()
    lang = org_queries.locale_code()
    return render_template("reports/annual_page.html", year=year,
                           **report_context(year, lang, paging.page_number(request.args.get("cards"))),
                           versions=_versions(year), confirm=ConfirmForm(), printing=False,
                           can_publish=can_publish_report(current_user), running=current_fiscal_year(clock.today()))


@bp.route("/annual/<int:year>.pdf")
@require(can_view_reports)
def annual_pdf(year: int):
    """A preview of the report as PDF, generated now from the current data (not a published version)."""
    lang = pdf.lang_arg(request.args.get("lang"), org_queries.locale_code())
    return documents.deliver(annual_html(year, lang), lang, f"cx-annual-report-{year}-{lang}-preview.pdf",
                             back_url=url_for("reports.annual_page", year=year))


@bp.route("/annual/<int:year>/publish", methods=["POST"])
@require(can_publish_report)
def publish(year: int):
    """Queue the publication of the report in a language (or both); it renders in the background."""
    langs = [code for code in ("zh", "en") if request.form.get(f"lang_{code}")]
    if not ConfirmForm().validate_on_submit() or not langs:
        flash(_("Choose at least one language to publish."), "error")
        return redirect(url_for("reports.annual_page", year=year))
    with force_locale(langs[0]):
        has_data = annual.build(year, langs[0])["has_data"]
    if not has_data:
        flash(_("There is nothing to report for %(year)s yet, so nothing was published.", year=year), "error")
        return redirect(url_for("reports.annual_page", year=year))
    job = operations.queue_job(KIND, year, langs, current_user)
    db.session.commit()
    from cxgov.reports.tasks import publish_annual

    publish_annual(job.id)
    return redirect(url_for("reports.job", job_id=job.id))


@bp.route("/jobs/<int:job_id>")
@require(can_view_reports)
def job(job_id: int):
    """A publication's progress; the page refreshes itself until the job has finished."""
    item = db.get_or_404(ReportJob, job_id)
    ids = [int(v) for v in item.version_ids.split(",") if v]
    versions = list(db.session.scalars(sa.select(ReportVersion).where(ReportVersion.id.in_(ids)))) if ids else []
    return render_template("reports/job.html", job=item, versions=versions)


@bp.route("/versions/<int:version_id>.pdf")
@require(can_view_reports)
def version_pdf(version_id: int):
    """A published version, byte for byte as it was published."""
    version = db.get_or_404(ReportVersion, version_id)
    if request.if_none_match and version.sha256 in request.if_none_match:
        return Response(status=304)
    response = Response(version.pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="cx-{version.kind}-report-{version.year}-{version.lang}'
                               f'-v{version.number}.pdf"'})
    response.set_etag(version.sha256)
    return response
