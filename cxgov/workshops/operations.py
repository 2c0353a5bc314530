"""Every write on workshops, invitations, attendance, feedback, ideas and the series goal; the caller commits.

Each operation is the one gate of its change, whichever door calls it (the pages, the demo loader): who may
(the permission predicates; `by` None is the system), which values (cxgov.workshops.validation), which state
and which times. A refusal is a cxgov.rules.Refusal raised before anything is flushed, so it writes nothing.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import sqlalchemy as sa

from cxgov.audit.tracking import audit_reason
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.models import Department
from cxgov.org.operations import check_version
from cxgov.permissions import (
    can_add_idea,
    can_edit_department_targets,
    can_edit_idea,
    can_manage_workshops,
    can_promote_idea,
    can_rsvp,
    can_take_part,
    is_read_only,
)
from cxgov.rules import Refusal
from cxgov.workshops import validation
from cxgov.workshops.models import Attendance, Feedback, Idea, Invitation, Workshop, WorkshopDepartment, WorkshopGoal

WORKSHOP_FIELDS = ("title", "topic", "starts_at", "ends_at", "location", "online_url", "facilitator_id", "method",
                   "method_note", "employees_count", "customers_count", "experts_count", "core_users_count",
                   "cocreator_notes", "capacity")
IDEA_FIELDS = ("kind", "title", "description", "stage", "touchpoint", "department_id")
# HR takes attendance at the door: the list opens a little before the start.
ATTENDANCE_OPENS_BEFORE = timedelta(hours=2)


def _may(by: User | None, allowed: bool | None = None) -> None:
    """Refuse a change the person's role does not allow (HR, executives and the CX office run workshops)."""
    if by is not None and not (can_manage_workshops(by) if allowed is None else allowed):
        raise Refusal("workshop_not_allowed")


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
    validation.check_workshop(data)
    outside = sum(data.get(k) or 0 for k in ("customers_count", "experts_count", "core_users_count"))
    if outside + (data.get("employees_count") or 0) > data["capacity"]:
        raise Refusal("workshop_over_capacity", n=outside + (data.get("employees_count") or 0),
                      capacity=data["capacity"])
    if workshop is not None:
        taken = max(len(workshop.attendance), accepted_count(workshop)) + outside
        if taken > data["capacity"]:
            raise Refusal("workshop_seats_taken", n=taken)


def create_workshop(data: dict, departments: Iterable[Department], people: Iterable[User],
                    created_by: User | None) -> Workshop:
    """A planned workshop with its invited departments (all their members) and people."""
    _may(created_by)
    check_times_and_seats(data)
    workshop = Workshop(created_by_id=created_by.id if created_by else None)
    _assign(workshop, data, WORKSHOP_FIELDS)
    db.session.add(workshop)
    db.session.flush()
    invite_departments(workshop, departments)
    invite_people(workshop, people)
    return workshop


def update_workshop(workshop: Workshop, data: dict, expected_version: int | None, by: User | None = None) -> Workshop:
    """Change a workshop's details (not its invitations)."""
    _may(by)
    check_version(workshop, expected_version)
    if workshop.cancelled:
        raise Refusal("workshop_cancelled_no_change")
    check_times_and_seats(data, workshop)
    _assign(workshop, data, WORKSHOP_FIELDS)
    db.session.flush()
    return workshop


def cancel_workshop(workshop: Workshop, reason: str, by: User | None = None) -> None:
    """Call a workshop off, with the reason kept in the audit trail."""
    _may(by)
    if workshop.cancelled:
        raise Refusal("workshop_already_cancelled")
    if workshop.attendance:
        raise Refusal("workshop_took_place")
    if not (reason or "").strip():
        raise Refusal("workshop_cancel_reason")
    validation.check_notes(reason=reason)
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
        raise Refusal("workshop_cancelled")


def invite_departments(workshop: Workshop, departments: Iterable[Department], by: User | None = None) -> int:
    """Invite whole departments: each one is recorded and its people get an invitation."""
    _may(by)
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


def invite_people(workshop: Workshop, people: Iterable[User], by: User | None = None) -> int:
    """Invite people not invited yet (viewers and deactivated people never); returns how many were added."""
    _may(by)
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


def remove_invitation(invitation: Invitation, by: User | None = None) -> None:
    """Withdraw an invitation of someone who has not attended."""
    _may(by)
    if any(a.user_id == invitation.user_id for a in invitation.workshop.attendance):
        raise Refusal("invitation_attended", name=invitation.user.name)
    db.session.delete(invitation)
    db.session.flush()


def answer_invitation(invitation: Invitation, answer: str, note: str, by: User | None = None) -> None:
    """The invitee says whether they will come; a full workshop refuses more yes answers."""
    _may(by, by is not None and can_rsvp(by, invitation))
    workshop = invitation.workshop
    if workshop.cancelled:
        raise Refusal("workshop_cancelled")
    if workshop.starts_at <= utcnow():
        raise Refusal("workshop_answers_closed")
    if answer not in ("yes", "no"):
        raise Refusal("rsvp_yes_or_no")
    validation.check_notes(note=note or "")
    if answer == "yes" and invitation.rsvp != "yes" and accepted_count(workshop) + guests(workshop) >= \
            workshop.capacity:
        raise Refusal("workshop_full", capacity=workshop.capacity)
    invitation.rsvp, invitation.rsvp_note, invitation.rsvp_at = answer, note, utcnow()
    db.session.flush()


def attendance_problems(workshop: Workshop, present: set[int], walk_ins: set[int],
                        names: dict[int, str]) -> list[tuple[str, dict]]:
    """Every reason to refuse an attendance list, as (code, arguments) (empty when it can be saved)."""
    if workshop.cancelled:
        return [("workshop_cancelled", {})]
    if utcnow() < workshop.starts_at - ATTENDANCE_OPENS_BEFORE:
        return [("attendance_not_yet", {})]
    invited = {i.user_id for i in workshop.invitations}
    problems = [("attendance_not_invited", {"name": names.get(uid, str(uid))})
                for uid in sorted(present - invited - walk_ins)]
    seats = len(present) + guests(workshop)
    if seats > workshop.capacity:
        problems.append(("attendance_over_capacity", {"n": seats, "capacity": workshop.capacity}))
    gave_feedback = {f.user_id for f in workshop.feedback}
    problems += [("attendance_rated", {"name": names.get(uid, str(uid))}) for uid in sorted(gave_feedback - present)]
    return problems


def record_attendance(workshop: Workshop, present: set[int], walk_ins: set[int], by: User | None,
                      names: dict[int, str] | None = None) -> tuple[int, int]:
    """Make the attendance list exactly `present`; people not invited must be walk-ins. Returns (added, removed)."""
    _may(by)
    problems = attendance_problems(workshop, present, walk_ins, names or {})
    if problems:
        raise Refusal("attendance_refused", problems=problems)
    invited = {i.user_id for i in workshop.invitations}
    current = {a.user_id: a for a in workshop.attendance}
    for uid, row in current.items():
        if uid not in present:
            workshop.attendance.remove(row)
    for uid in sorted(present - set(current)):
        workshop.attendance.append(Attendance(user_id=uid, walk_in=uid not in invited,
                                              recorded_by_id=by.id if by else None))
    db.session.flush()
    return len(present - set(current)), len(set(current) - present)


def give_feedback(workshop: Workshop, user: User, rating: int, comment: str) -> Feedback:
    """An attendee's rating 1–5 with a comment, once."""
    _may(user, can_take_part(user))
    if not any(a.user_id == user.id for a in workshop.attendance):
        raise Refusal("feedback_not_attended")
    if any(f.user_id == user.id for f in workshop.feedback):
        raise Refusal("feedback_given")
    if not isinstance(rating, int) or rating not in (1, 2, 3, 4, 5):
        raise Refusal("feedback_rating")
    validation.check_notes(comment=comment or "")
    feedback = Feedback(user_id=user.id, rating=rating, comment=comment or "")
    workshop.feedback.append(feedback)
    db.session.flush()
    return feedback


def add_idea(workshop: Workshop, data: dict, by: User | None) -> Idea:
    """Record an outcome of a workshop (the one gate of new ideas): by a manager or someone who attended."""
    if by is not None:
        _may(by, can_add_idea(by, any(a.user_id == by.id for a in workshop.attendance)))
    if workshop.cancelled:
        raise Refusal("workshop_cancelled")
    data = {field: data.get(field, "" if field != "department_id" else None) for field in IDEA_FIELDS}
    validation.check_idea(data)
    idea = Idea(created_by_id=by.id if by else None, decision="open", dot_votes=0)
    _assign(idea, data, IDEA_FIELDS)
    workshop.ideas.append(idea)
    db.session.flush()
    return idea


def update_idea(idea: Idea, data: dict, expected_version: int | None, by: User | None = None) -> Idea:
    """Change an idea's text and tags (a manager, or its author until it becomes a target)."""
    if by is not None:
        _may(by, can_edit_idea(by, idea))
    check_version(idea, expected_version)
    validation.check_idea({field: data.get(field, getattr(idea, field)) for field in IDEA_FIELDS},
                          keep_department=idea.department_id)
    _assign(idea, data, IDEA_FIELDS)
    db.session.flush()
    return idea


def delete_idea(idea: Idea, by: User | None = None) -> None:
    """Remove an idea that was recorded by mistake (a promoted idea stays: a target refers to it)."""
    _may(by)
    if idea.target_id is not None:
        raise Refusal("idea_promoted_no_delete")
    db.session.delete(idea)
    db.session.flush()


def screen_ideas(workshop: Workshop, scores: dict[int, dict], by: User | None = None) -> int:
    """Store dot votes, impact, effort and the decision of a workshop's ideas; returns how many changed."""
    _may(by)
    validation.check_scores(scores)
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
    (not HR, not a viewer), the drafting window for a lead, the month, the values and the points scale; and a
    lead promotes only ideas about their own department (can_promote_idea).
    """
    from cxgov import clock
    from cxgov.targets import operations as targets

    if idea.target_id is not None:
        raise Refusal("idea_already_target")
    if can_edit_department_targets(by, department) and not can_promote_idea(by, department, idea):
        raise Refusal("idea_other_department", department=idea.department.code)
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


def set_goal(from_month: str, per_month: int, note: str, by: User | None = None) -> WorkshopGoal:
    """HR's goal from a month on (replacing a goal set for the same month)."""
    _may(by)
    validation.check_goal(from_month, per_month, note)
    goal = db.session.scalar(sa.select(WorkshopGoal).where(WorkshopGoal.from_month == from_month))
    if goal is None:
        goal = WorkshopGoal(from_month=from_month)
        db.session.add(goal)
    goal.per_month, goal.note = per_month, note
    db.session.flush()
    return goal
