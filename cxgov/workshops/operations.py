"""Every write on workshops, invitations, attendance, feedback, ideas and the series goal; the caller commits.

Rules that refuse a request raise WorkshopError with a translated message, before anything is flushed,
so a refused request writes nothing.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from cxgov.audit.tracking import audit_reason
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.models import Department
from cxgov.org.operations import check_version
from cxgov.permissions import is_read_only
from cxgov.workshops.models import Attendance, Feedback, Idea, Invitation, Workshop, WorkshopDepartment, WorkshopGoal

WORKSHOP_FIELDS = ("title", "topic", "starts_at", "ends_at", "location", "online_url", "facilitator_id", "method",
                   "method_note", "employees_count", "customers_count", "experts_count", "core_users_count",
                   "cocreator_notes", "capacity")
IDEA_FIELDS = ("kind", "title", "description", "stage", "touchpoint", "department_id")
# HR takes attendance at the door: the list opens a little before the start.
ATTENDANCE_OPENS_BEFORE = timedelta(hours=2)


class WorkshopError(Exception):
    """A request the workshop rules refuse; the message is already translated and shown as it is."""


def _assign(record, data: dict, fields: tuple[str, ...]) -> None:
    """Copy the named fields from data onto the record."""
    for field in fields:
        if field in data:
            setattr(record, field, data[field])


def guests(workshop: Workshop) -> int:
    """Co-creators from outside: customers, experts and core users take seats too."""
    return (workshop.customers_count or 0) + (workshop.experts_count or 0) + (workshop.core_users_count or 0)


def accepted_count(workshop: Workshop) -> int:
    """Invitees who said they will come."""
    return sum(1 for i in workshop.invitations if i.rsvp == "yes")


def check_times_and_seats(data: dict, workshop: Workshop | None = None) -> None:
    """An end after the start; a capacity holding the guests, and the people already coming or present."""
    if data["ends_at"] <= data["starts_at"]:
        raise WorkshopError(_("The workshop ends before it starts: choose an end time after the start time."))
    outside = sum(data.get(k) or 0 for k in ("customers_count", "experts_count", "core_users_count"))
    if outside + (data.get("employees_count") or 0) > data["capacity"]:
        raise WorkshopError(_("The co-creators add up to %(n)s people, more than the capacity of %(capacity)s.",
                              n=outside + (data.get("employees_count") or 0), capacity=data["capacity"]))
    if workshop is not None:
        taken = max(len(workshop.attendance), accepted_count(workshop)) + outside
        if taken > data["capacity"]:
            raise WorkshopError(_("%(n)s seats are already taken (people coming or present, and guests): "
                                  "the capacity cannot be lower.", n=taken))


def create_workshop(data: dict, departments: Iterable[Department], people: Iterable[User],
                    created_by: User | None) -> Workshop:
    """A planned workshop with its invited departments (all their members) and people."""
    check_times_and_seats(data)
    workshop = Workshop(created_by_id=created_by.id if created_by else None)
    _assign(workshop, data, WORKSHOP_FIELDS)
    db.session.add(workshop)
    db.session.flush()
    invite_departments(workshop, departments)
    invite_people(workshop, people)
    return workshop


def update_workshop(workshop: Workshop, data: dict, expected_version: int | None) -> Workshop:
    """Change a workshop's details (not its invitations)."""
    check_version(workshop, expected_version)
    if workshop.cancelled:
        raise WorkshopError(_("This workshop was cancelled and can no longer change."))
    check_times_and_seats(data, workshop)
    _assign(workshop, data, WORKSHOP_FIELDS)
    db.session.flush()
    return workshop


def cancel_workshop(workshop: Workshop, reason: str) -> None:
    """Call a workshop off, with the reason kept in the audit trail."""
    if workshop.cancelled:
        raise WorkshopError(_("This workshop was already cancelled."))
    if workshop.attendance:
        raise WorkshopError(_("People attended this workshop: it took place and cannot be cancelled."))
    with audit_reason(reason):
        workshop.cancelled_at = utcnow()
        db.session.flush()


def invitable(users: Iterable[User]) -> list[User]:
    """Active people who may take part (viewers only read, so they are never invited)."""
    return [u for u in users if u.active and not is_read_only(u)]


def department_people(department: Department) -> list[User]:
    """A department's active members and its lead."""
    people = list(db.session.scalars(sa.select(User).where(User.department_id == department.id,
                                                           User.active.is_(True)).order_by(User.name)))
    if department.lead is not None and department.lead not in people:
        people.insert(0, department.lead)
    return invitable(people)


def _check_open(workshop: Workshop) -> None:
    """Invitations change only before a workshop and while it is not cancelled."""
    if workshop.cancelled:
        raise WorkshopError(_("This workshop was cancelled."))


def invite_departments(workshop: Workshop, departments: Iterable[Department]) -> int:
    """Invite whole departments: each one is recorded and its people get an invitation."""
    _check_open(workshop)
    listed = {wd.department_id for wd in workshop.departments}
    added = 0
    for department in departments:
        if department.id not in listed:
            workshop.departments.append(WorkshopDepartment(department_id=department.id))
            listed.add(department.id)
        added += invite_people(workshop, department_people(department))
    db.session.flush()
    return added


def invite_people(workshop: Workshop, people: Iterable[User]) -> int:
    """Invite people not invited yet; returns how many were added."""
    _check_open(workshop)
    invited = {i.user_id for i in workshop.invitations}
    added = 0
    for person in invitable(people):
        if person.id not in invited:
            workshop.invitations.append(Invitation(user_id=person.id, rsvp="pending"))
            invited.add(person.id)
            added += 1
    db.session.flush()
    return added


def remove_invitation(invitation: Invitation) -> None:
    """Withdraw an invitation of someone who has not attended."""
    if any(a.user_id == invitation.user_id for a in invitation.workshop.attendance):
        raise WorkshopError(_("%(name)s attended: remove their attendance first.", name=invitation.user.name))
    db.session.delete(invitation)
    db.session.flush()


def answer_invitation(invitation: Invitation, answer: str, note: str) -> None:
    """The invitee says whether they will come; a full workshop refuses more yes answers."""
    workshop = invitation.workshop
    if workshop.cancelled:
        raise WorkshopError(_("This workshop was cancelled."))
    if workshop.starts_at <= utcnow():
        raise WorkshopError(_("This workshop has already started; answers are closed."))
    if answer not in ("yes", "no"):
        raise WorkshopError(_("Answer yes or no."))
    if answer == "yes" and invitation.rsvp != "yes" and accepted_count(workshop) + guests(workshop) >= \
            workshop.capacity:
        raise WorkshopError(_("The workshop is full (%(capacity)s seats). Ask HR for a place.",
                              capacity=workshop.capacity))
    invitation.rsvp, invitation.rsvp_note, invitation.rsvp_at = answer, note, utcnow()
    db.session.flush()


def attendance_problems(workshop: Workshop, present: set[int], walk_ins: set[int], names: dict[int, str]) -> list[str]:
    """Every reason to refuse an attendance list (empty when it can be saved)."""
    if workshop.cancelled:
        return [_("This workshop was cancelled.")]
    if utcnow() < workshop.starts_at - ATTENDANCE_OPENS_BEFORE:
        return [_("Attendance can be taken from two hours before the start.")]
    invited = {i.user_id for i in workshop.invitations}
    problems = [_("%(name)s was not invited. Tick “walk-in” to record them as attending without an invitation.",
                  name=names.get(uid, str(uid))) for uid in sorted(present - invited - walk_ins)]
    seats = len(present) + guests(workshop)
    if seats > workshop.capacity:
        problems.append(_("%(n)s people would be in a room for %(capacity)s (employees marked present, customers, "
                          "experts and core users). Raise the capacity first, or mark fewer people.",
                          n=seats, capacity=workshop.capacity))
    gave_feedback = {f.user_id for f in workshop.feedback}
    problems += [_("%(name)s has already rated this workshop, so they attended.", name=names.get(uid, str(uid)))
                 for uid in sorted(gave_feedback - present)]
    return problems


def record_attendance(workshop: Workshop, present: set[int], walk_ins: set[int], by: User,
                      names: dict[int, str] | None = None) -> tuple[int, int]:
    """Make the attendance list exactly `present`; people not invited must be walk-ins. Returns (added, removed)."""
    problems = attendance_problems(workshop, present, walk_ins, names or {})
    if problems:
        raise WorkshopError(" ".join(problems))
    invited = {i.user_id for i in workshop.invitations}
    current = {a.user_id: a for a in workshop.attendance}
    for uid, row in current.items():
        if uid not in present:
            workshop.attendance.remove(row)
    for uid in sorted(present - set(current)):
        workshop.attendance.append(Attendance(user_id=uid, walk_in=uid not in invited, recorded_by_id=by.id))
    db.session.flush()
    return len(present - set(current)), len(set(current) - present)


def give_feedback(workshop: Workshop, user: User, rating: int, comment: str) -> Feedback:
    """An attendee's rating 1–5 with a comment, once."""
    if not any(a.user_id == user.id for a in workshop.attendance):
        raise WorkshopError(_("Only people who attended this workshop can rate it."))
    if any(f.user_id == user.id for f in workshop.feedback):
        raise WorkshopError(_("You have already rated this workshop; feedback is given once."))
    if rating not in (1, 2, 3, 4, 5):
        raise WorkshopError(_("Choose a rating from 1 to 5."))
    feedback = Feedback(user_id=user.id, rating=rating, comment=comment)
    workshop.feedback.append(feedback)
    db.session.flush()
    return feedback


def add_idea(workshop: Workshop, data: dict, by: User | None) -> Idea:
    """Record an outcome of a workshop."""
    if workshop.cancelled:
        raise WorkshopError(_("This workshop was cancelled."))
    idea = Idea(created_by_id=by.id if by else None, decision="open", dot_votes=0)
    _assign(idea, data, IDEA_FIELDS)
    workshop.ideas.append(idea)
    db.session.flush()
    return idea


def update_idea(idea: Idea, data: dict, expected_version: int | None) -> Idea:
    """Change an idea's text and tags."""
    check_version(idea, expected_version)
    _assign(idea, data, IDEA_FIELDS)
    db.session.flush()
    return idea


def delete_idea(idea: Idea) -> None:
    """Remove an idea that was recorded by mistake (a promoted idea stays: a target refers to it)."""
    if idea.target_id is not None:
        raise WorkshopError(_("This idea became a target and cannot be deleted."))
    db.session.delete(idea)
    db.session.flush()


def screen_ideas(workshop: Workshop, scores: dict[int, dict]) -> int:
    """Store dot votes, impact, effort and the decision of a workshop's ideas; returns how many changed."""
    changed = 0
    for idea in workshop.ideas:
        values = scores.get(idea.id)
        if values is None:
            continue
        before = (idea.dot_votes, idea.impact, idea.effort, idea.decision)
        idea.dot_votes, idea.impact, idea.effort = values["dot_votes"], values["impact"], values["effort"]
        idea.decision = values["decision"] if idea.target_id is None else "shortlisted"
        changed += before != (idea.dot_votes, idea.impact, idea.effort, idea.decision)
    db.session.flush()
    return changed


def promote_to_target(idea: Idea, department: Department, month: str, data: dict, by: User, today=None):
    """Turn an idea into a draft monthly target of a department; the idea keeps the link.

    The target passes the targets feature's one gate (add_target): who may set the department's targets
    (not HR, not a viewer), the drafting window for a lead, the month, the values and the points scale.
    """
    from cxgov import clock
    from cxgov.targets import operations as targets

    if idea.target_id is not None:
        raise WorkshopError(_("This idea has already become a target."))
    target = targets.add_target(department, month, data, by, today or clock.today())
    idea.target_id, idea.promoted_at, idea.promoted_by_id = target.id, utcnow(), by.id
    idea.decision = "shortlisted"
    db.session.flush()
    return target


def action_from_idea(idea: Idea, data: dict, by: User, today):
    """An action item from an idea, linked back to it; an idea still to screen counts as shortlisted."""
    from cxgov.actions import operations as actions

    action = actions.create_action(data, by, "workshop_idea", idea.id, not_before=today)
    if idea.decision == "open":
        idea.decision = "shortlisted"
    db.session.flush()
    return action


def set_goal(from_month: str, per_month: int, note: str) -> WorkshopGoal:
    """HR's goal from a month on (replacing a goal set for the same month)."""
    goal = db.session.scalar(sa.select(WorkshopGoal).where(WorkshopGoal.from_month == from_month))
    if goal is None:
        goal = WorkshopGoal(from_month=from_month)
        db.session.add(goal)
    goal.per_month, goal.note = per_month, note
    db.session.flush()
    return goal
