"""The month board: one month's targets, a page of departments at a time, under the whole company's counts."""
from collections import Counter

from flask import abort, render_template, request
from flask_login import current_user

from cxgov import clock, paging
from cxgov.org import queries as org_queries
from cxgov.permissions import can_edit_department_targets, can_manage_targets, can_view_targets, require
from cxgov.targets import operations, queries
from cxgov.targets import status as st
from cxgov.targets.forms import CopyForm
from cxgov.targets.labels import STATUS_LABELS
from cxgov.targets.views import DEPARTMENTS_PER_PAGE, bp


def _month_arg() -> str:
    """The month asked for (YYYY-MM), or the current month; another value is not found."""
    value = request.args.get("month") or st.month_of(clock.today())
    try:
        st.parse_month(value)
    except ValueError:
        abort(404)
    return value


@bp.route("/")
@require(can_view_targets)
def index():
    """One month's targets, a page of departments at a time, with status and latest actual; the counts at the top
    are the whole company's (or the chosen department's)."""
    month, today = _month_arg(), clock.today()
    dept_id = request.args.get("department", type=int)
    departments = queries.department_rows(org_queries.locale_code())
    chosen = [d for d in departments if d.id == dept_id] if dept_id else departments
    page_arg = request.args.get("page")
    if page_arg is None and current_user.department_id:  # a lead or member opens on their own department's page
        at = next((i for i, d in enumerate(chosen) if d.id == current_user.department_id), None)
        page_arg = None if at is None else at // DEPARTMENTS_PER_PAGE + 1
    page = paging.window(chosen, page_arg, DEPARTMENTS_PER_PAGE)
    by_id = queries.departments_by_id([d.id for d in page.items])
    shown = [by_id[d.id] for d in page.items]
    items = queries.with_status(queries.targets(month=month, department_ids=[d.id for d in shown]), today)
    by_dept: dict[int, list] = {}
    for target, status in items:
        by_dept.setdefault(target.department_id, []).append((target, status))
    facts = queries.achievement_facts([month], today, dept_id)  # the month's every target, as plain rows
    conf = operations.settings()
    opens, closes = st.drafting_window(st.shift_month(st.month_of(today), 1), conf.window_opens_day,
                                       conf.window_closes_day)
    return render_template(
        "targets/index.html", month=month, dept_id=dept_id, by_dept=by_dept, departments=departments, shown=shown,
        page=page, statuses=STATUS_LABELS, counts=_status_counts(facts), closed=operations.is_closed(month),
        conf=conf, short=_short_of_minimum(chosen, facts, conf.min_per_department),
        prev=st.shift_month(month, -1), next=st.shift_month(month, 1), window=(opens, closes),
        not_updated=queries.not_updated(month, [t for t, _s in items]),
        not_updated_total=queries.not_updated_count(month, dept_id), copy_form=CopyForm(),
        may_draft=_may_draft(departments))


def _may_draft(departments) -> bool:
    """True when the person may draft for at least one department (the predicate reads a row's id and lead id as
    it reads a department's): HR and members would meet a 403."""
    return can_manage_targets(current_user) or any(can_edit_department_targets(current_user, d) for d in departments)


def _short_of_minimum(departments, facts, minimum: int) -> dict[int, int]:
    """Department id → its number of targets, for the departments below the expected minimum."""
    per_department = Counter(f.department for f in facts)
    return {d.id: per_department[d.id] for d in departments if per_department[d.id] < minimum}


def _status_counts(facts) -> dict[str, int]:
    """How many targets have each status."""
    counts = {key: 0 for key in STATUS_LABELS}
    for fact in facts:
        counts[fact.status] += 1
    return counts
