"""The rotation of the project director: plan and pool, leave, the schedule, term changes, calendar."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cxgov import clock
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.formtools import options, version_of
from cxgov.org import queries as org_queries
from cxgov.org.forms import ConfirmForm
from cxgov.org.models import Department
from cxgov.org.operations import check_version
from cxgov.permissions import EXECUTIVE, can_manage_team, can_view_team, require
from cxgov.teams import ics, labels, operations, queries, rotation, spread
from cxgov.teams.forms import LeaveForm, PlanForm, TermChangeForm, parse_pool
from cxgov.teams.models import LeavePeriod, RotationPlan, Term
from cxgov.teams.views import _top_up, bp
from cxgov.urls import host_name
from cxgov.webtools import attempt, saved


@bp.route("/rotation")
@require(can_view_team)
def rotation_page():
    """The schedule, past and planned, with skips, swaps and handovers; the pool and leave periods."""
    _top_up()
    today = clock.today()
    plan = queries.active_plan()
    terms = queries.all_terms()
    by_start = {t.starts_on: t for t in terms}
    pool = [m.user_id for m in queries.pool_of(plan)] if plan else []
    people = _people({pid for t in terms for pid in (t.skipped or [])} | {t.director_id for t in terms} | set(pool))
    facts = [spread.TermFact(t.director_id, t.starts_on, t.ends_on, tuple(t.skipped or ())) for t in terms]
    fair = spread.spread(facts, pool, {u.id: u.department_id for u in people.values()}, today)
    return render_template(
        "teams/rotation.html", plan=plan, terms=terms, today=today, people=people, spread=fair,
        departments=_departments({share.key for share in fair.departments}),
        next_of={t.id: by_start.get(t.ends_on + timedelta(days=1)) for t in terms},
        summary=queries.summary(today), pool=queries.pool_of(plan) if plan else [],
        left=[m for m in plan.pool if m.left_on] if plan else [], leaves=queries.leaves(),
        cadences=labels.CADENCE_LABELS, confirm=ConfirmForm())


def _people(ids: set[int | None]) -> dict[int, User]:
    """Users by id, in one query."""
    ids.discard(None)
    return {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(ids)))} if ids else {}


def _departments(ids: set[int | None]) -> dict[int, Department]:
    """Departments by id, in one query."""
    ids.discard(None)
    return {d.id: d for d in db.session.scalars(sa.select(Department).where(Department.id.in_(ids)))} if ids else {}


def _candidates(plan: RotationPlan | None) -> tuple[list[User], list[User], dict[int, int]]:
    """(people listed first, everyone else, {ticked id: order}): the plan's pool, else the department leads."""
    leads = []
    for dept in org_queries.departments():
        if dept.lead is not None and dept.lead.active and dept.lead not in leads:
            leads.append(dept.lead)
    if plan is not None:
        pool = [m.user for m in queries.pool_of(plan) if m.user.active]
        first = pool + [u for u in leads if u not in pool]
        ticked = {u.id: i + 1 for i, u in enumerate(pool)}
    else:
        first = leads
        chosen = [u for u in leads if not u.has_role(EXECUTIVE)]  # the CEO sponsors; the others rotate
        ticked = {u.id: i + 1 for i, u in enumerate(chosen)}
    listed = {u.id for u in first}
    rest = db.session.scalars(sa.select(User).where(User.active.is_(True), User.id.not_in(listed or {0}))
                              .order_by(User.name)).all()
    return first, list(rest), ticked


def _chosen_people(first: list[User], rest: list[User]) -> list[User]:
    """The pool as ticked and ordered on the form."""
    everyone = {u.id: u for u in first + rest}
    return [everyone[pid] for pid in parse_pool(request.form, list(everyone))]


def _plan_page(form: PlanForm, plan: RotationPlan | None, first, rest, ticked, status: int = 200):
    """Render the plan form, keeping what was ticked on a refused submission."""
    if request.method == "POST":
        ticked = {pid: request.form.get(f"order-{pid}", "") for pid in [u.id for u in first + rest]
                  if request.form.get(f"pool-{pid}")}
    return render_template("teams/plan_form.html", form=form, plan=plan, first=first, rest=rest, ticked=ticked,
                           current=queries.active_plan(), cadences=labels.CADENCE_LABELS), status


@bp.route("/rotation/new", methods=["GET", "POST"])
@require(can_manage_team)
def new_plan():
    """Create the rotation plan, or a new one that takes over from the current plan."""
    today = clock.today()
    form = PlanForm()
    first, rest, ticked = _candidates(None)
    if request.method == "GET":
        form.name.data = _("Project director rotation")
        form.starts_on.data = operations.next_start(today)
    if form.validate_on_submit():
        plan = saved(lambda: operations.create_plan(form.name.data, form.cadence.data, form.starts_on.data,
                                                    _chosen_people(first, rest), today, current_user), form)
        if plan is None:
            return _plan_page(form, None, first, rest, ticked)
        flash(_("The rotation plan “%(name)s” starts on %(date)s. Its terms are planned below.", name=plan.name,
                date=operations.day_text(plan.starts_on)), "success")
        return redirect(url_for("teams.rotation_page"))
    return _plan_page(form, None, first, rest, ticked)


@bp.route("/rotation/<int:plan_id>/edit", methods=["GET", "POST"])
@require(can_manage_team)
def edit_plan(plan_id: int):
    """Rename the plan and change its pool: who is in it and in which order."""
    plan = db.get_or_404(RotationPlan, plan_id)
    if plan.ends_on is not None:
        flash(_("This plan has been replaced by a newer one and no longer changes."), "error")
        return redirect(url_for("teams.rotation_page"))
    form = PlanForm(obj=plan)
    form.cadence.validators, form.starts_on.validators = [], []
    first, rest, ticked = _candidates(plan)
    if form.validate_on_submit():
        if not saved(lambda: _update_pool(plan, form, _chosen_people(first, rest)), form,
                     stale=_("Someone else changed the plan after you opened it. Check it and try again.")):
            return _plan_page(form, plan, first, rest, ticked)
        flash(_("The pool has been saved; the planned terms follow it."), "success")
        return redirect(url_for("teams.rotation_page"))
    return _plan_page(form, plan, first, rest, ticked)


@bp.route("/rotation/<int:plan_id>/delete", methods=["POST"])
@require(can_manage_team)
def delete_plan(plan_id: int):
    """Delete a plan that has not started yet."""
    plan = db.get_or_404(RotationPlan, plan_id)
    if ConfirmForm().validate_on_submit():
        attempt(lambda: operations.delete_plan(plan, clock.today()), _("The plan has been deleted."))
    return redirect(url_for("teams.rotation_page"))


def _leave_form() -> LeaveForm:
    """The leave form: people in the pool first."""
    form = LeaveForm()
    plan = queries.active_plan()
    pool = [m.user for m in queries.pool_of(plan) if m.user.active] if plan else []
    others = db.session.scalars(sa.select(User).where(User.active.is_(True)).order_by(User.name)).all()
    form.user_id.choices = {
        str(_("In the rotation pool")): options({u.id: u.name for u in pool}),
        str(_("Everyone else")): options({u.id: u.name for u in others if u not in pool}),
    }
    return form


@bp.route("/rotation/leave/new", methods=["GET", "POST"])
@require(can_manage_team)
def new_leave():
    """Record a long absence; the terms it touches are rescheduled."""
    form = _leave_form()
    if form.validate_on_submit():
        person = db.get_or_404(User, form.user_id.data)
        if saved(lambda: operations.add_leave(person, form.starts_on.data, form.ends_on.data, form.note.data or "",
                                              clock.today()), form) is None:
            return render_template("teams/leave_form.html", form=form)
        flash(_("Leave recorded for %(name)s; the planned terms have been rescheduled.", name=person.name),
              "success")
        return redirect(url_for("teams.rotation_page"))
    return render_template("teams/leave_form.html", form=form)


@bp.route("/rotation/leave/<int:leave_id>/delete", methods=["POST"])
@require(can_manage_team)
def delete_leave(leave_id: int):
    """Remove a leave period; the planned terms are rescheduled."""
    leave = db.get_or_404(LeavePeriod, leave_id)
    if ConfirmForm().validate_on_submit():
        attempt(lambda: operations.delete_leave(leave, clock.today()),
                _("The leave has been removed; the planned terms have been rescheduled."))
    return redirect(url_for("teams.rotation_page"))


def _change_form(term: Term) -> TermChangeForm:
    """The change form with the pool (away people marked) and the other planned terms."""
    form = TermChangeForm(obj=term)
    spec = operations.scheduler_plan(term.plan)
    free = set(rotation.available_people(spec, term.number))
    people = _people(set(spec.pool))
    form.person_id.choices = options({0: _("Choose a person"), **{
        pid: people[pid].name if pid in free else _("%(name)s — on leave", name=people[pid].name)
        for pid in spec.pool if pid != term.director_id}})
    others = [t for t in term.plan.terms if t.starts_on > clock.today() and t.id != term.id]
    form.other_term_id.choices = options({0: _("Choose a term"), **{
        t.id: f"{labels.term_label(t.plan.cadence, t.starts_on)} — {t.director.name if t.director else _('vacant')}"
        for t in others}})
    return form


@bp.route("/rotation/terms/<int:term_id>/change", methods=["GET", "POST"])
@require(can_manage_team)
def change_term(term_id: int):
    """Reassign a planned term, or swap it with another planned term, with a reason."""
    term = db.get_or_404(Term, term_id)
    if term.starts_on <= clock.today():
        flash(_("%(term)s has already started; only planned terms can change.",
                term=labels.term_label(term.plan.cadence, term.starts_on)), "error")
        return redirect(url_for("teams.rotation_page"))
    form = _change_form(term)
    if form.validate_on_submit():
        if not saved(lambda: _apply_change(term, form), form,
                     stale=_("The schedule changed after you opened this page. Check the term and try again.")):
            return render_template("teams/term_change.html", form=form, term=term)
        flash(_("The term has been changed; the reason is in the audit trail."), "success")
        return redirect(url_for("teams.rotation_page"))
    return render_template("teams/term_change.html", form=form, term=term)


def _apply_change(term: Term, form: TermChangeForm) -> Term:
    """Call the operation the form asks for, on the version of the term the form read."""
    check_version(term, version_of(form.version))
    if form.mode.data == "swap":
        other = db.get_or_404(Term, form.other_term_id.data)
        operations.swap_terms(term, other, form.reason.data, clock.today())
    else:
        operations.reassign_term(term, db.get_or_404(User, form.person_id.data), form.reason.data, clock.today())
    return term


def _update_pool(plan: RotationPlan, form: PlanForm, people: list[User]) -> RotationPlan:
    """Rename the plan and set its pool, on the version of the plan the form read."""
    check_version(plan, version_of(form.version))
    operations.update_pool(plan, form.name.data, people, clock.today())
    return plan


@bp.route("/rotation.ics")
@require(can_view_team)
def calendar():
    """Every term as an all-day event, to import into a calendar app."""
    terms = queries.all_terms()
    if not terms:
        abort(404)
    # The UIDs' host and the link come from CXGOV_BASE_URL, never from the request's Host header.
    body = ics.rotation_ics(terms, host_name(), url_for("teams.rotation_page", _external=True))
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": "attachment; filename=cx-rotation.ics"})


from cxgov.teams import handover_views  # noqa: E402,F401 - registers the handover routes on bp
