"""The virtual CX team: who holds which role today and who held it before; assignments."""
import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from cxgov import clock
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.formtools import options, version_of
from cxgov.org import queries as org_queries
from cxgov.org.models import Department
from cxgov.org.operations import check_version
from cxgov.permissions import can_manage_team, can_view_team, require
from cxgov.teams import labels, operations, queries, team_operations
from cxgov.teams.forms import AssignmentForm, EndAssignmentForm
from cxgov.teams.models import TeamAssignment, Term
from cxgov.webtools import saved

bp = Blueprint("teams", __name__, url_prefix="/team")


@bp.app_template_filter("term_label")
def term_label_filter(term) -> str:
    """“Q4 2026” and the like for a term."""
    return labels.term_label(term.plan.cadence, term.starts_on)


@bp.app_template_filter("team_role")
def team_role_filter(role: str) -> str:
    """A team role's translated name."""
    return str(labels.ROLE_LABELS.get(role, role))


@bp.app_context_processor
def rotation_helpers() -> dict:
    """`rotation_summary()` for the home page card (called only where a template uses it)."""
    return {"rotation_summary": queries.summary}


def _top_up() -> None:
    """Plan the next terms if time has moved on since the schedule was last written."""
    if operations.top_up(clock.today()):
        db.session.commit()


@bp.route("")
@require(can_view_team)
def team():
    """Today's sponsor, director, deputy, HR culture lead, champions and members, and who held roles before."""
    _top_up()
    today = clock.today()
    past_terms = db.session.scalars(sa.select(Term).where(Term.ends_on < today)
                                    .order_by(Term.starts_on.desc()).limit(6)).all()
    return render_template("teams/team.html", team=queries.team_on(today), departments=org_queries.departments(),
                           past_terms=past_terms, today=today, role_help=labels.ROLE_HELP,
                           days_left=queries.days_left, loc=org_queries.locale_code())


def _assignment_form() -> AssignmentForm:
    """The assignment form with people and departments to choose from."""
    form = AssignmentForm()
    people = db.session.scalars(sa.select(User).where(User.active.is_(True)).order_by(User.name)).all()
    form.user_id.choices = options({0: _("Choose a person"), **{u.id: f"{u.name} <{u.email}>" for u in people}})
    loc = org_queries.locale_code()
    form.department_id.choices = options({0: "—", **{d.id: d.display_name(loc) for d in org_queries.departments()}})
    if request.method == "GET":
        form.role.data = request.args.get("role", "champion")
        form.department_id.data = request.args.get("department_id", 0, type=int)
        form.starts_on.data = clock.today()
    return form


@bp.route("/assignments/new", methods=["GET", "POST"])
@require(can_manage_team)
def new_assignment():
    """Give someone a team role from a date (until a date, or open-ended)."""
    form = _assignment_form()
    if form.validate_on_submit():
        person = db.get_or_404(User, form.user_id.data)
        department = db.session.get(Department, form.department_id.data) if form.department_id.data else None
        if saved(lambda: team_operations.add_assignment(form.role.data, person, department, form.starts_on.data,
                                                        form.ends_on.data, form.note.data or ""), form) is None:
            return render_template("teams/assignment_form.html", form=form)
        flash(_("%(name)s is %(role)s from %(date)s.", name=person.name,
                role=labels.ROLE_LABELS[form.role.data], date=operations.day_text(form.starts_on.data)), "success")
        return redirect(url_for("teams.team"))
    return render_template("teams/assignment_form.html", form=form)


@bp.route("/assignments/<int:assignment_id>/end", methods=["GET", "POST"])
@require(can_manage_team)
def end_assignment(assignment_id: int):
    """End an assignment on a day, with a reason; it stays in the history."""
    assignment = db.get_or_404(TeamAssignment, assignment_id)
    form = EndAssignmentForm(obj=assignment)
    if request.method == "GET":
        form.ends_on.data = assignment.ends_on or clock.today()
    if form.validate_on_submit():
        if not saved(lambda: _end(assignment, form), form,
                     stale=_("Someone else changed this assignment after you opened it. Check it and try again.")):
            return render_template("teams/end_assignment.html", form=form, assignment=assignment)
        flash(_("The assignment ends on %(date)s.", date=operations.day_text(form.ends_on.data)), "success")
        return redirect(url_for("teams.team"))
    return render_template("teams/end_assignment.html", form=form, assignment=assignment)


def _end(assignment: TeamAssignment, form: EndAssignmentForm) -> TeamAssignment:
    """End the assignment the form read (a stale version is refused)."""
    check_version(assignment, version_of(form.version))
    team_operations.end_assignment(assignment, form.ends_on.data, form.reason.data)
    return assignment


from cxgov.teams import rotation_views  # noqa: E402,F401 - registers the rotation routes on bp
