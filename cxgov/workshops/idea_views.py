"""Ideas from workshops: capture, the list, screening by dot votes or impact × effort, promotion to a target."""
from __future__ import annotations

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from cxgov.extensions import db
from cxgov.formtools import options, version_of
from cxgov.org import queries as org_queries
from cxgov.org.forms import ConfirmForm
from cxgov.permissions import (
    can_add_idea,
    can_edit_idea,
    can_manage_workshops,
    can_view_workshops,
    check,
    require,
)
from cxgov.webtools import attempt, paginated, saved
from cxgov.workshops import labels, metrics, operations, queries
from cxgov.workshops.forms import IdeaForm
from cxgov.workshops.models import IDEA_DECISIONS, IDEA_KINDS, STAGES, Idea, Workshop
from cxgov.workshops.views import bp

PAGE_SIZE = 50
LABELS = {"kinds": labels.KIND_LABELS, "stages": labels.STAGE_LABELS, "decisions": labels.DECISION_LABELS,
          "quadrants": labels.QUADRANT_LABELS}


@bp.app_template_global()
def target_url(target_id: int | None) -> str | None:
    """The target page's address, when the targets feature is installed."""
    if target_id and "targets.target" in current_app.view_functions:
        return url_for("targets.target", target_id=target_id)
    return None


def _idea_form(idea: Idea | None) -> IdeaForm:
    """The idea form with the departments to choose from."""
    form = IdeaForm(obj=idea)
    loc = org_queries.locale_code()
    keep = idea.department_id if idea else None
    choices = {d.id: d.display_name(loc) for d in org_queries.departments(include_archived=True)
               if not d.archived or d.id == keep}
    form.department_id.choices = options({0: _("— choose —")} | choices)
    return form


def _idea_data(form: IdeaForm) -> dict:
    """Form values as operation data."""
    return {"kind": form.kind.data, "title": form.title.data, "description": form.description.data or "",
            "stage": form.stage.data or "", "touchpoint": form.touchpoint.data or "",
            "department_id": form.department_id.data or None}


@bp.route("/ideas")
@require(can_view_workshops)
def ideas():
    """Every workshop idea, filtered by kind, department, stage, decision or promotion."""
    args = request.args
    query = sa.select(Idea).join(Workshop).options(selectinload(Idea.workshop), selectinload(Idea.department))
    if args.get("kind") in IDEA_KINDS:
        query = query.where(Idea.kind == args["kind"])
    if args.get("stage") in STAGES:
        query = query.where(Idea.stage == args["stage"])
    if args.get("decision") in IDEA_DECISIONS:
        query = query.where(Idea.decision == args["decision"])
    if args.get("department", type=int):
        query = query.where(Idea.department_id == args.get("department", type=int))
    if args.get("promoted") in ("yes", "no"):
        query = query.where(Idea.target_id.is_not(None) if args["promoted"] == "yes" else Idea.target_id.is_(None))
    if args.get("q"):
        like = f"%{args['q'].strip().lower()}%"
        query = query.where(sa.or_(sa.func.lower(Idea.title).like(like), sa.func.lower(Idea.touchpoint).like(like)))
    page = paginated(query.order_by(Workshop.starts_at.desc(), Idea.dot_votes.desc(), Idea.id), PAGE_SIZE)
    return render_template("workshops/ideas.html", page=page, departments=org_queries.departments(),
                           targets=queries.target_titles({i.target_id for i in page.items if i.target_id}),
                           quadrant=metrics.quadrant, local=queries.local, **LABELS)


@bp.route("/<int:workshop_id>/ideas/new", methods=["GET", "POST"])
@require(can_view_workshops)
def new_idea(workshop_id: int):
    """Record an idea, pain point or delight point of a workshop."""
    workshop = queries.load_workshop(workshop_id)
    check(can_add_idea(current_user, any(a.user_id == current_user.id for a in workshop.attendance)))
    form = _idea_form(None)
    if form.validate_on_submit():
        idea = saved(lambda: operations.add_idea(workshop, _idea_data(form), current_user), form)
        if idea is not None:
            flash(_("“%(title)s” has been recorded.", title=idea.title), "success")
            if "another" in request.form:
                return redirect(url_for("workshops.new_idea", workshop_id=workshop.id))
            return redirect(url_for("workshops.workshop", workshop_id=workshop.id) + "#ideas")
    return render_template("workshops/idea_form.html", form=form, w=workshop, idea=None, local=queries.local)


@bp.route("/ideas/<int:idea_id>")
@require(can_view_workshops)
def idea(idea_id: int):
    """One idea: where it came from, how it was screened, and the target it became."""
    item = db.get_or_404(Idea, idea_id)
    targets = queries.target_titles({item.target_id} if item.target_id else set())
    return render_template("workshops/idea.html", idea=item, w=item.workshop, target=targets.get(item.target_id),
                           confirm=ConfirmForm(), quadrant=metrics.quadrant, priority=metrics.priority,
                           local=queries.local, **LABELS)


@bp.route("/ideas/<int:idea_id>/edit", methods=["GET", "POST"])
@require(can_view_workshops)
def edit_idea(idea_id: int):
    """Change an idea's text and tags."""
    item = db.get_or_404(Idea, idea_id)
    check(can_edit_idea(current_user, item))
    form = _idea_form(item)
    if form.validate_on_submit() and saved(
            lambda: operations.update_idea(item, _idea_data(form), version_of(form.version), current_user), form,
            stale=_("Someone else saved this idea after you opened it. Their version is shown; make your change "
                    "again.")):
        flash(_("The idea has been saved."), "success")
        return redirect(url_for("workshops.idea", idea_id=item.id))
    return render_template("workshops/idea_form.html", form=form, w=item.workshop, idea=item, local=queries.local)


@bp.route("/ideas/<int:idea_id>/delete", methods=["POST"])
@require(can_manage_workshops)
def delete_idea(idea_id: int):
    """Remove an idea recorded by mistake."""
    item = db.get_or_404(Idea, idea_id)
    workshop_id = item.workshop_id
    if ConfirmForm().validate_on_submit() and not attempt(lambda: operations.delete_idea(item, current_user),
                                                          _("The idea has been deleted.")):
        return redirect(url_for("workshops.idea", idea_id=idea_id))
    return redirect(url_for("workshops.workshop", workshop_id=workshop_id) + "#ideas")


def _int_or_none(value: str, low: int, high: int) -> tuple[int | None, bool]:
    """(number, ok) of an optional whole number between low and high."""
    value = (value or "").strip()
    if not value:
        return None, True
    if not value.isdecimal() or len(value) > 9 or not low <= int(value) <= high:  # not "²", nor 10**5000
        return None, False
    return int(value), True


def _parse_scores(ideas_list: list[Idea]) -> tuple[dict[int, dict], dict[int, str]]:
    """Dot votes, impact, effort and decision per idea from the screening form, with errors per idea."""
    scores, errors = {}, {}
    for item in ideas_list:
        votes, votes_ok = _int_or_none(request.form.get(f"votes-{item.id}", ""), 0, 999)
        impact, impact_ok = _int_or_none(request.form.get(f"impact-{item.id}", ""), 1, 5)
        effort, effort_ok = _int_or_none(request.form.get(f"effort-{item.id}", ""), 1, 5)
        decision = request.form.get(f"decision-{item.id}", item.decision)
        if not votes_ok:
            errors[item.id] = _("Dot votes are a whole number from 0 to 999.")
        elif not (impact_ok and effort_ok):
            errors[item.id] = _("Impact and effort are scored from 1 to 5.")
        elif decision not in IDEA_DECISIONS:
            errors[item.id] = _("Choose a decision.")
        scores[item.id] = {"dot_votes": votes or 0, "impact": impact, "effort": effort, "decision": decision}
    return scores, errors


@bp.route("/<int:workshop_id>/screening", methods=["GET", "POST"])
@require(can_view_workshops)
def screening(workshop_id: int):
    """Screen a workshop's ideas: dot votes, impact × effort, shortlist or park."""
    workshop = queries.load_workshop(workshop_id)
    by = "matrix" if request.args.get("by") == "matrix" else "votes"
    errors: dict[int, str] = {}
    if request.method == "POST":
        check(can_manage_workshops(current_user))
        if not ConfirmForm().validate_on_submit():
            abort(400)
        scores, errors = _parse_scores(workshop.ideas)
        if not errors:
            changed = saved(lambda: operations.screen_ideas(workshop, scores, current_user))
            if changed is not None:
                flash(_("Screening saved (%(n)s ideas changed).", n=changed), "success")
                return redirect(url_for("workshops.screening", workshop_id=workshop.id, by=by))
        else:
            flash(_("Please correct the marked ideas. Nothing has been saved."), "error")
    order = metrics.rank([metrics.IdeaScore(i.id, i.dot_votes, i.impact, i.effort) for i in workshop.ideas], by)
    items = {i.id: i for i in workshop.ideas}
    ranked = [items[i] for i in order]
    grid = {q: [i for i in ranked if metrics.quadrant(i.impact, i.effort) == q] for q in metrics.QUADRANTS}
    return render_template("workshops/screening.html", w=workshop, ideas=ranked, grid=grid, by=by, errors=errors,
                           posted=request.form if errors else None, confirm=ConfirmForm(),
                           quadrant=metrics.quadrant, priority=metrics.priority, local=queries.local,
                           scale=labels.SCALE_LABELS, **LABELS)


from cxgov.workshops import promotion_views  # noqa: E402,F401 - the promotion routes on bp
