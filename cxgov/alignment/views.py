"""Annual alignment review pages: the years, a year's review, rating an area, the matrix, submit and sign-off."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cxgov import clock, webtools
from cxgov.actions.labels import STATUS_LABELS as ACTION_STATUSES
from cxgov.alignment import operations, queries
from cxgov.alignment.forms import CorrectiveActionForm, RatingForm, StartForm
from cxgov.alignment.labels import (
    AREA_LABELS,
    CELL_LABELS,
    CELL_SYMBOLS,
    CHANGE_LABELS,
    CHANGE_SYMBOLS,
    RATING_LABELS,
    STATE_LABELS,
    area_name,
)
from cxgov.bounds import whole
from cxgov.errors import StaleEdit
from cxgov.extensions import db
from cxgov.formtools import options, version_of
from cxgov.org import queries as org_queries
from cxgov.org.forms import ConfirmForm
from cxgov.org.operations import get_organisation
from cxgov.permissions import (
    can_edit_alignment,
    can_sign_off_alignment,
    can_start_alignment,
    can_view_alignment,
    check,
    require,
)
from cxgov.rules import Refusal, say
from cxgov.webtools import flash_errors, show_refusal

bp = Blueprint("alignment", __name__, url_prefix="/alignment")


@bp.context_processor
def alignment_labels() -> dict:
    """Labels and the area-name helper for the alignment templates."""
    return {"alignment_labels": {"states": STATE_LABELS, "ratings": RATING_LABELS, "cells": CELL_LABELS,
                                 "cell_symbols": CELL_SYMBOLS, "changes": CHANGE_LABELS,
                                 "change_symbols": CHANGE_SYMBOLS, "areas": AREA_LABELS,
                                 "action_statuses": ACTION_STATUSES},
            "area_name": area_name}


def may_write(review) -> bool:
    """Editors may write; after sign-off nobody may, but editors are told why by the operation, not a bare 403."""
    return can_edit_alignment(current_user, review) or (review.is_signed_off() and can_start_alignment(current_user))


def attempt(change, success: str) -> bool:
    """Run a change; a stale one is told that the review changed."""
    return webtools.attempt(change, success)


def back(year: int, anchor: str | None = None):
    """Back to the year's review (post/redirect/get)."""
    return redirect(url_for("alignment.show", year=year, _anchor=anchor))


@bp.route("/")
@require(can_view_alignment)
def index():
    """Every year's review with its state and counts; executives and the CX office start a new year."""
    items = queries.reviews()
    form = StartForm()
    years = {r.year for r in items}
    form.year.data = next(y for y in range(clock.today().year, clock.today().year + 100) if y not in years)
    return _index_page(items, form)


def _index_page(items, form):
    """The list of years, with the start form."""
    return render_template("alignment/index.html", reviews=items, form=form,
                           summaries={r.id: queries.review_summary(r) for r in items},
                           can_start=can_start_alignment(current_user))


@bp.route("/new", methods=["POST"])
@require(can_start_alignment)
def new():
    """Open a year's review with the brand promise and last year's attributes and areas."""
    form = StartForm()
    if not form.validate_on_submit():
        return _index_page(queries.reviews(), form)
    year = form.year.data
    if attempt(lambda: operations.start_review(year, current_user),
               _("The alignment review of %(year)s is open as a draft.", year=year)):
        return redirect(url_for("alignment.setup", year=year))
    return redirect(url_for("alignment.index"))


@bp.route("/<int:year>")
@require(can_view_alignment)
def show(year: int):
    """The review: intended experience, attributes, areas with ratings, change since last year, actions."""
    review = queries.load_review(year)
    last = queries.previous_review(year)
    changes = queries.area_changes(review, last)
    return render_template(
        "alignment/review.html", review=review, last=last, changes=changes,
        summary=queries.review_summary(review, changes), actions=queries.actions_by_area([a.id for a in review.areas]),
        org=get_organisation(), confirm=ConfirmForm(), can_edit=can_edit_alignment(current_user, review),
        can_sign_off=can_sign_off_alignment(current_user, review), today=clock.today())


def _rating_form(area, owner_keep: int | None = None) -> RatingForm:
    """The rating form with active people to choose as owner (keeping the current one)."""
    form = RatingForm(obj=area) if request.method == "GET" else RatingForm()
    form.owner_id.choices = options(org_queries.user_choices(_("— nobody yet —"), keep_id=owner_keep))
    return form


def _action_form() -> CorrectiveActionForm:
    """The corrective action form with owners and departments to choose from."""
    form = CorrectiveActionForm(prefix="action")
    form.owner_id.choices = options(org_queries.user_choices(_("— choose the owner —")))
    form.department_id.choices = options(org_queries.department_choices(_("— none —")))
    return form


@bp.route("/areas/<int:area_id>", methods=["GET", "POST"])
@require(can_view_alignment)
def area(area_id: int):
    """An area: rate it (rating, evidence, owner) and see or add its corrective actions."""
    item = queries.load_area(area_id)
    review, stale = item.review, None
    if request.method == "POST":
        check(may_write(review))
    form = _rating_form(item, item.owner_id)
    if form.validate_on_submit():
        data = {"rating": form.rating.data, "evidence": form.evidence.data, "owner_id": form.owner_id.data}
        try:
            operations.rate_area(item, data, version_of(form.version), current_user)
        except Refusal as error:  # not webtools.saved: a stale rating is shown beside the typed text, not reloaded
            db.session.rollback()
            show_refusal(error, form)
        except StaleEdit:
            db.session.rollback()
            item = stale = queries.load_area(area_id)
            review = item.review
            flash(_stale_message(stale), "error")
        else:
            db.session.commit()
            flash(_("%(area)s has been rated.", area=area_name(item)), "success")
            return back(review.year, f"area-{item.id}")
    form.version.data = item.version
    return _area_page(item, form, stale)


def _stale_message(fresh) -> str:
    """What someone else saved meanwhile, in words."""
    return _("Someone else rated this area after you opened it (now “%(rating)s”, owner %(owner)s). Their version "
             "is shown beside your text; save again to replace it.",
             rating=RATING_LABELS.get(fresh.rating, "—"), owner=fresh.owner.name if fresh.owner else "—")


def _area_page(item, form, stale=None):
    """Render an area's page."""
    review = item.review
    last = queries.previous_review(review.year)
    changes = queries.area_changes(review, last)
    return render_template(
        "alignment/area.html", area=item, review=review, form=form, stale=stale, last=last,
        change=changes[item.id], actions=queries.actions_by_area([item.id]).get(item.id, []),
        action_form=_action_form(), org=get_organisation(), can_edit=can_edit_alignment(current_user, review),
        today=clock.today())


@bp.route("/areas/<int:area_id>/actions", methods=["POST"])
@require(can_view_alignment)
def add_action(area_id: int):
    """A corrective action for an area, into the action tracker."""
    item = queries.load_area(area_id)
    check(may_write(item.review))
    form = _action_form()
    if form.validate_on_submit():
        data = {"title": form.title.data, "owner_id": form.owner_id.data or None,
                "department_id": form.department_id.data or None, "due_on": form.due_on.data, "description": ""}
        attempt(lambda: operations.add_corrective_action(item, data, current_user, clock.today()),
                _("The corrective action has been added to the tracker."))
    elif item.review.is_signed_off():
        flash(say("alignment_signed_off"), "error")
    else:
        flash_errors(form)
    return redirect(url_for("alignment.area", area_id=item.id, _anchor="actions"))


@bp.route("/<int:year>/matrix", methods=["GET", "POST"])
@require(can_view_alignment)
def matrix(year: int):
    """Areas × attributes: supports, neutral or conflicts, set in one form."""
    review = queries.load_review(year)
    form = ConfirmForm()
    if request.method == "POST":
        check(may_write(review))
        if form.validate_on_submit():
            values, loaded = _matrix_values(request.form, "cell"), _matrix_values(request.form, "was")
            attempt(lambda: operations.save_matrix(review, values, loaded, current_user),
                    _("The matrix has been saved."))
        return redirect(url_for("alignment.matrix", year=year))
    cells = {(c.area_id, c.attribute_id): c.value for a in review.areas for c in a.cells}
    return render_template("alignment/matrix.html", review=review, cells=cells, form=form,
                           summary=queries.review_summary(review), can_edit=can_edit_alignment(current_user, review))


def _matrix_values(values, prefix: str) -> dict[tuple[int, int], str]:
    """{(area id, attribute id): value} from fields named <prefix>-<area>-<attribute>."""
    cells = {}
    for name, value in values.items():
        parts = name.split("-")
        if len(parts) == 3 and parts[0] == prefix and None not in (ids := (whole(parts[1]), whole(parts[2]))):
            cells[ids] = value
    return cells


@bp.route("/<int:year>/submit", methods=["POST"])
@require(can_view_alignment)
def submit(year: int):
    """Draft → in review (every area rated)."""
    review = queries.load_review(year)
    check(may_write(review))
    if ConfirmForm().validate_on_submit():
        attempt(lambda: operations.submit(review, current_user),
                _("The review is now in review; an executive signs it off."))
    return back(year)


@bp.route("/<int:year>/send-back", methods=["POST"])
@require(can_view_alignment)
def send_back(year: int):
    """In review → draft, to change the experience, attributes or areas."""
    review = queries.load_review(year)
    check(may_write(review))
    if ConfirmForm().validate_on_submit():
        attempt(lambda: operations.send_back(review, current_user), _("The review is back in draft."))
    return back(year)


@bp.route("/<int:year>/sign-off", methods=["POST"])
@require(can_view_alignment)
def sign_off(year: int):
    """An executive signs off the review; it becomes read-only."""
    review = queries.load_review(year)
    check(can_sign_off_alignment(current_user, review) or may_write(review))
    if ConfirmForm().validate_on_submit():
        attempt(lambda: operations.sign_off(review, current_user),
                _("The alignment review of %(year)s is signed off.", year=year))
    return back(year)


from cxgov.alignment import setup_views  # noqa: E402,F401 - more routes on bp
