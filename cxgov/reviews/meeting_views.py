"""In and after the meeting: refresh the pack, start, record decisions and actions, keep notes, publish."""
from __future__ import annotations

from flask import redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cxgov import clock, webtools
from cxgov.extensions import db
from cxgov.formtools import version_of
from cxgov.org.forms import ConfirmForm
from cxgov.permissions import can_prepare_reviews, can_run_review, can_view_reviews, check, require
from cxgov.reviews import operations, queries
from cxgov.reviews.forms import DecisionForm, NotesForm
from cxgov.reviews.models import Decision
from cxgov.reviews.views import _action_form, bp, render_review
from cxgov.webtools import flash_errors


def _back(review_id: int, anchor: str | None = None):
    """Back to the review page (post/redirect/get)."""
    return redirect(url_for("reviews.show", review_id=review_id, _anchor=anchor))


def _attempt(change, success: str) -> bool:
    """Run a change; a stale one is told that the review changed."""
    return webtools.attempt(change, success, stale=_("Someone changed this review in the meantime; your change was "
                                                     "not saved. Here is the newer version."))


def _review_for_running(review_id: int):
    """Load a review and check that the user may run it."""
    review = queries.load_review(review_id)
    check(can_run_review(current_user, review))
    return review


@bp.route("/<int:review_id>/refresh", methods=["POST"])
@require(can_prepare_reviews)
def refresh(review_id: int):
    """Rebuild the pack from the latest data, before the meeting starts."""
    review = queries.load_review(review_id)
    if ConfirmForm().validate_on_submit():
        _attempt(lambda: operations.refresh_pack(review, clock.today(), current_user),
                 _("The pack has been rebuilt from the latest data."))
    return _back(review.id)


@bp.route("/<int:review_id>/start", methods=["POST"])
@require(can_view_reviews)
def start(review_id: int):
    """Start the meeting: the pack is frozen as it is now."""
    review = _review_for_running(review_id)
    if ConfirmForm().validate_on_submit():
        _attempt(lambda: operations.start_meeting(review, clock.today(), by=current_user),
                 _("The meeting has started; the pack is frozen."))
    return _back(review.id)


@bp.route("/<int:review_id>/decisions", methods=["POST"])
@require(can_view_reviews)
def add_decision(review_id: int):
    """Record a decision and, when given, its first action."""
    review = _review_for_running(review_id)
    form = _action_form(DecisionForm)
    if not form.validate_on_submit():
        flash_errors(form)
        return render_review(review, form)

    def change():
        item = operations.add_decision(review, form.text.data, current_user)
        if form.action_title.data or form.owner_id.data or form.due_on.data:
            operations.add_action(item, _action_data(form), current_user)

    if not _attempt(change, _("The decision has been recorded.")):
        return render_review(queries.load_review(review_id), form)  # the typed decision stays in the form
    return _back(review.id, "decisions")


def _action_data(form) -> dict:
    """An action form's values as operation data."""
    return {"title": form.action_title.data or "", "owner_id": form.owner_id.data or None,
            "department_id": form.department_id.data or None, "due_on": form.due_on.data, "description": ""}


@bp.route("/decisions/<int:decision_id>/actions", methods=["POST"])
@require(can_view_reviews)
def add_action(decision_id: int):
    """Another action for a decision: an owner and a due date not before the meeting."""
    item = db.get_or_404(Decision, decision_id)
    check(can_run_review(current_user, item.review))
    form = _action_form()
    if form.validate_on_submit():
        _attempt(lambda: operations.add_action(item, _action_data(form), current_user),
                 _("The action has been added to the tracker."))
    else:
        flash_errors(form)
    return _back(item.review_id, f"decision-{item.id}")


@bp.route("/decisions/<int:decision_id>/delete", methods=["POST"])
@require(can_view_reviews)
def delete_decision(decision_id: int):
    """Take back a decision recorded by mistake (one without actions)."""
    item = db.get_or_404(Decision, decision_id)
    review_id = item.review_id
    check(can_run_review(current_user, item.review))
    if ConfirmForm().validate_on_submit():
        _attempt(lambda: operations.remove_decision(item, current_user), _("The decision has been removed."))
    return _back(review_id, "decisions")


@bp.route("/<int:review_id>/notes", methods=["POST"])
@require(can_view_reviews)
def save_notes(review_id: int):
    """Keep the meeting's notes (refused on a stale version, never overwritten)."""
    review = _review_for_running(review_id)
    form = NotesForm()
    if form.validate_on_submit():
        _attempt(lambda: operations.save_notes(review, form.notes.data or "", version_of(form.version), current_user),
                 _("The notes have been saved."))
    return _back(review.id, "notes")


@bp.route("/<int:review_id>/publish", methods=["POST"])
@require(can_view_reviews)
def publish(review_id: int):
    """Publish the minutes; the review becomes read-only."""
    review = _review_for_running(review_id)
    if ConfirmForm().validate_on_submit():
        _attempt(lambda: operations.publish(review, current_user), _("The minutes have been published."))
    return _back(review.id)
