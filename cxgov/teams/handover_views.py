"""Handovers: the outgoing director writes notes and open actions; the next director acknowledges them."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cxgov import clock
from cxgov.extensions import db
from cxgov.formtools import version_of
from cxgov.org.operations import check_version
from cxgov.permissions import (
    can_acknowledge_handover,
    can_read_handover_draft,
    can_view_team,
    can_write_handover,
    check,
    require,
)
from cxgov.teams import queries, team_operations
from cxgov.teams.forms import AcknowledgeForm, HandoverForm
from cxgov.teams.models import Term
from cxgov.teams.views import bp
from cxgov.webtools import attempt, saved


def _handover_form(term: Term) -> HandoverForm:
    """The form, filled from the saved handover on first display."""
    form = HandoverForm()
    if request.method == "GET" and term.handover is not None:
        form.version.data = term.handover.version
        form.notes.data = term.handover.notes
        form.open_items.data = "\n".join(term.handover.open_items or [])
    return form


def _page(term: Term, next_term: Term | None, form: HandoverForm):
    """Render the handover page with what the reader may see and do."""
    today = clock.today()
    handover = term.handover
    return render_template(
        "teams/handover.html", term=term, next_term=next_term, handover=handover, form=form, today=today,
        ack_form=AcknowledgeForm(), may_write=_may_write(term, next_term),
        may_acknowledge=can_acknowledge_handover(current_user, handover, next_term, today),
        shows_content=handover is not None and (handover.submitted_at is not None
                                                or can_read_handover_draft(current_user, term, next_term)))


def _may_write(term: Term, next_term: Term | None) -> bool:
    """The term's director writes while the term runs, when the director changes afterwards."""
    changes = next_term is None or next_term.director_id != term.director_id
    return changes and can_write_handover(current_user, term, clock.today()) and not (
        term.handover is not None and term.handover.acknowledged_at is not None)


@bp.route("/rotation/terms/<int:term_id>/handover", methods=["GET", "POST"])
@require(can_view_team)
def handover(term_id: int):
    """A term's handover to the next director: read by everyone, written by the term's director."""
    term = db.get_or_404(Term, term_id)
    next_term = queries.term_after(term)
    form = _handover_form(term)
    if request.method == "POST":
        check(_may_write(term, next_term))
        if form.validate_on_submit():
            submit = "submit" in request.form
            if not saved(lambda: _save(term, form, submit), form,
                         stale=_("The handover was saved elsewhere after you opened it. Check it and try again.")):
                return _page(term, next_term, form)
            flash(_("The handover has been shared with the next director.") if submit
                  else _("Draft saved. Only you, the next director and the CX office can read it."), "success")
            return redirect(url_for("teams.handover", term_id=term.id))
    return _page(term, next_term, form)


@bp.route("/rotation/terms/<int:term_id>/handover/acknowledge", methods=["POST"])
@require(can_view_team)
def acknowledge(term_id: int):
    """The next director confirms they have read the handover and take over its open actions."""
    term = db.get_or_404(Term, term_id)
    next_term = queries.term_after(term)
    check(can_acknowledge_handover(current_user, term.handover, next_term, clock.today()))
    form = AcknowledgeForm()
    if form.validate_on_submit():  # a refusal (e.g. acknowledged twice at once) is said, never a 500
        attempt(lambda: team_operations.acknowledge_handover(term.handover, current_user, form.note.data or ""),
                _("Thank you: the handover is acknowledged and its open actions are yours."))
    return redirect(url_for("teams.handover", term_id=term.id))


def _save(term: Term, form: HandoverForm, submit: bool):
    """Save or submit the handover the form read (a stale version is refused)."""
    if term.handover is not None:
        check_version(term.handover, version_of(form.version))
    return team_operations.save_handover(term, form.notes.data or "", form.items(), submit, current_user)
