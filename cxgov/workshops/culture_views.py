"""HR's culture page: the series against the goal, attendance, reach, idea conversion and ratings, as charts.

Every figure is counted in SQL over the whole company (culture_queries); the charts and the table by department
show one page of departments at a time (cxgov.paging), so a company of hundreds of departments is drawn as fast
as a small one.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from babel.dates import format_skeleton
from flask import render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _

from cxgov import charts, paging
from cxgov.models_base import utcnow
from cxgov.org import queries as org_queries
from cxgov.permissions import can_view_workshops, require
from cxgov.workshops import culture_queries as reads
from cxgov.workshops import labels, metrics, queries, times
from cxgov.workshops.models import IDEA_KINDS
from cxgov.workshops.views import bp

WINDOW = 12  # months, the current one included


@bp.app_template_filter("workshop_month")
def month_label(month: str) -> str:
    """'2026-03' as 'Mar 2026' or '2026年3月'."""
    year, number = times.parse_month(month) or (1970, 1)
    return format_skeleton("yMMM", date(year, number, 1), locale=str(get_locale() or "en"))


def _percent(value: float | None) -> float | None:
    """A share as a percentage."""
    return None if value is None else 100 * value


def _charts(months, rows, shown, by_dept, reach, ideas, ratings_by_month, names) -> dict:
    """The page's charts, from the shared chart module; those by department draw the departments shown."""
    labels_ = [month_label(m) for m in months]
    top = max([r.held for r in rows] + [r.goal for r in rows] + [1])
    return {
        "series": charts.bar_chart(
            [charts.Bar(month_label(r.month), r.held, r.goal) for r in rows], max_value=top + 1, value_format="{:.0f}",
            title=_("Workshops held per month against the goal"), target_label=_("Goal"), empty_text=_("No data")),
        "attendance": charts.bar_chart(
            [charts.Bar(names[d], _percent(by_dept[d].rate)) for d in shown if d in by_dept], max_value=100,
            value_format="{:.0f}%", title=_("Attendance rate by department (invitees who came)"),
            empty_text=_("No invitations to held workshops yet")),
        "reach": charts.bar_chart(
            [charts.Bar(names[d], _percent(metrics.ratio(*reach.by_department[d])))
             for d in shown if d in reach.by_department], max_value=100, value_format="{:.0f}%",
            title=_("Employees reached in the last 12 months, by department"), empty_text=_("No data")),
        "ideas": charts.stacked_bar_chart(
            labels_, [charts.Series(str(labels.KIND_LABELS[k]), ideas[k]) for k in IDEA_KINDS],
            colors=(charts.RED, charts.TEAL, charts.ORANGE), title=_("Ideas per month by kind"),
            empty_text=_("No ideas recorded yet")),
        "ratings": charts.line_chart(
            labels_, [charts.Series(_("Average rating"), ratings_by_month)], min_value=1, max_value=5,
            value_format="{:.1f}", title=_("Average feedback rating (1–5)"), empty_text=_("No feedback yet")),
    }


def _ideas(month_of: dict[int, str], months) -> tuple[dict[str, list[int]], metrics.Conversion]:
    """Ideas per kind and month, and how many became a target, of the window's workshops {id: month}."""
    rows = reads.ideas(list(month_of))
    by_kind = metrics.ideas_by_kind(((month_of[w], kind) for w, kind, n, _t in rows for _i in range(n)), months,
                                    IDEA_KINDS)
    return by_kind, metrics.Conversion(sum(r[3] for r in rows), sum(r[2] for r in rows))


def _ratings(held: dict[int, str], months) -> tuple[metrics.Ratings, list[float | None]]:
    """The ratings of the held workshops {id: month} over the window, and their mean per month."""
    counts = reads.ratings(list(held))
    by_month = defaultdict(list)
    for workshop_id, counted in counts.items():
        by_month[held[workshop_id]].append(counted)
    per_month = [metrics.ratings(reads.each_rating(by_month[m])).mean for m in months]
    return metrics.ratings(reads.each_rating(counts.values())), per_month


@bp.route("/culture")
@require(can_view_workshops)
def culture():
    """Culture metrics over the last twelve months."""
    this_month = queries.this_month()
    months = times.months_between(times.shift_month(this_month, 1 - WINDOW), this_month)
    workshops, now, zone = reads.workshops_between(months[0], months[-1]), utcnow(), queries.tz()
    month_of = {w.id: times.local_month(w.starts_at, zone) for w in workshops}  # queries.month_of, zone read once
    status = {w.id: queries.status_of(w, now) for w in workshops}
    held = {w.id: month_of[w.id] for w in workshops if status[w.id] == metrics.HELD}
    rows = metrics.series((metrics.WorkshopFact(month_of[w.id], status[w.id]) for w in workshops), months,
                          queries.goals())
    by_dept = reads.attendance_by_department(list(held))
    reach = metrics.reach_counts(reads.employees_by_department(), reads.reached_by_department(list(held)))
    idea_rows, conversion = _ideas(month_of, months)
    ratings, ratings_by_month = _ratings(held, months)
    keys = set(by_dept) | set(reach.by_department)
    names = reads.department_names(keys, org_queries.locale_code()) | {None: _("No department")}
    order = paging.window(sorted(keys, key=lambda d: names.get(d, "")), request.args.get("page"))
    return render_template(
        "workshops/culture.html", months=months, rows=rows, summary=metrics.summarise([r for r in rows
                                                                                        if r.month < this_month]),
        overall=metrics.overall_attendance(by_dept), by_dept=by_dept, reach=reach, names=names,
        conversion=conversion, ratings=ratings, order=order,
        charts=_charts(months, rows, order.items, by_dept, reach, idea_rows, ratings_by_month, names))
