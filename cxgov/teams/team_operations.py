"""Every write on team assignments and handovers; the caller commits.

Rules a request can break raise cxgov.rules.Refusal (worded in teams/labels.py) before anything is written.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from cxgov.audit.tracking import audit_reason
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.models import Department
from cxgov.rules import Refusal
from cxgov.teams.models import ASSIGNED_ROLES, SINGLE_HOLDER_ROLES, Handover, TeamAssignment, Term

# --- team assignments --------------------------------------------------------------------------------------------

def _overlapping(role: str, user: User, department: Department | None, starts_on: date, ends_on: date | None,
                 excluding: int | None = None):
    """An assignment (other than `excluding`) that would hold the same seat at the same time."""
    query = sa.select(TeamAssignment).where(TeamAssignment.role == role, sa.or_(
        TeamAssignment.ends_on.is_(None), TeamAssignment.ends_on >= starts_on))
    if excluding is not None:
        query = query.where(TeamAssignment.id != excluding)
    if ends_on is not None:
        query = query.where(TeamAssignment.starts_on <= ends_on)
    if role == "champion":
        query = query.where(TeamAssignment.department_id == department.id)
    elif role not in SINGLE_HOLDER_ROLES:
        query = query.where(TeamAssignment.user_id == user.id)
    return db.session.scalars(query.order_by(TeamAssignment.starts_on)).first()


def _check_assignment(role: str, user: User, department: Department | None, starts_on: date,
                      ends_on: date | None) -> None:
    """Refuse an assignment the rules do not allow."""
    if role not in ASSIGNED_ROLES:
        raise Refusal("assignment_rotation_role")
    if not user.active:
        raise Refusal("assignment_inactive", name=user.name)
    if ends_on is not None and ends_on < starts_on:
        raise Refusal("assignment_end_before_start")
    if role == "champion" and department is None:
        raise Refusal("champion_department")
    if role == "champion" and user.department_id != department.id:
        raise Refusal("champion_elsewhere", name=user.name)
    _refuse_overlap(role, user, department, starts_on, ends_on)


def _refuse_overlap(role: str, user: User, department: Department | None, starts_on: date, ends_on: date | None,
                    excluding: int | None = None) -> None:
    """Refuse dates that would give a seat two holders at once (or someone the same role twice)."""
    clash = _overlapping(role, user, department, starts_on, ends_on, excluding)
    if clash is not None:
        raise Refusal("assignment_overlap", name=clash.user.name, role=role, start=clash.starts_on,
                      end=clash.ends_on)


def add_assignment(role: str, user: User, department: Department | None, starts_on: date, ends_on: date | None,
                   note: str = "") -> TeamAssignment:
    """Give someone a team role for a period."""
    department = department if role == "champion" else None
    _check_assignment(role, user, department, starts_on, ends_on)
    assignment = TeamAssignment(role=role, user_id=user.id, department_id=department.id if department else None,
                                starts_on=starts_on, ends_on=ends_on, note=note)
    db.session.add(assignment)
    db.session.flush()
    return assignment


def end_assignment(assignment: TeamAssignment, ends_on: date, reason: str) -> None:
    """End an assignment on a day (its history stays); the reason goes to the audit trail."""
    if ends_on < assignment.starts_on:
        raise Refusal("assignment_ends_too_early", date=assignment.starts_on)
    _refuse_overlap(assignment.role, assignment.user, assignment.department, assignment.starts_on, ends_on,
                    excluding=assignment.id)
    with audit_reason(reason):
        assignment.ends_on = ends_on
        db.session.flush()



# --- handovers ---------------------------------------------------------------------------------------------------

def save_handover(term: Term, notes: str, open_items: list[str], submit: bool, by: User) -> Handover:
    """The outgoing director's notes and open actions for the next director; submitting shares them."""
    handover = term.handover
    if handover is not None and handover.acknowledged_at is not None:
        raise Refusal("handover_acknowledged")
    if submit and not notes.strip():
        raise Refusal("handover_notes_needed")
    if handover is None:
        handover = Handover(term_id=term.id)
        db.session.add(handover)
    handover.notes, handover.open_items, handover.written_by_id = notes, open_items, by.id
    if submit and handover.submitted_at is None:
        handover.submitted_at = utcnow()
    db.session.flush()
    return handover


def acknowledge_handover(handover: Handover, by: User, note: str) -> None:
    """The incoming director confirms they have read the handover and take over the open actions."""
    if handover.submitted_at is None:
        raise Refusal("handover_not_submitted")
    if handover.acknowledged_at is not None:
        raise Refusal("handover_acknowledged")
    handover.acknowledged_by_id, handover.acknowledged_at, handover.acknowledgement = by.id, utcnow(), note
    db.session.flush()
