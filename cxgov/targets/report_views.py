"""The company view (departments × months, leaderboard), exports, imports and settings."""
import functools

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cxgov import charts, clock, exports, import_jobs, paging
from cxgov.errors import StaleEdit
from cxgov.extensions import db
from cxgov.formtools import version_of
from cxgov.permissions import can_import_targets, can_manage_targets, can_view_targets, require
from cxgov.rules import Refusal
from cxgov.targets import importing, operations, queries, rollup
from cxgov.targets import status as st
from cxgov.targets.forms import ImportForm, SettingsForm
from cxgov.targets.labels import STATUS_LABELS
from cxgov.targets.outcomes import Outcomes
from cxgov.targets.views import DEPARTMENTS_PER_PAGE, bp
from cxgov.webtools import show_refusal


def _months_of_year(year: int) -> list[str]:
    """The twelve months of a calendar year."""
    return [f"{year:04d}-{m:02d}" for m in range(1, 13)]


LEADERS, PEOPLE = 10, 10  # the company grid's leaderboards (by department, by person) show their top ten


@bp.route("/company")
@require(can_view_targets)
def company():
    """Every department's achievement month by month (a page of departments at a time), the company's row, the
    top of the points leaderboards by department and by person, streaks."""
    year = request.args.get("year", type=int) or clock.today().year
    if not 2000 <= year <= 2100:
        abort(404)
    months, today = _months_of_year(year), clock.today()
    current = st.month_of(today)
    outcomes = Outcomes([m for m in months if m <= current], today)
    leaders, in_use = outcomes.department_ranking(LEADERS)
    ids = queries.departments_in_use(in_use)
    page = paging.window(ids, request.args.get("page"), DEPARTMENTS_PER_PAGE)
    return render_template("targets/company.html", year=year, months=months, current=current, page=page,
                           **_page_rows(outcomes, page.items, months, leaders),
                           **_company_figures(outcomes.company, months), **_people(outcomes),
                           departments_total=len(ids), leaderboard=leaders, leaderboard_total=len(in_use),
                           heat=_per_value(charts.heat_color), heat_text=_per_value(charts.heat_text_color))


def _per_value(colour):
    """A cell colour worked out once per value on the page: the grid repeats a few rates hundreds of times."""
    return functools.lru_cache(maxsize=None)(colour)


def _page_rows(outcomes: Outcomes, ids: list[int], months: list[str], leaders: list) -> dict:
    """The page's departments: their grid, quarters, year and streaks; their targets not updated this month."""
    facts = outcomes.tally(("department", "month"), department_ids=ids)
    depts = queries.departments_by_id(ids + [d for d, _pts, _rate in leaders])
    current = st.month_of(clock.today())
    return {"departments": [depts[i] for i in ids], "depts": depts, "grid": rollup.grid(facts, ids, months),
            "quarters": rollup.by_period(facts, rollup.quarter_of), "yearly": rollup.by_period(facts, rollup.year_of),
            "streaks": rollup.streaks(facts, ids, outcomes.closed.among(months),
                                      operations.settings().min_per_department),
            "not_updated": queries.not_updated_in(current, ids) if current in months else [],
            "not_updated_total": queries.not_updated_count(current) if current in months else 0}


def _company_figures(facts: list, months: list[str]) -> dict:
    """The company's row, year total and chart, over every department."""
    rates = rollup.company_by_period(facts)
    chart = charts.line_chart([m[5:] for m in months], [charts.Series(_("Achievement rate (%)"), [
        (rates.get(m) * 100 if rates.get(m) is not None else None) for m in months])],
        min_value=0, max_value=100, title=_("Company achievement rate by month"), empty_text=_("No data"))
    return {"company_rates": rates, "company_quarters": rollup.company_by_period(facts, rollup.quarter_of),
            "year_total": rollup.achievement(facts), "open_months": rollup.open_months(facts), "chart": chart}


def _people(outcomes: Outcomes) -> dict:
    """The people with the most points (approved targets they own, achieved in closed months)."""
    ranked, total = outcomes.owner_ranking(PEOPLE)
    owners = queries.people([owner for owner, _pts, _won in ranked])
    return {"people": [(owners[o], pts, won) for o, pts, won in ranked], "people_total": total}


@bp.route("/export.<fmt>")
@require(can_view_targets)
def export(fmt: str):
    """The filtered list (month or year, department, status) as XLSX or CSV."""
    if fmt not in ("xlsx", "csv"):
        abort(404)
    month, year = request.args.get("month"), request.args.get("year", type=int)
    months = [month] if month else (_months_of_year(year) if year else None)
    today = clock.today()
    items = queries.with_status(queries.targets(months=months, department_id=request.args.get("department", type=int)),
                                today)
    if request.args.get("status") in STATUS_LABELS:
        items = [(t, s) for t, s in items if s == request.args["status"]]
    name = f"cxgov-targets-{month or year or 'all'}.{fmt}"
    return exports.response(fmt, name, "targets", importing.export_columns(),
                            [importing.export_row(t, s, rollup.points([fact]))
                             for (t, s), fact in zip(items, queries.facts(items, today), strict=True)])


@bp.route("/import", methods=["GET", "POST"])
@require(can_import_targets)
def import_targets():
    """Import a month's targets: every row checked, all created or none."""
    form = ImportForm()
    result = None
    if form.validate_on_submit():
        done, result = import_jobs.submit("targets", form.file.data)
        if done is not None:
            return done
    return render_template("targets/import.html", form=form, result=result, columns=importing.COLUMNS)


@bp.route("/template.csv")
@require(can_import_targets)
def template():
    """A sample import file."""
    month = st.shift_month(st.month_of(clock.today()), 1)
    return exports.response("csv", "targets.csv", "targets", importing.export_columns()[:len(importing.COLUMNS)],
                            [importing.example_row(month)])


@bp.route("/settings", methods=["GET", "POST"])
@require(can_manage_targets)
def settings():
    """Limits, drafting window, close day and points scale; a change that closes or reopens months asks first."""
    current = operations.settings()  # the defaults until someone saves: reading writes nothing
    form = SettingsForm(obj=current)
    effects = None
    if form.validate_on_submit():
        data = {key: getattr(form, key).data for key in operations.SETTINGS_FIELDS}
        data["points_allowed"] = data["points_allowed"] or ""
        try:
            operations.save_settings(data, current_user, clock.today(), version_of(form.version),
                                     form.confirm.data or None)
        except Refusal as error:
            db.session.rollback()
            if error.code != "confirm_month_changes":
                show_refusal(error, form)
            else:  # say which months, and let a second submit confirm exactly those
                effects, form.confirm.data = error.params, error.params["token"]
        except StaleEdit:
            db.session.rollback()
            flash(_("Someone else saved the settings after you opened them. Their version is shown."), "error")
            return redirect(url_for("targets.settings"))
        else:
            db.session.commit()
            flash(_("Settings saved."), "success")
            return redirect(url_for("targets.settings"))
    return render_template("targets/settings.html", form=form, effects=effects)
