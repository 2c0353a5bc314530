"""Published results: overview, heatmap, department radar, comparison, exports."""

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from cxgov import charts, exports, paging
from cxgov.assessments import comparison, heatmap, results, scoring
from cxgov.assessments.models import Cycle
from cxgov.assessments.views import bp
from cxgov.exports import Column
from cxgov.extensions import db
from cxgov.org import queries
from cxgov.permissions import can_view_assessments, can_view_results, check, require


def _level_names(view, loc):
    """Level names 1–5 of the cycle's framework in the reader's language."""
    return [view.cycle.framework.level_name(i, loc) for i in range(1, 6)]


def _overview_chart(view, loc):
    """Company score per dimension against the target and the previous cycle (like for like)."""
    previous = view.comparison.organisation if view.comparison else {}
    bars = [charts.Bar(d.name(loc), view.result.organisation.get(d.code), view.targets.get(d.code),
                       previous.get(d.code, (None, None))[0]) for d in view.dimensions]
    return charts.bar_chart(bars, min_value=0, max_value=5, title=_("Company score by dimension"),
                            scale_labels=[""] + _level_names(view, loc), empty_text=_("No answers yet"),
                            target_label=_("Target"), previous_label=_("Previous cycle"))


def _radar(view, dept_id, loc):
    """A department against the company and the target."""
    dept = view.result.departments.get(dept_id)
    axes = [d.name(loc) for d in view.dimensions]
    series = [
        charts.Series(_("This department"), [dept.scores.get(d.code) if dept else None for d in view.dimensions]),
        charts.Series(_("Company"), [view.result.organisation.get(d.code) for d in view.dimensions], color="#d9822b"),
        charts.Series(_("Target"), [view.targets.get(d.code) for d in view.dimensions], color="#b3261e", dashed=True),
    ]
    return charts.radar_chart(axes, series, max_value=5, title=_("Maturity profile"),
                              empty_text=_("No answers yet"))


@bp.route("/<int:cycle_id>/results")
@require(can_view_assessments)
def results_page(cycle_id: int):
    """Where the company stands, the gaps to target, the walls between departments."""
    cycle = db.get_or_404(Cycle, cycle_id)  # its respondents are not shown: never load them (thousands)
    check(can_view_results(current_user, cycle))
    loc = queries.locale_code()
    view = results.load(cycle)
    weakest = scoring.weakest_practices(view.result.practice_means, 5)
    gaps = scoring.top_gaps(view.result, view.targets, 8)
    rows = paging.window(view.departments, request.args.get("page"))  # a large company's heatmap, page by page
    return render_template(
        "assessments/results.html", view=view, loc=loc, chart=_overview_chart(view, loc), weakest=weakest,
        gaps=gaps, depts={d.id: d for d in view.departments}, dims={d.code: d for d in view.dimensions},
        level_of=scoring.level_of, rows=rows, level_names=_level_names(view, loc),
        heat_rows=heatmap.rows(rows.items, view.result, [d.code for d in view.dimensions]),
        dim_names=[d.name(loc) for d in view.dimensions])


@bp.route("/<int:cycle_id>/results/departments/<int:department_id>")
@require(can_view_assessments)
def department_results(cycle_id: int, department_id: int):
    """One department's profile: radar against company and target, change, perception gap."""
    cycle = db.get_or_404(Cycle, cycle_id)  # not its respondents: the results are read without them
    check(can_view_results(current_user, cycle))
    loc = queries.locale_code()
    view = results.load(cycle)
    dept = next((d for d in view.departments if d.id == department_id), None)
    if dept is None:
        abort(404)
    return render_template("assessments/department_results.html", view=view, dept=dept, loc=loc,
                           radar=_radar(view, dept.id, loc), res=view.result.departments.get(dept.id),
                           level_of=scoring.level_of, level_names=_level_names(view, loc))


def _published_cycles():
    """Published cycles, latest period first, for the comparison picker."""
    return results.published_cycles()


@bp.route("/compare")
@require(can_view_assessments)
def compare():
    """Two cycles side by side, like for like: the departments both covered, the dimensions both share."""
    visible = [c for c in _published_cycles() if can_view_results(current_user, c)]
    if len(visible) < 2:
        return render_template("assessments/compare.html", before=None, after=None, cycles=visible,
                               loc=queries.locale_code())
    after_id = request.args.get("after", type=int) or visible[0].id
    before_id = request.args.get("before", type=int) or visible[1].id
    after, before = (next((c for c in visible if c.id == i), None) for i in (after_id, before_id))
    if after is None or before is None:
        abort(404)
    if _period(before) > _period(after):  # "earlier" is the one that ran first, whatever was picked
        before, after = after, before
    loc = queries.locale_code()
    a, b = results.views([after, before])
    view = results.compared(a, b)
    pairs = view.comparison.organisation
    dims = [d for d in a.dimensions if d.code in pairs]
    chart = charts.bar_chart([charts.Bar(d.name(loc), pairs[d.code][1], a.targets.get(d.code), pairs[d.code][0])
                              for d in dims], max_value=5, empty_text=_("No answers yet"),
                             title=_("%(after)s against %(before)s", after=after.name, before=before.name),
                             target_label=_("Target"), previous_label=before.name)
    depts = [view.names[d] for d in view.comparison.departments]
    return render_template("assessments/compare.html", before=before, after=after, cycles=visible, dims=dims,
                           chart=chart, depts=depts, view=view, loc=loc)


def _period(cycle: Cycle) -> tuple:
    """A cycle's place in history."""
    return comparison.period_key(cycle.opens_on, cycle.due_on, cycle.id)


def _table(view, loc) -> tuple[list[str], list[list]]:
    """Results as rows: one per department and dimension, plus the company rows."""
    header = [Column("department", _("Department")), Column("dimension", _("Dimension")), Column("score", _("Score")),
              Column("raw_score", _("Raw score")), Column("calibrated_score", _("Calibrated score")),
              Column("spread_sd", _("Spread (sd)")), Column("respondents", _("Respondents")),
              Column("target", _("Target")), Column("gap_to_target", _("Gap to target")), Column("level", _("Level")),
              Column("change_since_last_cycle", _("Change since last cycle"))]
    rows = []
    for dept in view.departments:
        res = view.result.departments.get(dept.id)
        for dim in view.dimensions:
            raw = res.raw[dim.code] if res else scoring.Spread(None, None, None, None, 0)
            score = res.scores.get(dim.code) if res else None
            change = view.change(dim.code, dept.id, places=EXPORT_PLACES)
            rows.append([dept.display_name(loc), dim.name(loc), _round(score), _round(raw.mean),
                         _round(res.calibrated.get(dim.code)) if res else None, _round(raw.sd), raw.n,
                         view.targets.get(dim.code), _round(scoring.gap_to_target(view.targets.get(dim.code), score)),
                         scoring.level_of(score), change.delta if change else None])
    for dim in view.dimensions:
        score = view.result.organisation.get(dim.code)
        change = view.change(dim.code, places=EXPORT_PLACES)
        rows.append([_("Company"), dim.name(loc), _round(score), None, None, _round(view.result.walls[dim.code].sd),
                     None, view.targets.get(dim.code), _round(view.result.target_gaps.get(dim.code)),
                     scoring.level_of(score), change.delta if change else None])
    return header, rows


EXPORT_PLACES = 2  # the export shows two decimals; its change is the difference of those


def _round(value):
    """Two decimals for exports; None stays empty."""
    return None if value is None else round(value, EXPORT_PLACES)


@bp.route("/<int:cycle_id>/results.<fmt>")
@require(can_view_assessments)
def export_results(cycle_id: int, fmt: str):
    """The results table as XLSX or CSV."""
    if fmt not in ("xlsx", "csv"):
        abort(404)
    cycle = db.get_or_404(Cycle, cycle_id)
    check(can_view_results(current_user, cycle))
    loc = queries.locale_code()
    header, rows = _table(results.load(cycle), loc)
    name = f"cxgov-results-{cycle.id}.{fmt}"
    return exports.response(fmt, name, cycle.name or "results", header, rows)
