"""Every write on action items; the caller commits."""
from __future__ import annotations

from datetime import date

from cxgov.actions.models import STATUSES, ActionItem
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org.operations import check_version
from cxgov.permissions import is_read_only

FIELDS = ("title", "description", "owner_id", "department_id", "due_on")


class ActionRuleError(Exception):
    """A change the tracker's rules refuse; `code` names the rule, the view translates it."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


def _check(data: dict, not_before: date | None) -> None:
    """An action needs an active owner and a due date, not before `not_before` when given."""
    owner = db.session.get(User, data.get("owner_id")) if data.get("owner_id") else None
    if owner is None:
        raise ActionRuleError("no_owner")
    if not owner.active:
        raise ActionRuleError("owner_inactive", name=owner.name)
    if is_read_only(owner):
        raise ActionRuleError("owner_read_only", name=owner.name)
    if data.get("due_on") is None:
        raise ActionRuleError("no_due_date")
    if not_before is not None and data["due_on"] < not_before:
        raise ActionRuleError("due_too_early", date=not_before)


def create_action(data: dict, created_by: User | None, source: str = "manual", source_id: int | None = None,
                  not_before: date | None = None) -> ActionItem:
    """A new open action; `not_before` (e.g. the meeting day) is the earliest allowed due date."""
    _check(data, not_before)
    action = ActionItem(source=source, source_id=source_id, status="open",
                        created_by_id=created_by.id if created_by else None)
    for field in FIELDS:
        setattr(action, field, data.get(field) if field != "description" else data.get(field) or "")
    db.session.add(action)
    db.session.flush()
    return action


def update_action(action: ActionItem, data: dict, expected_version: int | None) -> ActionItem:
    """Change what, who, which department and when; a stale version is refused."""
    check_version(action, expected_version)
    merged = {field: data.get(field, getattr(action, field)) for field in FIELDS}
    _check(merged, None)
    for field in FIELDS:
        if field in data:
            setattr(action, field, data[field] if field != "description" else data[field] or "")
    db.session.flush()
    return action


def set_status(action: ActionItem, status: str, today: date, reason: str = "",
               expected_version: int | None = None) -> ActionItem:
    """Move an action to a status; dropping needs a reason, done records the day."""
    check_version(action, expected_version)
    if status not in STATUSES:
        raise ActionRuleError("bad_status")
    if status == "dropped" and not reason.strip():
        raise ActionRuleError("drop_needs_reason")
    action.status = status
    action.dropped_reason = reason.strip() if status == "dropped" else ""
    action.done_on = today if status == "done" else None
    db.session.flush()
    return action
