"""Assessment cycles: list, create, respondents, states, answering."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from cxgov import clock, rules
from cxgov.assessments import answering, operations, results
from cxgov.assessments.forms import PERSPECTIVE_LABELS, ReasonForm, RespondentForm, cycle_form
from cxgov.assessments.labels import STATE_LABELS, transition_message
from cxgov.assessments.models import Cycle, CycleDepartment, Dimension, Framework, Respondent
from cxgov.auth.models import User
from cxgov.errors import StaleEdit
from cxgov.extensions import db
from cxgov.formtools import options, version_of
from cxgov.org import queries
from cxgov.org.forms import ConfirmForm
from cxgov.org.models import Department
from cxgov.org.operations import check_version
from cxgov.permissions import (
    VIEWER,
    can_answer,
    can_manage_assessments,
    can_view_assessments,
    can_view_cycle,
    can_view_department_answers,
    check,
    is_read_only,
    require,
)
from cxgov.rules import Invalid, Refusal
from cxgov.webtools import attempt

bp = Blueprint("assessments", __name__, url_prefix="/assessments")


def _load_cycle(cycle_id: int) -> Cycle:
    """A cycle with its departments and respondents, or 404."""
    cycle = db.session.scalar(sa.select(Cycle).where(Cycle.id == cycle_id).options(
        selectinload(Cycle.departments).selectinload(CycleDepartment.department),
        selectinload(Cycle.respondents).selectinload(Respondent.user),
        selectinload(Cycle.targets)))
    if cycle is None:
        abort(404)
    return cycle


@bp.route("/")
@require(can_view_assessments)
def index():
    """Cycles, newest first, and the questionnaires waiting for me."""
    query = sa.select(Cycle).options(selectinload(Cycle.framework)).order_by(Cycle.opens_on.desc(), Cycle.id.desc())
    if not can_manage_assessments(current_user) and current_user.has_role(VIEWER):
        query = query.where(Cycle.state == "published")
    cycles = db.session.scalars(query).all()
    mine = db.session.scalars(sa.select(Respondent).join(Cycle).where(
        Respondent.user_id == current_user.id, Cycle.state == "open").options(
        selectinload(Respondent.cycle), selectinload(Respondent.department))).all()
    progress = {}
    for respondent in mine:
        progress.update(results.progress(respondent.cycle))
    return render_template("assessments/index.html", cycles=cycles, mine=mine, progress=progress,
                           states=STATE_LABELS, loc=queries.locale_code())


def _cycle_form(cycle: Cycle | None, framework_id: int | None):
    """The cycle form for the chosen framework version, with targets per dimension."""
    frameworks = db.session.scalars(sa.select(Framework).order_by(Framework.key, Framework.version.desc())).all()
    if not frameworks:
        frameworks = [operations.ensure_default_framework()]
        db.session.commit()
    chosen = cycle.framework_id if cycle else (framework_id or frameworks[0].id)
    dimensions = db.session.scalars(sa.select(Dimension).where(Dimension.framework_id == chosen)
                                    .order_by(Dimension.position)).all()
    loc = queries.locale_code()
    form = cycle_form(dimensions, obj=cycle)
    form.framework_id.choices = options({f.id: f"{f.name(loc)} v{f.version}" for f in frameworks})
    depts = queries.departments()
    form.department_ids.choices = options({d.id: d.display_name(loc) for d in depts})
    if request.method == "GET":
        form.framework_id.data = chosen
        if cycle:
            form.department_ids.data = [cd.department_id for cd in cycle.departments]
            for target in cycle.targets:
                getattr(form, f"target_{target.dimension_id}").data = target.target
        else:
            form.department_ids.data = [d.id for d in depts]
    return form, dimensions


def _targets(form, dimensions) -> dict[int, float]:
    """The target level per dimension id from the form."""
    return {d.id: float(getattr(form, f"target_{d.id}").data) for d in dimensions}


@bp.route("/new", methods=["GET", "POST"])
@require(can_manage_assessments)
def new_cycle():
    """Create a draft cycle; respondents default to each department's lead and members."""
    form, dimensions = _cycle_form(None, request.values.get("framework_id", type=int))
    if form.validate_on_submit():
        framework = db.get_or_404(Framework, form.framework_id.data)
        departments = db.session.scalars(sa.select(Department).where(Department.id.in_(form.department_ids.data)))
        cycle = operations.create_cycle(form.name.data, framework, form.opens_on.data, form.due_on.data,
                                        list(departments), _targets(form, dimensions), current_user)
        db.session.commit()
        flash(_("Cycle “%(name)s” has been created as a draft. Check the respondents, then open it.",
                name=cycle.name), "success")
        return redirect(url_for("assessments.cycle", cycle_id=cycle.id))
    return render_template("assessments/cycle_form.html", form=form, dimensions=dimensions, cycle=None,
                           loc=queries.locale_code())


@bp.route("/<int:cycle_id>/edit", methods=["GET", "POST"])
@require(can_manage_assessments)
def edit_cycle(cycle_id: int):
    """Change a cycle's name, dates and targets (not once published)."""
    cycle = _load_cycle(cycle_id)
    if cycle.state == "published":
        flash(_("A published cycle changes only after it is reopened."), "error")
        return redirect(url_for("assessments.cycle", cycle_id=cycle.id))
    form, dimensions = _cycle_form(cycle, None)
    form.department_ids.validators = []
    form.department_ids.data = [cd.department_id for cd in cycle.departments]
    if form.validate_on_submit():
        try:
            check_version(cycle, version_of(form.version))
            operations.update_cycle(cycle, form.name.data, form.opens_on.data, form.due_on.data,
                                    _targets(form, dimensions))
        except StaleEdit:
            db.session.rollback()
            flash(_("Someone else saved this cycle after you opened it. Their version is shown; "
                    "make your change again."), "error")
            return redirect(url_for("assessments.edit_cycle", cycle_id=cycle.id))
        db.session.commit()
        flash(_("The cycle has been saved."), "success")
        return redirect(url_for("assessments.cycle", cycle_id=cycle.id))
    return render_template("assessments/cycle_form.html", form=form, dimensions=dimensions, cycle=cycle,
                           loc=queries.locale_code())


@bp.route("/<int:cycle_id>")
@require(can_view_assessments)
def cycle(cycle_id: int):
    """A cycle: state, dates, targets, who has answered (by department)."""
    cycle = _load_cycle(cycle_id)
    check(can_view_cycle(current_user, cycle))
    progress = results.progress(cycle)
    visible = [r for r in cycle.respondents if can_manage_assessments(current_user) or r.user_id == current_user.id
               or can_view_department_answers(current_user, cycle, r.department)]
    dims = {d.id: d for d in db.session.scalars(
        sa.select(Dimension).where(Dimension.framework_id == cycle.framework_id))}
    return render_template(
        "assessments/cycle.html", cycle=cycle, progress=progress, respondents=visible, states=STATE_LABELS,
        perspectives=PERSPECTIVE_LABELS, dims=dims, reason_form=ReasonForm(), confirm=ConfirmForm(),
        loc=queries.locale_code(), today=clock.today())


@bp.route("/<int:cycle_id>/state/<state>", methods=["POST"])
@require(can_manage_assessments)
def change_state(cycle_id: int, state: str):
    """Open, move to calibration, publish, or reopen (with a reason) a cycle."""
    cycle = _load_cycle(cycle_id)
    reopening = cycle.state == "published" and state == "open"
    form = ReasonForm() if reopening else ConfirmForm()
    if state in operations.TRANSITIONS.get(cycle.state, ()) and not form.validate_on_submit():
        for error in getattr(form, "reason", None).errors if reopening else []:
            flash(error, "error")
    else:
        reason = form.reason.data if reopening else None
        attempt(lambda: operations.move(cycle, state, reason), transition_message(state, reopening))
    return redirect(url_for("assessments.cycle", cycle_id=cycle.id))


@bp.route("/<int:cycle_id>/respondents", methods=["GET", "POST"])
@require(can_manage_assessments)
def respondents(cycle_id: int):
    """Add or remove respondents while the cycle is a draft or open."""
    cycle = _load_cycle(cycle_id)
    loc = queries.locale_code()
    form = RespondentForm()
    # Offered: people who can answer at all; anyone else posted by hand is refused by the one gate.
    users = db.session.scalars(sa.select(User).where(User.active.is_(True), User.department_id.is_not(None))
                               .order_by(User.name)).all()
    form.user_id.choices = options({u.id: f"{u.name} <{u.email}>" for u in users if not is_read_only(u)})
    form.department_id.choices = options({cd.department_id: cd.department.display_name(loc)
                                          for cd in cycle.departments})
    if cycle.state not in operations.CHANGING_RESPONDENTS:
        flash(rules.say("respondents_closed"), "error")
        return redirect(url_for("assessments.cycle", cycle_id=cycle.id))
    if form.validate_on_submit():
        person, dept = db.session.get(User, form.user_id.data), db.session.get(Department, form.department_id.data)
        if person is None:
            form.user_id.errors.append(_("Choose a person from the list."))
        elif dept is None:
            form.department_id.errors.append(_("Choose a department of this cycle."))
        elif attempt(lambda: operations.add_respondent(cycle, person, dept, form.perspective.data, current_user),
                   _("%(name)s will rate %(dept)s.", name=person.name, dept=dept.display_name(loc))):
            return redirect(url_for("assessments.respondents", cycle_id=cycle.id))
        cycle = _load_cycle(cycle_id)
    return render_template("assessments/respondents.html", cycle=cycle, form=form, confirm=ConfirmForm(),
                           perspectives=PERSPECTIVE_LABELS, progress=results.progress(cycle), loc=loc)


@bp.route("/<int:cycle_id>/respondents/<int:respondent_id>/remove", methods=["POST"])
@require(can_manage_assessments)
def remove_respondent(cycle_id: int, respondent_id: int):
    """Take someone off the cycle, with their answers."""
    cycle = _load_cycle(cycle_id)
    respondent = db.get_or_404(Respondent, respondent_id)
    if respondent.cycle_id != cycle.id:
        abort(404)
    if ConfirmForm().validate_on_submit():
        attempt(lambda: operations.remove_respondent(respondent, current_user), _("The respondent has been removed."))
    return redirect(url_for("assessments.respondents", cycle_id=cycle.id))


def _practices(cycle: Cycle) -> list[Dimension]:
    """The cycle's dimensions with their practices loaded."""
    return db.session.scalars(sa.select(Dimension).where(Dimension.framework_id == cycle.framework_id)
                              .options(selectinload(Dimension.practices)).order_by(Dimension.position)).all()


@bp.route("/<int:cycle_id>/answer/<int:respondent_id>", methods=["GET", "POST"])
@require(can_view_assessments)
def answer(cycle_id: int, respondent_id: int):
    """The questionnaire: practice by practice with the level descriptions; save a draft or submit."""
    respondent = db.get_or_404(Respondent, respondent_id)
    if respondent.cycle_id != cycle_id:
        abort(404)
    check(can_answer(current_user, respondent))
    cycle = respondent.cycle
    dimensions = _practices(cycle)
    practices = [p for d in dimensions for p in d.practices]
    existing = {a.practice_id: a for a in respondent.answers}
    errors: dict[int, str] = {}
    if request.method == "POST":
        if not ConfirmForm().validate_on_submit():
            abort(400)
        here = url_for("assessments.answer", cycle_id=cycle.id, respondent_id=respondent.id)
        if "revise" in request.form:
            attempt(lambda: operations.reopen_answers(respondent, current_user),
                    _("Your answers are open again; submit them once revised (until then they do not count)."))
            return redirect(here)
        submit = "submit" in request.form
        errors = _save(respondent, answering.parse_answers(request.form, practices), submit)
        if errors is None:
            return redirect(here)
        existing = {a.practice_id: a for a in respondent.answers}
    answered = sum(1 for a in existing.values() if a.level is not None or a.not_applicable)
    return render_template("assessments/answer.html", cycle=cycle, respondent=respondent, dimensions=dimensions,
                           existing=existing, errors=errors, form_values=request.form if errors else None,
                           answered=answered, total=len(practices), confirm=ConfirmForm(),
                           loc=queries.locale_code())


def _save(respondent: Respondent, parsed: dict, submit: bool) -> dict[int, str] | None:
    """Save (or submit) through the answer gate; the refusals by practice, or None once saved."""
    try:
        operations.save_answers(respondent, parsed, submit, current_user)
    except Invalid as error:
        db.session.rollback()
        flash(_("Please correct the marked practices. Nothing has been saved."), "error")
        return answering.practice_errors(rules.field_messages(error))
    except Refusal as error:
        db.session.rollback()
        flash(rules.word(error), "error")
        return None
    db.session.commit()
    flash(_("Your answers have been submitted. Thank you.") if submit else _("Draft saved."), "success")
    return None


@bp.route("/<int:cycle_id>/departments/<int:department_id>/answers")
@require(can_view_assessments)
def department_answers(cycle_id: int, department_id: int):
    """A department's answers, person by person, and who has not answered yet."""
    cycle = _load_cycle(cycle_id)
    dept = db.get_or_404(Department, department_id)
    check(can_view_department_answers(current_user, cycle, dept))
    people = [r for r in cycle.respondents if r.department_id == dept.id]
    answers = {(a.respondent_id, a.practice_id): a for r in people for a in r.answers}
    return render_template("assessments/department_answers.html", cycle=cycle, dept=dept, people=people,
                           answers=answers, dimensions=_practices(cycle), progress=results.progress(cycle),
                           perspectives=PERSPECTIVE_LABELS, loc=queries.locale_code())

