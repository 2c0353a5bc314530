"""The workshop routes of the role × URL table in tests/web/test_access.py (merged there under its marker).

`data(d)` builds, once per table row, a held workshop that the member was invited to and attended (with an
idea, and an idea that became d.target), and an upcoming workshop the member is invited to. URLs are chosen so
that an allowed role's request cannot change the outcome for the roles checked after it.
"""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.permissions import CX_OFFICE, DEPT_LEAD, EXECUTIVE, HR, MEMBER, ROLES, VIEWER
from cxgov.workshops import operations

EVERYONE = set(ROLES)
RUNNERS = {HR, EXECUTIVE, CX_OFFICE}  # create and run workshops
TAKING_PART = EVERYONE - {VIEWER}  # viewers only read


def workshop_data(users: dict, department, hours_from_now: float, people) -> object:
    """A workshop of two hours starting hours_from_now, inviting the given people."""
    start = utcnow().replace(microsecond=0) + timedelta(hours=hours_from_now)
    data = {"title": "共创工作坊 Co-creation", "topic": "", "starts_at": start, "ends_at": start + timedelta(hours=2),
            "location": "Room 1", "online_url": "", "facilitator_id": users[HR].id, "method": "brainstorming",
            "method_note": "", "employees_count": 0, "customers_count": 0, "experts_count": 0,
            "core_users_count": 0, "cocreator_notes": "", "capacity": 30}
    return operations.create_workshop(data, [], people, users[HR])


def data(d) -> SimpleNamespace:
    """The workshop records of a table row, made on first use."""
    if not hasattr(d, "workshops"):
        member, hr = d.users[MEMBER], d.users[HR]
        held = workshop_data(d.users, d.dept, -26, [member])
        operations.record_attendance(held, {member.id}, set(), hr)
        idea = operations.add_idea(held, {"kind": "improvement", "title": "Call back within 2 h", "stage": "service",
                                          "touchpoint": "", "department_id": d.dept.id}, hr)
        promoted = operations.add_idea(held, {"kind": "pain_point", "title": "Customers repeat themselves",
                                              "stage": "service", "touchpoint": "", "department_id": d.dept.id}, hr)
        promoted.target_id = d.target.id
        upcoming = workshop_data(d.users, d.dept, 24 * 7, [member])
        operations.set_goal("2026-01", 1, "")
        db.session.commit()
        d.workshops = SimpleNamespace(held=held, upcoming=upcoming, idea=idea, promoted=promoted,
                                      attended=held.invitations[0])
    return d.workshops


def routes(api) -> dict:
    """(method, rule) -> (url builder, who may use it); `api` is the table's Api marker class."""
    w = data
    return {
        ("GET", "/workshops/"): (lambda d: "/workshops/", EVERYONE),
        ("GET", "/workshops/new"): (lambda d: "/workshops/new", RUNNERS),
        ("POST", "/workshops/new"): (lambda d: "/workshops/new", RUNNERS),
        ("GET", "/workshops/<int:workshop_id>"): (lambda d: f"/workshops/{w(d).held.id}", EVERYONE),
        ("GET", "/workshops/<int:workshop_id>/edit"): (lambda d: f"/workshops/{w(d).upcoming.id}/edit", RUNNERS),
        ("POST", "/workshops/<int:workshop_id>/edit"): (lambda d: f"/workshops/{w(d).upcoming.id}/edit", RUNNERS),
        ("POST", "/workshops/<int:workshop_id>/cancel"): (lambda d: f"/workshops/{w(d).upcoming.id}/cancel", RUNNERS),
        ("GET", "/workshops/<int:workshop_id>/invitations"):
            (lambda d: f"/workshops/{w(d).upcoming.id}/invitations", RUNNERS),
        ("POST", "/workshops/<int:workshop_id>/invitations"):
            (lambda d: f"/workshops/{w(d).upcoming.id}/invitations", RUNNERS),
        # The member attended, so the invitation is never withdrawn: every allowed role gets the same answer.
        ("POST", "/workshops/<int:workshop_id>/invitations/<int:invitation_id>/remove"):
            (lambda d: f"/workshops/{w(d).held.id}/invitations/{w(d).attended.id}/remove", RUNNERS),
        ("POST", "/workshops/<int:workshop_id>/rsvp"): (lambda d: f"/workshops/{w(d).upcoming.id}/rsvp", {MEMBER}),
        ("GET", "/workshops/<int:workshop_id>/attendance"):
            (lambda d: f"/workshops/{w(d).held.id}/attendance", RUNNERS),
        ("POST", "/workshops/<int:workshop_id>/attendance"):
            (lambda d: f"/workshops/{w(d).held.id}/attendance", RUNNERS),
        ("GET", "/workshops/<int:workshop_id>/sign-in-sheet.pdf"):
            (lambda d: f"/workshops/{w(d).held.id}/sign-in-sheet.pdf", RUNNERS),
        ("GET", "/workshops/<int:workshop_id>/invite.ics"):
            (lambda d: f"/workshops/{w(d).held.id}/invite.ics", EVERYONE),
        ("GET", "/workshops/<int:workshop_id>/feedback"):
            (lambda d: f"/workshops/{w(d).held.id}/feedback", TAKING_PART),
        ("POST", "/workshops/<int:workshop_id>/feedback"):
            (lambda d: f"/workshops/{w(d).held.id}/feedback", TAKING_PART),
        ("GET", "/workshops/<int:workshop_id>/ideas/new"):
            (lambda d: f"/workshops/{w(d).held.id}/ideas/new", RUNNERS | {MEMBER}),
        ("POST", "/workshops/<int:workshop_id>/ideas/new"):
            (lambda d: f"/workshops/{w(d).held.id}/ideas/new", RUNNERS | {MEMBER}),
        ("GET", "/workshops/<int:workshop_id>/screening"):
            (lambda d: f"/workshops/{w(d).held.id}/screening", EVERYONE),
        ("POST", "/workshops/<int:workshop_id>/screening"):
            (lambda d: f"/workshops/{w(d).held.id}/screening", RUNNERS),
        ("GET", "/workshops/ideas"): (lambda d: "/workshops/ideas", EVERYONE),
        ("GET", "/workshops/ideas/<int:idea_id>"): (lambda d: f"/workshops/ideas/{w(d).promoted.id}", EVERYONE),
        ("GET", "/workshops/ideas/<int:idea_id>/edit"): (lambda d: f"/workshops/ideas/{w(d).idea.id}/edit", RUNNERS),
        ("POST", "/workshops/ideas/<int:idea_id>/edit"): (lambda d: f"/workshops/ideas/{w(d).idea.id}/edit", RUNNERS),
        # A promoted idea is never deleted, so every allowed role gets the same refusal.
        ("POST", "/workshops/ideas/<int:idea_id>/delete"):
            (lambda d: f"/workshops/ideas/{w(d).promoted.id}/delete", RUNNERS),
        # The idea concerns the data's department, which the data's lead leads; HR runs workshops but sets no
        # targets, so it may not promote (the targets gate would refuse it too).
        ("GET", "/workshops/ideas/<int:idea_id>/promote"):
            (lambda d: f"/workshops/ideas/{w(d).idea.id}/promote", {EXECUTIVE, CX_OFFICE, DEPT_LEAD}),
        ("POST", "/workshops/ideas/<int:idea_id>/promote"):
            (lambda d: f"/workshops/ideas/{w(d).idea.id}/promote", {EXECUTIVE, CX_OFFICE, DEPT_LEAD}),
        ("GET", "/workshops/culture"): (lambda d: "/workshops/culture", EVERYONE),
        ("GET", "/workshops/goals"): (lambda d: "/workshops/goals", EVERYONE),
        ("POST", "/workshops/goals"): (lambda d: "/workshops/goals", RUNNERS),
        ("GET", "/api/v1/workshops"): (lambda d: "/api/v1/workshops", api(EVERYONE)),
        ("GET", "/api/v1/workshops/<int:workshop_id>"): (lambda d: f"/api/v1/workshops/{w(d).held.id}", api(EVERYONE)),
        ("GET", "/api/v1/workshops/<int:workshop_id>/attendance"):
            (lambda d: f"/api/v1/workshops/{w(d).held.id}/attendance", api(EVERYONE)),
        ("GET", "/api/v1/ideas"): (lambda d: "/api/v1/ideas", api(EVERYONE)),
        ("GET", "/api/v1/ideas/<int:idea_id>"): (lambda d: f"/api/v1/ideas/{w(d).idea.id}", api(EVERYONE)),
    }
