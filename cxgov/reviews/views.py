"""Quarterly reviews: the list, planning a review, its page with the pack and the minutes, the agenda template."""
from __future__ import annotations

import threading
from collections.abc import Mapping

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cxgov import clock, paging
from cxgov.actions import queries as action_queries
from cxgov.actions.labels import STATUS_LABELS as ACTION_STATUSES
from cxgov.extensions import db
from cxgov.formtools import options, version_of
from cxgov.imports import listed
from cxgov.org import queries as org_queries
from cxgov.org.forms import ConfirmForm
from cxgov.permissions import (
    can_prepare_reviews,
    can_run_review,
    can_view_review_draft,
    can_view_reviews,
    check,
    require,
)
from cxgov.reviews import figures, operations, queries
from cxgov.reviews.forms import ActionForm, AgendaForm, DecisionForm, NotesForm, ReviewForm
from cxgov.reviews.labels import HANDOVER_LABELS, LIGHT_LABELS, SECTION_LABELS, STATE_LABELS
from cxgov.reviews.models import SECTIONS, Decision
from cxgov.reviews.pack import previous_quarter, quarter_of
from cxgov.targets.labels import STATUS_LABELS as TARGET_STATUSES
from cxgov.webtools import saved

bp = Blueprint("reviews", __name__, url_prefix="/reviews")


@bp.route("/")
@require(can_view_reviews)
def index():
    """Every quarter's review; drafts only for the people taking part."""
    items = [r for r in queries.reviews() if can_view_review_draft(current_user, r)]
    return render_template("reviews/index.html", reviews=items, states=STATE_LABELS,
                           can_prepare=can_prepare_reviews(current_user))


def _people_choices(form: ReviewForm, attending: list[int] = ()) -> list:
    """Chairs are executives. The check boxes list who usually attends (executives, the CX office, department
    leads) and whoever attends already; anyone else active is added by e-mail."""
    users = queries.active_users()
    form.chair_id.choices = options({u.id: u.name for u in queries.executives(users)})
    listed = set(queries.default_attendees(users)) | set(attending)
    form.attendee_ids.choices = options({u.id: u.name for u in users if u.id in listed})
    return users


def _attendees(form: ReviewForm) -> list[int] | None:
    """The ticked attendees and those named by e-mail; None, with the field's error, when an e-mail is nobody's."""
    others, unknown = queries.people_by_email(form.others.data)
    if unknown:
        form.others.errors = [*form.others.errors, _("Nobody active has the e-mail %(emails)s.",
                                                      emails=listed(unknown))]
        return None
    return list(dict.fromkeys([*form.attendee_ids.data, *others]))


@bp.route("/new", methods=["GET", "POST"])
@require(can_prepare_reviews)
def new():
    """Plan the review of a quarter; its pack is prepared at once."""
    form = ReviewForm()
    users = _people_choices(form)
    if request.method == "GET":
        form.year.data, form.quarter.data = previous_quarter(*quarter_of(clock.today()))
        form.chair_id.data = next((u.id for u in queries.executives(users)), None)
        form.attendee_ids.data = queries.default_attendees(users)
    if form.validate_on_submit() and (attendees := _attendees(form)) is not None:
        review = saved(lambda: operations.create_review(form.year.data, form.quarter.data, _review_data(form),
                                                        attendees, current_user, clock.today()), form)
        if review is not None:
            flash(_("The review of %(quarter)s is planned; its pack is ready.", quarter=review.label), "success")
            return redirect(url_for("reviews.show", review_id=review.id))
    return render_template("reviews/form.html", form=form, review=None)


def _review_data(form: ReviewForm) -> dict:
    """Form values as operation data."""
    return {"chair_id": form.chair_id.data, "meeting_on": form.meeting_on.data, "place": form.place.data or ""}


@bp.route("/<int:review_id>/edit", methods=["GET", "POST"])
@require(can_prepare_reviews)
def edit(review_id: int):
    """Change the chair, date, place or attendees before the meeting starts."""
    review = queries.load_review(review_id)
    form = ReviewForm(obj=review)
    _people_choices(form, [u.id for u in review.attendees])
    if request.method == "GET":
        form.attendee_ids.data = [u.id for u in review.attendees]
        form.version.data = review.version  # a re-shown form keeps the version it was loaded with
    del form.year, form.quarter  # the quarter itself never changes: the edit form neither shows nor reads it
    if form.validate_on_submit() and (attendees := _attendees(form)) is not None and saved(
            lambda: operations.update_review(review, _review_data(form), attendees,
                                             version_of(form.version), current_user), form,
            stale=_("Someone changed this review while you were editing; here is the newer version.")):
        flash(_("The review has been saved."), "success")
        return redirect(url_for("reviews.show", review_id=review.id))
    return render_template("reviews/form.html", form=form, review=review)


def _action_form(form_class=ActionForm, owners=None):
    """An action form with owners (`owners`, else every active person who may own one) and departments."""
    form = form_class(prefix="action" if form_class is ActionForm else "")
    loc = org_queries.locale_code()
    owners = action_queries.active_people() if owners is None else owners
    form.owner_id.choices = options({0: _("— choose the owner —")} | {u.id: u.name for u in owners})
    form.department_id.choices = options({0: _("— none —")} | {d.id: d.display_name(loc)
                                                                 for d in org_queries.departments()})
    return form


# A frozen pack never changes and a prepared one only when refreshed, yet a large company's is ~500 KB of JSON that
# took ~10 ms to parse on every view. Each process keeps the last few parsed, keyed by the text itself: a refreshed
# pack, whose text differs, is parsed afresh. Readers (the templates, figures) never change what they are given.
PARSED_PACKS = 8
_parsed: dict[str, dict] = {}
_parsing = threading.Lock()


def parsed_pack(review) -> dict:
    """The review's stored pack as plain data, parsed once per process and text."""
    text = review.pack_json or ""
    with _parsing:
        pack = _parsed.get(text)
    if pack is None:
        pack = review.pack
        with _parsing:
            _parsed[text] = pack
            while len(_parsed) > PARSED_PACKS:
                _parsed.pop(next(iter(_parsed)))
    return pack


def pack_context(review, loc: str, pages: Mapping | None = None) -> dict:
    """What the pack and the minutes need, for the page and the PDF alike.

    The PDF shows every department and every missed target; the page shows them a page at a time, at the pages
    `pages` asks for (the request's arguments: `page` for the departments, `missed` for the missed targets).
    """
    pack = parsed_pack(review)
    rows = _rows((pack.get("targets") or {}).get("rows", []), pages, "page")
    shown = {**pack, "targets": {**pack["targets"], "rows": rows.items}} if pack.get("targets") else pack
    return {"review": review, "pack": pack, "loc": loc, "figures": figures.all_charts(shown, loc),
            "target_rows": rows, "missed_rows": _rows(pack.get("missed_targets") or [], pages, "missed"),
            "sections": operations.settings().sections, "section_labels": SECTION_LABELS, "lights": LIGHT_LABELS,
            "handover_labels": HANDOVER_LABELS, "states": STATE_LABELS, "target_statuses": TARGET_STATUSES,
            "action_statuses": ACTION_STATUSES, "actions": queries.actions_by_decision(review.decisions),
            "today": clock.today()}


def _rows(items: list, pages: Mapping | None, param: str) -> paging.Window:
    """One page of a pack's list for the page, by its argument; all of it on one page without `pages` (the PDF)."""
    if pages is None:
        return paging.window(items, 1, per_page=max(1, len(items)))
    return paging.window(items, pages.get(param))


@bp.route("/<int:review_id>")
@require(can_view_reviews)
def show(review_id: int):
    """The review: its state, the pack (prepared before the meeting, frozen at its start), decisions and notes."""
    review = queries.load_review(review_id)
    check(can_view_review_draft(current_user, review))
    return render_review(review)


def render_review(review, decision_form=None):
    """The review page; a refused decision comes back in its form, typed text kept."""
    notes_form = NotesForm(obj=review)
    notes_form.version.data = review.version
    can_run = can_run_review(current_user, review)
    # The decision and action forms (and their owner lists) show only to who runs the meeting, during it.
    meeting = review.state == "in_meeting" and can_run
    owners = action_queries.active_people() if meeting else []
    return render_template(
        "reviews/review.html", **pack_context(review, org_queries.locale_code(), request.args),
        decision_form=decision_form or (_action_form(DecisionForm, owners) if meeting else None),
        action_form=_action_form(owners=owners) if meeting else None, notes_form=notes_form,
        confirm=ConfirmForm(), can_run=can_run,
        can_prepare=can_prepare_reviews(current_user), printing=False)


@bp.route("/decisions/<int:decision_id>")
@require(can_view_reviews)
def decision(decision_id: int):
    """Where an action's link leads: the decision in its review."""
    item = db.get_or_404(Decision, decision_id)
    check(can_view_review_draft(current_user, item.review))
    return redirect(url_for("reviews.show", review_id=item.review_id, _anchor=f"decision-{item.id}"))


@bp.route("/agenda", methods=["GET", "POST"])
@require(can_prepare_reviews)
def agenda():
    """The agenda template: which sections the pack shows, in which order."""
    conf = operations.settings()
    form = AgendaForm()
    if form.validate_on_submit() and saved(
            lambda: operations.save_agenda(_chosen_sections(request.form), version_of(form.version), current_user),
            stale=_("Someone changed the agenda while you were editing; here is the newer version.")):
        flash(_("The agenda template has been saved."), "success")
        return redirect(url_for("reviews.agenda"))
    form.version.data = conf.version
    chosen = conf.sections
    order = chosen + [key for key in SECTIONS if key not in chosen]
    return render_template("reviews/agenda.html", form=form, order=order, chosen=chosen, labels=SECTION_LABELS)


def _chosen_sections(values) -> list[str]:
    """Sections with a position, sorted by it (positions that are not whole numbers are ignored)."""
    positions = []
    for key in SECTIONS:
        raw = (values.get(f"pos_{key}") or "").strip()
        if values.get(f"on_{key}") and raw.isdecimal() and len(raw) < 10:  # not "²" (int() refuses it), nor 10**5000
            positions.append((int(raw), SECTIONS.index(key), key))
    return [key for _pos, _idx, key in sorted(positions)]


from cxgov.reviews import document_views, meeting_views  # noqa: E402,F401 - more routes on bp
