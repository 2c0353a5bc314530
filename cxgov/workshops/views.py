"""The workshop series: the year against HR's goal, creating and editing workshops, invitations and answers."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from cxgov import clock
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.formtools import options, version_of
from cxgov.models_base import utcnow
from cxgov.org import queries as org_queries
from cxgov.org.forms import ConfirmForm
from cxgov.org.models import Department
from cxgov.permissions import (
    can_manage_workshops,
    can_rsvp,
    can_view_workshops,
    check,
    require,
)
from cxgov.webtools import attempt, saved
from cxgov.workshops import labels, metrics, operations, queries, times
from cxgov.workshops.forms import COUNTS, GoalForm, InviteForm, ReasonForm, RsvpForm, WorkshopForm
from cxgov.workshops.models import Invitation, Workshop

bp = Blueprint("workshops", __name__, url_prefix="/workshops")


@bp.app_template_global()
def workshop_ideas_for_target(target_id: int):
    """The ideas that became a target (templates/workshops/_target_ideas.html, included by the target page)."""
    return queries.ideas_of_target(target_id)


@bp.route("/")
@require(can_view_workshops)
def index():
    """A year of the series, month by month against HR's goal, and what waits for me."""
    this_month = queries.this_month()
    year = request.args.get("year", type=int) or int(this_month[:4])
    if not 2000 <= year <= 2100:
        abort(404)
    months = times.months_between(f"{year}-01", f"{year}-12")
    workshops = queries.workshops_between(months[0], months[-1])
    rows = metrics.series(queries.facts(workshops), months, queries.goals())
    by_month: dict[str, list[Workshop]] = {}
    for workshop in workshops:
        by_month.setdefault(queries.month_of(workshop), []).append(workshop)
    past = [r for r in rows if r.month < this_month]
    return render_template(
        "workshops/index.html", year=year, rows=rows, by_month=by_month, this_month=this_month,
        summary=metrics.summarise(past), invitations=queries.my_open_invitations(current_user),
        feedback_due=queries.my_feedback_due(current_user), rsvp_form=RsvpForm(), status_of=queries.status_of,
        statuses=labels.STATUS_LABELS, methods=labels.METHOD_LABELS, rsvps=labels.RSVP_LABELS, local=queries.local)


def _workshop_form(workshop: Workshop | None) -> WorkshopForm:
    """The workshop form with facilitators, departments and people to choose from."""
    form = WorkshopForm(obj=workshop)
    loc = org_queries.locale_code()
    keep = {workshop.facilitator_id} if workshop and workshop.facilitator_id else set()
    people = queries.people_choices()
    facilitators = db.session.scalars(sa.select(User).where(sa.or_(User.id.in_(keep), User.active.is_(True)))
                                      .order_by(User.name)).all()
    form.facilitator_id.choices = options({u.id: u.name for u in facilitators if u.id in people or u.id in keep})
    form.department_ids.choices = options({d.id: d.display_name(loc) for d in org_queries.departments()})
    form.person_ids.choices = options(people)
    if request.method == "GET":
        if workshop is None:
            form.facilitator_id.data = current_user.id
            form.day.data = clock.today()
        else:
            starts, ends = queries.local(workshop.starts_at), queries.local(workshop.ends_at)
            form.day.data, form.start.data, form.end.data = starts.date(), starts.time(), ends.time()
    return form


def _data(form: WorkshopForm) -> dict:
    """Form values as operation data, times as stored UTC."""
    data = {name: getattr(form, name).data for name in ("title", "topic", "location", "online_url",
                                                         "facilitator_id", "method", "method_note",
                                                         "cocreator_notes", "capacity", *COUNTS)}
    data["starts_at"] = times.combine(form.day.data, form.start.data, queries.tz())
    data["ends_at"] = times.combine(form.day.data, form.end.data, queries.tz())
    data["method_note"] = data["method_note"] or ""
    return data


@bp.route("/new", methods=["GET", "POST"])
@require(can_manage_workshops)
def new_workshop():
    """Schedule a workshop and invite departments and people."""
    form = _workshop_form(None)
    if form.validate_on_submit():
        departments = db.session.scalars(sa.select(Department).where(Department.id.in_(form.department_ids.data)))
        people = db.session.scalars(sa.select(User).where(User.id.in_(form.person_ids.data or [])))
        workshop = saved(lambda: operations.create_workshop(_data(form), list(departments), list(people),
                                                            current_user), form)
        if workshop is not None:
            flash(ngettext("Workshop “%(title)s” has been scheduled; %(num)s person is invited.",
                           "Workshop “%(title)s” has been scheduled; %(num)s people are invited.",
                           len(workshop.invitations), title=workshop.title), "success")
            return redirect(url_for("workshops.workshop", workshop_id=workshop.id))
    return render_template("workshops/form.html", form=form, workshop=None)


@bp.route("/<int:workshop_id>/edit", methods=["GET", "POST"])
@require(can_manage_workshops)
def edit_workshop(workshop_id: int):
    """Change a workshop's details."""
    workshop = queries.load_workshop(workshop_id)
    form = _workshop_form(workshop)
    form.department_ids.data = form.department_ids.data or []
    if form.validate_on_submit() and saved(
            lambda: operations.update_workshop(workshop, _data(form), version_of(form.version), current_user), form,
            stale=_("Someone else saved this workshop after you opened it. Their version is shown; make your change "
                    "again.")):
        flash(_("The workshop has been saved."), "success")
        return redirect(url_for("workshops.workshop", workshop_id=workshop.id))
    return render_template("workshops/form.html", form=form, workshop=workshop)


@bp.route("/<int:workshop_id>")
@require(can_view_workshops)
def workshop(workshop_id: int):
    """A workshop: when and where, who is invited and came, its ideas and feedback."""
    item = queries.load_workshop(workshop_id)
    mine = next((i for i in item.invitations if i.user_id == current_user.id), None)
    attended = any(a.user_id == current_user.id for a in item.attendance)
    rated = any(f.user_id == current_user.id for f in item.feedback)
    rsvp_counts = {key: sum(1 for i in item.invitations if i.rsvp == key) for key in labels.RSVP_LABELS}
    scores = [metrics.IdeaScore(i.id, i.dot_votes, i.impact, i.effort) for i in item.ideas]
    order = {idea_id: n for n, idea_id in enumerate(metrics.rank(scores))}
    return render_template(
        "workshops/workshop.html", w=item, status=queries.status_of(item), mine=mine, attended=attended,
        rated=rated, rsvp_counts=rsvp_counts, rsvp_form=RsvpForm(), reason_form=ReasonForm(),
        ideas=sorted(item.ideas, key=lambda i: order[i.id]), ratings=metrics.ratings(f.rating for f in item.feedback),
        targets=queries.target_titles({i.target_id for i in item.ideas if i.target_id}),
        seats=max(len(item.attendance), operations.accepted_count(item)) + operations.guests(item),
        guests=operations.guests(item), local=queries.local, statuses=labels.STATUS_LABELS,
        methods=labels.METHOD_LABELS, rsvps=labels.RSVP_LABELS, kinds=labels.KIND_LABELS, stages=labels.STAGE_LABELS,
        quadrant=metrics.quadrant, quadrants=labels.QUADRANT_LABELS, decisions=labels.DECISION_LABELS,
        loc=org_queries.locale_code(), now=utcnow())


@bp.route("/<int:workshop_id>/cancel", methods=["POST"])
@require(can_manage_workshops)
def cancel(workshop_id: int):
    """Call a workshop off, with a reason."""
    workshop = queries.load_workshop(workshop_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        for error in form.reason.errors or [_("The form expired. Please submit it again.")]:
            flash(error, "error")
        return redirect(url_for("workshops.workshop", workshop_id=workshop.id))
    attempt(lambda: operations.cancel_workshop(workshop, form.reason.data, current_user),
            _("The workshop has been cancelled."))
    return redirect(url_for("workshops.workshop", workshop_id=workshop.id))


@bp.route("/<int:workshop_id>/invitations", methods=["GET", "POST"])
@require(can_manage_workshops)
def invitations(workshop_id: int):
    """Who is invited and their answers; invite more departments or people."""
    workshop = queries.load_workshop(workshop_id)
    loc = org_queries.locale_code()
    form = InviteForm()
    invited = {i.user_id for i in workshop.invitations}
    form.department_ids.choices = options({d.id: d.display_name(loc) for d in org_queries.departments()})
    form.person_ids.choices = options(queries.people_choices(exclude=invited))
    if form.validate_on_submit():
        departments = db.session.scalars(sa.select(Department).where(Department.id.in_(form.department_ids.data)))
        people = db.session.scalars(sa.select(User).where(User.id.in_(form.person_ids.data or [])))
        added = saved(lambda: operations.invite_departments(workshop, list(departments), current_user)
                      + operations.invite_people(workshop, list(people), current_user), form)
        if added is not None:
            flash(ngettext("%(num)s person has been invited.", "%(num)s people have been invited.", added), "success")
            return redirect(url_for("workshops.invitations", workshop_id=workshop.id))
    people = sorted(workshop.invitations, key=lambda i: (i.user.department.code if i.user.department else "~",
                                                         i.user.name))
    return render_template("workshops/invitations.html", w=workshop, form=form, people=people, confirm=ConfirmForm(),
                           rsvps=labels.RSVP_LABELS, seats=operations.accepted_count(workshop) +
                           operations.guests(workshop), local=queries.local)


@bp.route("/<int:workshop_id>/invitations/<int:invitation_id>/remove", methods=["POST"])
@require(can_manage_workshops)
def remove_invitation(workshop_id: int, invitation_id: int):
    """Withdraw one invitation."""
    invitation = db.get_or_404(Invitation, invitation_id)
    if invitation.workshop_id != workshop_id:
        abort(404)
    if ConfirmForm().validate_on_submit():
        attempt(lambda: operations.remove_invitation(invitation, current_user),
                _("The invitation has been withdrawn."))
    return redirect(url_for("workshops.invitations", workshop_id=workshop_id))


@bp.route("/<int:workshop_id>/rsvp", methods=["POST"])
@require(can_view_workshops)
def rsvp(workshop_id: int):
    """The invitee answers: coming or not, with a note."""
    invitation = db.session.scalar(sa.select(Invitation).where(Invitation.workshop_id == workshop_id,
                                                               Invitation.user_id == current_user.id))
    if invitation is None:
        db.get_or_404(Workshop, workshop_id)
        abort(403)
    check(can_rsvp(current_user, invitation))
    form = RsvpForm()
    if form.validate_on_submit():
        attempt(lambda: operations.answer_invitation(invitation, form.answer.data, form.note.data or "", current_user),
                _("Thank you: HR knows you will come.") if form.answer.data == "yes"
                else _("Thank you: HR knows you cannot come."))
    else:
        flash(_("Answer yes or no."), "error")
    if request.form.get("back") == "series":
        return redirect(url_for("workshops.index"))
    return redirect(url_for("workshops.workshop", workshop_id=workshop_id))


@bp.route("/goals", methods=["GET", "POST"])
@require(can_view_workshops)
def goals():
    """HR's goal for the series: workshops per month, from a month on."""
    form = GoalForm(from_month=queries.this_month())
    if request.method == "POST":
        check(can_manage_workshops(current_user))
        if form.validate_on_submit() and saved(
                lambda: operations.set_goal(form.from_month.data, form.per_month.data, form.note.data or "",
                                            current_user), form):
            flash(_("From %(month)s the goal is %(n)s workshops a month.", month=form.from_month.data,
                    n=form.per_month.data), "success")
            return redirect(url_for("workshops.goals"))
    return render_template("workshops/goals.html", form=form, goals=queries.goal_rows(), default=metrics.DEFAULT_GOAL)


from cxgov.workshops import attendance_views, culture_views, idea_views  # noqa: E402,F401 - routes on bp
