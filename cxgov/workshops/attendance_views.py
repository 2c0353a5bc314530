"""Taking attendance on one screen, the printable sign-in sheet, the calendar file and attendees' feedback."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from cxgov import urls
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org import queries as org_queries
from cxgov.org.forms import ConfirmForm
from cxgov.permissions import can_manage_workshops, can_take_part, can_view_workshops, require
from cxgov.reports import documents as rendering
from cxgov.reports import pdf
from cxgov.rules import Refusal, word
from cxgov.webtools import saved
from cxgov.workshops import documents, labels, operations, queries
from cxgov.workshops.forms import FeedbackForm
from cxgov.workshops.models import Workshop
from cxgov.workshops.views import bp


def _ids(values) -> set[int]:
    """The whole numbers among posted values (anything else is ignored)."""
    return {int(v) for v in values if str(v).isdecimal() and len(str(v)) < 10}  # not "²", nor past any id


def _sort_key(user: User) -> tuple:
    """By department code, then name: how people sit on a sign-in sheet."""
    return (user.department.code if user.department else "~", user.name)


def _rows(workshop: Workshop) -> list[dict]:
    """One row per invitee and per walk-in already recorded."""
    present = {a.user_id: a for a in workshop.attendance}
    rows = [{"user": i.user, "rsvp": i.rsvp, "walk_in": False} for i in workshop.invitations]
    rows += [{"user": a.user, "rsvp": None, "walk_in": True} for a in workshop.attendance if a.walk_in]
    for row in rows:
        row["present"] = row["user"].id in present
    return sorted(rows, key=lambda r: _sort_key(r["user"]))


def _posted(workshop: Workshop) -> tuple[set[int], set[int]]:
    """(present, walk-ins) from the attendance form; "all" marks every invitee and recorded walk-in."""
    walk_ins = _ids(request.form.getlist("walk_in"))
    if "all" in request.form:
        present = {i.user_id for i in workshop.invitations} | {a.user_id for a in workshop.attendance}
    else:
        present = _ids(request.form.getlist("present"))
    added = _ids([request.form.get("add_person", "")])
    if added:
        present |= added
        if request.form.get("add_walk_in"):
            walk_ins |= added
    return present, walk_ins


@bp.route("/<int:workshop_id>/attendance", methods=["GET", "POST"])
@require(can_manage_workshops)
def attendance(workshop_id: int):
    """Tick who is there (search, select all), add walk-ins; the list is saved as a whole."""
    workshop = queries.load_workshop(workshop_id)
    rows, problems = _rows(workshop), []
    if request.method == "POST":
        if not ConfirmForm().validate_on_submit():
            flash(_("The form expired. Please submit it again."), "error")
            return redirect(url_for("workshops.attendance", workshop_id=workshop.id))
        present, walk_ins = _posted(workshop)
        people = {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(present)))}
        present &= set(people)
        try:
            added, removed = operations.record_attendance(workshop, present, walk_ins, current_user,
                                                          {uid: u.name for uid, u in people.items()})
        except Refusal as error:  # the list stays as ticked, the problems above it
            db.session.rollback()
            problems = [word(error)]
            for row in rows:
                row["present"] = row["user"].id in present
        else:
            db.session.commit()
            flash(_("Attendance saved: %(n)s present (%(added)s added, %(removed)s removed).",
                    n=len(present), added=added, removed=removed), "success")
            return redirect(url_for("workshops.attendance", workshop_id=workshop.id))
    listed = {r["user"].id for r in rows}
    return render_template(
        "workshops/attendance.html", w=workshop, rows=rows, problems=problems, confirm=ConfirmForm(),
        others=queries.people_choices(exclude=listed), rsvps=labels.RSVP_LABELS, guests=operations.guests(workshop),
        present_count=sum(1 for r in rows if r["present"]), local=queries.local,
        opens=workshop.starts_at - operations.ATTENDANCE_OPENS_BEFORE, now=utcnow())


@bp.route("/<int:workshop_id>/sign-in-sheet.pdf")
@require(can_manage_workshops)
def sign_in_sheet(workshop_id: int):
    """A printable A4 sign-in sheet: invitees by department, with blank rows for walk-ins."""
    workshop = queries.load_workshop(workshop_id)
    rows = _rows(workshop)
    html = render_template("workshops/sign_in_sheet.html", w=workshop, rows=rows, blanks=max(8, 20 - len(rows) % 20),
                           local=queries.local, methods=labels.METHOD_LABELS, printed_at=pdf.printed_at)
    return rendering.deliver(html, str(get_locale() or "en"), f"workshop-{workshop.id}-sign-in.pdf",
                             back_url=url_for("workshops.attendance", workshop_id=workshop.id), style="workshop")


@bp.route("/<int:workshop_id>/invite.ics")
@require(can_view_workshops)
def calendar_file(workshop_id: int):
    """The workshop as a calendar invitation (.ics) to add to Outlook, Google or Apple calendars."""
    workshop = queries.load_workshop(workshop_id)
    link = url_for("workshops.workshop", workshop_id=workshop.id, _external=True)
    description = "\n\n".join(part for part in (workshop.topic, workshop.online_url, link) if part)
    event = documents.CalendarEvent(
        uid=f"workshop-{workshop.id}@{urls.host_name()}", sequence=workshop.version - 1,
        title=workshop.title, description=description, starts_at=workshop.starts_at, ends_at=workshop.ends_at,
        location=workshop.location or workshop.online_url, url=workshop.online_url or link,
        organizer_email=workshop.facilitator.email if workshop.facilitator else None,
        organizer_name=workshop.facilitator.name if workshop.facilitator else None,
        cancelled=workshop.cancelled, stamp=utcnow())
    return Response(documents.ics_bytes(event), mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="workshop-{workshop.id}.ics"'})


@bp.route("/<int:workshop_id>/feedback", methods=["GET", "POST"])
@require(can_take_part)
def feedback(workshop_id: int):
    """An attendee rates the workshop 1–5 with a comment, once."""
    workshop = queries.load_workshop(workshop_id)
    attended = any(a.user_id == current_user.id for a in workshop.attendance)
    mine = next((f for f in workshop.feedback if f.user_id == current_user.id), None)
    form = FeedbackForm()
    if form.validate_on_submit() and saved(
            lambda: operations.give_feedback(workshop, current_user, form.rating.data, form.comment.data or ""), form):
        flash(_("Thank you for your feedback."), "success")
        return redirect(url_for("workshops.workshop", workshop_id=workshop.id))
    return render_template("workshops/feedback.html", w=workshop, form=form, attended=attended, mine=mine,
                           local=queries.local, loc=org_queries.locale_code())
