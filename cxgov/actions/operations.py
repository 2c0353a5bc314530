"""Every write on action items, through one gate whatever the door; the caller commits.

The doors (the action pages and API, a review's decision, a workshop idea, an alignment area, the demo
loader) only translate their input: who may, which values, which states and which dates are checked here,
and a refusal is a cxgov.rules.Refusal (Invalid for values, field by field).
"""
from __future__ import annotations

from datetime import date

from cxgov import clock, texts
from cxgov.actions.models import STATUSES, ActionItem
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org.models import Department
from cxgov.org.operations import check_version
from cxgov.permissions import can_create_action, can_edit_action, can_update_action_status, is_read_only
from cxgov.rules import Invalid, Refusal

FIELDS = ("title", "description", "owner_id", "department_id", "due_on")
TEXT_LIMITS = {"title": (200, False), "description": (4000, True)}
REASON_LIMIT = {"dropped_reason": (2000, True)}
# Sources whose own operation decides who may add their actions: whoever runs the review, edits the alignment.
CHECKED_BY_SOURCE = ("review", "alignment")
YEARS = range(2000, 2101)  # a due date outside is a typo (0226), not a plan


def _owner_problem(owner_id) -> tuple[str, dict]:
    """(problem code, its arguments) of an owner: an active user who may write; ("", {}) when fine."""
    owner = db.session.get(User, owner_id) if isinstance(owner_id, int) and owner_id else None
    if owner is None:
        return "no_owner", {}
    if not owner.active:
        return "owner_inactive", {"name": owner.name}
    if is_read_only(owner):
        return "owner_read_only", {"name": owner.name}
    return "", {}


def _department_problem(department_id, keep: int | None) -> str:
    """The problem code of a department: none, or one that exists and is not archived (unless kept as it was)."""
    if department_id is None or department_id == keep:
        return ""
    department = db.session.get(Department, department_id) if isinstance(department_id, int) else None
    if department is None:
        return "action_department_unknown"
    return "action_department_archived" if department.archived else ""


def _due_problem(due_on, earliest: date | None) -> str:
    """The problem code of a due date: a plausible date, not before `earliest` when given."""
    if due_on is None:
        return "no_due_date"
    if not isinstance(due_on, date) or due_on.year not in YEARS:
        return "due_not_a_date"
    return "due_too_early" if earliest is not None and due_on < earliest else ""


def check_values(data: dict, earliest: date | None, kept: ActionItem | None = None) -> None:
    """Refuse the values of an action, field by field: what, who, which department, by when."""
    problems = texts.problems(data, TEXT_LIMITS)
    if not (data.get("title") or "").strip():
        problems["title"] = "action_no_title"
    owner, params = _owner_problem(data.get("owner_id"))
    department = _department_problem(data.get("department_id"), kept.department_id if kept else None)
    due = _due_problem(data.get("due_on"), earliest)
    problems |= {field: code for field, code in (("owner_id", owner), ("department_id", department),
                                                  ("due_on", due)) if code}
    if problems:
        raise Invalid(problems, **params, date=earliest)


def _allowed(allowed: bool) -> None:
    """Refuse a change the person's role does not allow (the doors check it too, to answer 403)."""
    if not allowed:
        raise Refusal("action_not_allowed")


def create_action(data: dict, created_by: User | None, source: str = "manual", source_id: int | None = None,
                  not_before: date | None = None, today: date | None = None) -> ActionItem:
    """A new open action, due from today (or from `not_before`, e.g. the meeting day) at the earliest.

    `created_by` None is the system (the demo loader); `today` is the organisation's day unless a loader
    records history as of another day.
    """
    if created_by is not None and source not in CHECKED_BY_SOURCE:
        _allowed(can_create_action(created_by))
    data = {field: data.get(field) for field in FIELDS}
    data["description"] = data["description"] or ""
    check_values(data, not_before or today or clock.today())
    action = ActionItem(source=source, source_id=source_id, status="open",
                        created_by_id=created_by.id if created_by else None, **data)
    db.session.add(action)
    db.session.flush()
    return action


def update_action(action: ActionItem, data: dict, expected_version: int | None, by: User | None = None,
                  today: date | None = None) -> ActionItem:
    """Change what, who, which department and when; a stale version is refused, a new due date is not past."""
    if by is not None:
        _allowed(can_edit_action(by, action))
    check_version(action, expected_version)
    merged = {field: data.get(field, getattr(action, field)) for field in FIELDS}
    merged["description"] = merged["description"] or ""
    moved = merged["due_on"] != action.due_on
    check_values(merged, (today or clock.today()) if moved else None, kept=action)
    for field in FIELDS:
        if field in data:
            setattr(action, field, merged[field])
    db.session.flush()
    return action


def set_status(action: ActionItem, status: str, today: date | None = None, reason: str = "",
               expected_version: int | None = None, by: User | None = None) -> ActionItem:
    """Move an action to a status; dropping needs a reason, done records the day (today unless told)."""
    if by is not None:
        _allowed(can_update_action_status(by, action))
    check_version(action, expected_version)
    if status not in STATUSES:
        raise Refusal("bad_status")
    reason = (reason or "").strip()
    problems = texts.problems({"dropped_reason": reason}, REASON_LIMIT)
    if problems:
        raise Invalid(problems)
    if status == "dropped" and not reason:
        raise Refusal("drop_needs_reason")
    action.status = status
    action.dropped_reason = reason if status == "dropped" else ""
    action.done_on = (today or clock.today()) if status == "done" else None
    db.session.flush()
    return action
