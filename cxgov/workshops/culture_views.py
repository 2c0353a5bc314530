"""HR's culture page: the series against the goal, attendance, reach, idea conversion and ratings, as charts."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from babel.dates import format_skeleton
from flask import render_template
from flask_babel import get_locale
from flask_babel import gettext as _

from cxgov import charts
from cxgov.auth.models import User, UserRole
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org import queries as org_queries
from cxgov.permissions import VIEWER, can_view_workshops, require
from cxgov.workshops import labels, metrics, queries, times
from cxgov.workshops.models import IDEA_KINDS
from cxgov.workshops.views import bp

WINDOW = 12  # months, the current one included


@bp.app_template_filter("workshop_month")
def month_label(month: str) -> str:
    """'2026-03' as 'Mar 2026' or '2026年3月'."""
    year, number = times.parse_month(month) or (1970, 1)
    return format_skeleton("yMMM", date(year, number, 1), locale=str(get_locale() or "en"))


def _employee():
    """The SQL condition of an employee who could take part: active, and not only a viewer (is_read_only)."""
    viewer = sa.exists().where(UserRole.user_id == User.id, UserRole.role == VIEWER)
    other = sa.exists().where(UserRole.user_id == User.id, UserRole.role != VIEWER)
    return sa.and_(User.active.is_(True), sa.or_(~viewer, other))


def _employees_by_department() -> dict[int | None, int]:
    """How many employees each department has, counted in SQL."""
    return dict(db.session.execute(sa.select(User.department_id, sa.func.count(User.id)).where(_employee())
                                   .group_by(User.department_id)).all())


def _departments_of(user_ids: set[int], employees_only: bool = False) -> dict[int, int | None]:
    """{user id: department id} of some people (those of the window's workshops, never everyone)."""
    if not user_ids:
        return {}
    query = sa.select(User.id, User.department_id).where(User.id.in_(sorted(user_ids)))
    return dict(db.session.execute(query.where(_employee()) if employees_only else query).all())


def _percent(value: float | None) -> float | None:
    """A share as a percentage."""
    return None if value is None else 100 * value


def _charts(months, rows, by_dept, reach, ideas, ratings_by_month, names) -> dict:
    """The page's charts, from the shared chart module."""
    labels_ = [month_label(m) for m in months]
    top = max([r.held for r in rows] + [r.goal for r in rows] + [1])
    ordered = sorted(names, key=lambda d: names[d])
    return {
        "series": charts.bar_chart(
            [charts.Bar(month_label(r.month), r.held, r.goal) for r in rows], max_value=top + 1, value_format="{:.0f}",
            title=_("Workshops held per month against the goal"), target_label=_("Goal"), empty_text=_("No data")),
        "attendance": charts.bar_chart(
            [charts.Bar(names[d], _percent(by_dept[d].rate)) for d in ordered if d in by_dept], max_value=100,
            value_format="{:.0f}%", title=_("Attendance rate by department (invitees who came)"),
            empty_text=_("No invitations to held workshops yet")),
        "reach": charts.bar_chart(
            [charts.Bar(names[d], _percent(metrics.ratio(*reach.by_department[d])))
             for d in ordered if d in reach.by_department], max_value=100, value_format="{:.0f}%",
            title=_("Employees reached in the last 12 months, by department"), empty_text=_("No data")),
        "ideas": charts.stacked_bar_chart(
            labels_, [charts.Series(str(labels.KIND_LABELS[k]), ideas[k]) for k in IDEA_KINDS],
            colors=(charts.RED, charts.TEAL, charts.ORANGE), title=_("Ideas per month by kind"),
            empty_text=_("No ideas recorded yet")),
        "ratings": charts.line_chart(
            labels_, [charts.Series(_("Average rating"), ratings_by_month)], min_value=1, max_value=5,
            value_format="{:.1f}", title=_("Average feedback rating (1–5)"), empty_text=_("No feedback yet")),
    }


@bp.route("/culture")
@require(can_view_workshops)
def culture():
    """Culture metrics over the last twelve months."""
    this_month = queries.this_month()
    months = times.months_between(times.shift_month(this_month, 1 - WINDOW), this_month)
    workshops = queries.workshops_between(months[0], months[-1])
    now = utcnow()
    held = [w for w in workshops if queries.status_of(w, now) == metrics.HELD]
    rows = metrics.series(queries.facts(workshops), months, queries.goals())
    came = {a.user_id for w in held for a in w.attendance}
    people = _departments_of(came | {i.user_id for w in held for i in w.invitations})
    by_dept = metrics.attendance_by_department(queries.participations(held, people))
    reach = metrics.reach_of(_employees_by_department(), _departments_of(came, employees_only=True))
    ideas = [i for w in workshops for i in w.ideas]
    idea_rows = metrics.ideas_by_kind([(queries.month_of(i.workshop), i.kind) for i in ideas], months, IDEA_KINDS)
    ratings_by_month = [metrics.ratings(f.rating for w in held if queries.month_of(w) == m for f in w.feedback).mean
                        for m in months]
    loc = org_queries.locale_code()
    departments = org_queries.departments(include_archived=True)
    names = {d.id: d.display_name(loc) for d in departments} | {None: _("No department")}
    return render_template(
        "workshops/culture.html", months=months, rows=rows, summary=metrics.summarise([r for r in rows
                                                                                        if r.month < this_month]),
        overall=metrics.overall_attendance(by_dept), by_dept=by_dept, reach=reach, names=names,
        conversion=metrics.conversion(i.target_id is not None for i in ideas),
        ratings=metrics.ratings(f.rating for w in held for f in w.feedback), held=held,
        charts=_charts(months, rows, by_dept, reach, idea_rows, ratings_by_month, names),
        order=sorted(set(by_dept) | set(reach.by_department), key=lambda d: names.get(d, "")))
