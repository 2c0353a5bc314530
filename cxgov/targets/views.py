"""Monthly targets: the month board, a target's page, drafting, updates, approval, the company grid."""
import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cxgov import clock, rules
from cxgov.actions import queries as action_queries
from cxgov.assessments.models import Dimension, Framework
from cxgov.errors import StaleEdit
from cxgov.extensions import db
from cxgov.formtools import options, version_of
from cxgov.org import queries as org_queries
from cxgov.org.forms import ConfirmForm
from cxgov.org.models import Department
from cxgov.permissions import (
    can_edit_department_targets,
    can_manage_targets,
    can_override_closed_month,
    can_update_target,
    can_view_targets,
    check,
    require,
)
from cxgov.rules import Refusal
from cxgov.targets import operations, progress
from cxgov.targets import status as st
from cxgov.targets.forms import CopyForm, ReviewForm, TargetForm, UpdateForm, WithdrawForm
from cxgov.targets.labels import STATUS_LABELS
from cxgov.targets.models import Target, TargetUpdate
from cxgov.webtools import attempt, flash_errors, show_refusal

bp = Blueprint("targets", __name__, url_prefix="/targets")

# The month board's cards and the company grid's rows, a page: fewer than the 25 rows of the other long pages, as
# a card holds a table of up to five targets and a grid row 18 cells.
DEPARTMENTS_PER_PAGE = 20


def _dimension_choices() -> dict:
    """Maturity dimensions of the newest framework, to link a target to."""
    framework = db.session.scalar(sa.select(Framework).order_by(Framework.id.desc()).limit(1))
    loc = org_queries.locale_code()
    dims = db.session.scalars(sa.select(Dimension).where(Dimension.framework_id == framework.id)
                              .order_by(Dimension.position)).all() if framework else []
    return {"": _("— none —")} | {d.code: d.name(loc) for d in dims}


def _target_form(target: Target | None) -> TargetForm:
    """The target form with departments the user may edit, owners and dimensions."""
    form = TargetForm(obj=target)
    loc = org_queries.locale_code()
    editable = [d for d in org_queries.departments() if can_edit_department_targets(current_user, d)]
    form.department_id.choices = options({d.id: d.display_name(loc) for d in editable})
    owners = action_queries.active_people()  # active people who may write: viewers never own a target
    form.owner_id.choices = options({0: _("— none —")} | {u.id: u.name for u in owners})
    form.dimension_code.choices = options(_dimension_choices())
    if target is None and request.method == "GET":
        form.department_id.data = request.args.get("department", type=int) or current_user.department_id
        form.month.data = request.args.get("month") or st.shift_month(st.month_of(clock.today()), 1)
        form.owner_id.data = current_user.id
        for field in ("title", "description"):
            if request.args.get(field):
                getattr(form, field).data = request.args[field][:4000]
    return form


def _data(form: TargetForm) -> dict:
    """Form values as operation data."""
    return {"title": form.title.data, "description": form.description.data or "", "kind": form.kind.data,
            "unit": form.unit.data or "", "direction": form.direction.data, "baseline": form.baseline.data,
            "target_value": form.target_value.data, "owner_id": form.owner_id.data or None,
            "dimension_code": form.dimension_code.data or None, "points": form.points.data,
            "evidence": form.evidence.data or ""}


@bp.route("/new", methods=["GET", "POST"])
@require(can_view_targets)
def new_target():
    """Draft a target for a department's month (leads in the drafting window, managers any time)."""
    form = _target_form(None)
    if not form.department_id.choices:
        abort(403)
    if form.validate_on_submit():
        department = db.get_or_404(Department, form.department_id.data)
        check(can_edit_department_targets(current_user, department))
        try:
            target = operations.add_target(department, form.month.data, _data(form), current_user, clock.today())
        except Refusal as error:
            db.session.rollback()
            show_refusal(error, form)
        else:
            db.session.commit()
            flash(_("Target “%(title)s” has been drafted for %(month)s.", title=target.title, month=target.month),
                  "success")
            return redirect(url_for("targets.index", month=target.month, department=department.id))
    return render_template("targets/form.html", form=form, target=None)


@bp.route("/<int:target_id>")
@require(can_view_targets)
def target(target_id: int):
    """A target: its measure, status, history of updates (withdrawn ones struck through), review, carry-over."""
    item = db.get_or_404(Target, target_id)
    status = operations.current_status(item, clock.today())
    closed = operations.is_closed(item.month)
    return render_template(
        "targets/target.html", t=item, status=status, statuses=STATUS_LABELS, closed=closed,
        may_edit=operations.edit_refusal(item, current_user, clock.today()) is None, chart=_history_chart(item),
        update_form=UpdateForm(on_date=clock.today()), review_form=ReviewForm(), copy_form=CopyForm(),
        withdraw_form=WithdrawForm(), progress=st.progress(operations.measure(item)),
        may_post=can_update_target(current_user, item) and (not closed or can_override_closed_month(current_user)),
        dimension_name=_dimension_choices().get(item.dimension_code or "", item.dimension_code),
        carried=db.session.scalars(sa.select(Target).where(Target.carried_from_id == item.id)).all())


def _history_chart(item: Target):
    """The values standing over the month (corrections in, withdrawn out), against the target."""
    from cxgov import charts

    standing = item.standing_updates
    if item.kind != "numeric" or not standing:
        return None
    labels = [u.on_date.strftime("%m-%d") for u in standing]
    series = [charts.Series(_("Actual"), [u.value for u in standing]),
              charts.Series(_("Target"), [item.target_value] * len(labels), color="#b3261e", dashed=True)]
    return charts.line_chart(labels, series, title=_("Progress"), value_format="{:.1f}", empty_text=_("No data"))


@bp.route("/<int:target_id>/edit", methods=["GET", "POST"])
@require(can_view_targets)
def edit_target(target_id: int):
    """Edit a target: leads in the window before approval, managers until the close, then executives."""
    item = db.get_or_404(Target, target_id)
    check(can_edit_department_targets(current_user, item.department))
    refusal = operations.edit_refusal(item, current_user, clock.today())
    if refusal is not None:
        flash(rules.word(refusal), "error")
        return redirect(url_for("targets.target", target_id=item.id))
    closed = operations.is_closed(item.month)
    form = _target_form(item)
    form.department_id.data, form.month.data = item.department_id, item.month
    if form.validate_on_submit():
        try:
            operations.edit_target(item, _data(form), current_user, clock.today(), version_of(form.version),
                                   form.override_reason.data if closed else None)
        except Refusal as error:
            db.session.rollback()
            show_refusal(error, form)
            return render_template("targets/form.html", form=form, target=item, closed=closed)
        except StaleEdit:
            db.session.rollback()
            fresh = db.session.get(Target, target_id)
            flash(_("Someone else saved this target after you opened it (title now “%(title)s”, target value "
                    "%(value)s). Their version is shown; make your change again.",
                    title=fresh.title, value=fresh.target_value if fresh.target_value is not None else "–"),
                  "error")
            return redirect(url_for("targets.edit_target", target_id=item.id))
        db.session.commit()
        flash(_("The target has been saved."), "success")
        return redirect(url_for("targets.target", target_id=item.id))
    return render_template("targets/form.html", form=form, target=item, closed=closed)


def _done(form: UpdateForm) -> bool | None:
    """The milestone state chosen, or None when none was."""
    return {"1": True, "0": False}.get(form.done.data)


@bp.route("/<int:target_id>/updates", methods=["POST"])
@require(can_view_targets)
def post_update(target_id: int):
    """Post progress (or, with `corrects`, correct an earlier update); the gate checks date, value and state."""
    item = db.get_or_404(Target, target_id)
    check(can_update_target(current_user, item))
    correcting = bool(request.form.get("corrects"))
    form = UpdateForm(prefix="fix" if correcting else "")  # a correction's fields are named apart on the page
    if not form.validate_on_submit():
        flash_errors(form)
        return redirect(url_for("targets.target", target_id=item.id))
    corrects = _update_of(item, request.form.get("corrects", type=int)) if correcting else None
    attempt(lambda: progress.post_update(item, form.on_date.data, form.value.data, _done(form), form.note.data or "",
                                         current_user, clock.today(), form.reason.data, corrects),
            _("Update corrected.") if corrects else _("Update recorded."))
    return redirect(url_for("targets.target", target_id=item.id))


def _update_of(item: Target, update_id: int | None) -> TargetUpdate:
    """One of the target's updates, or 404."""
    update = db.session.get(TargetUpdate, update_id) if update_id else None
    if update is None or update.target_id != item.id:
        abort(404)
    return update


@bp.route("/<int:target_id>/updates/<int:update_id>/withdraw", methods=["POST"])
@require(can_view_targets)
def withdraw_update(target_id: int, update_id: int):
    """Withdraw a wrong update with a reason; it stays in the history, struck through."""
    item = db.get_or_404(Target, target_id)
    check(can_update_target(current_user, item))
    update = _update_of(item, update_id)
    form = WithdrawForm()
    if form.validate_on_submit():
        attempt(lambda: progress.withdraw_update(update, current_user, clock.today(), form.reason.data or ""),
                _("Update withdrawn."))
    return redirect(url_for("targets.target", target_id=item.id))


@bp.route("/<int:target_id>/review", methods=["POST"])
@require(can_manage_targets)
def review(target_id: int):
    """Approve (button 'approve') or just comment on a target."""
    item = db.get_or_404(Target, target_id)
    form = ReviewForm()
    if form.validate_on_submit():
        if "approve" in request.form:
            attempt(lambda: operations.approve(item, current_user, form.comment.data or "", clock.today()),
                    _("Target approved."))
        else:
            attempt(lambda: operations.comment(item, form.comment.data or "", current_user, clock.today()),
                    _("Comment saved."))
    return redirect(url_for("targets.target", target_id=item.id))


@bp.route("/<int:target_id>/carry", methods=["POST"])
@require(can_view_targets)
def carry(target_id: int):
    """Carry a missed target into the next month, linked to the original (once)."""
    item = db.get_or_404(Target, target_id)
    check(can_edit_department_targets(current_user, item.department))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    carried = []
    if attempt(lambda: carried.append(operations.carry_over(item, current_user, clock.today())),
               _("Carried into %(month)s.", month=st.shift_month(item.month, 1))):
        return redirect(url_for("targets.target", target_id=carried[0].id))
    return redirect(url_for("targets.target", target_id=item.id))


@bp.route("/departments/<int:department_id>/copy", methods=["POST"])
@require(can_view_targets)
def copy_previous(department_id: int):
    """Start a department's month from a copy of last month's targets."""
    department = db.get_or_404(Department, department_id)
    check(can_edit_department_targets(current_user, department))
    form = CopyForm()
    if not form.validate_on_submit():
        flash(_("Choose the month to copy into."), "error")
        return redirect(url_for("targets.index", department=department.id))
    try:
        copies = operations.copy_previous_month(department, form.month.data, current_user, clock.today())
    except Refusal as error:
        db.session.rollback()
        flash(rules.word(error), "error")
    else:
        db.session.commit()
        flash(ngettext_copy(len(copies)), "success")
    return redirect(url_for("targets.index", month=form.month.data, department=department.id))


def ngettext_copy(count: int) -> str:
    """How many targets were copied."""
    from flask_babel import ngettext

    return ngettext("%(num)s target copied from last month as a draft.",
                    "%(num)s targets copied from last month as drafts.", count)


from cxgov.targets import board_views, report_views  # noqa: E402,F401 - the month board, the company grid, exports,
# imports, settings
