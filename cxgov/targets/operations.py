"""Every write on targets: create, edit, copy, approve, update, close, carry over; the caller commits."""
from __future__ import annotations

from contextlib import nullcontext
from datetime import date

import sqlalchemy as sa

from cxgov import clock
from cxgov.audit.tracking import audit_reason
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.models import Department
from cxgov.org.operations import check_version
from cxgov.permissions import is_read_only
from cxgov.targets import checks
from cxgov.targets import status as st
from cxgov.targets.models import MonthClose, Target, TargetSettings, TargetUpdate

TARGET_FIELDS = ("title", "description", "kind", "unit", "direction", "baseline", "target_value", "owner_id",
                 "dimension_code", "points", "evidence")


class TargetRuleError(Exception):
    """A request the monthly rules refuse; the message is translated by the caller's view."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


class TargetInvalid(TargetRuleError):
    """Values that do not make a sensible target; `problems` maps each field to a problem code."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("invalid", problems=problems)
        self.problems = problems


def settings() -> TargetSettings:
    """The programme's target settings (created with the defaults on first use)."""
    current = db.session.scalar(sa.select(TargetSettings).order_by(TargetSettings.id).limit(1))
    if current is None:
        current = TargetSettings(max_per_department=5, min_per_department=1, window_opens_day=20,
                                 window_closes_day=5, close_day=5)
        db.session.add(current)
        db.session.flush()
    return current


def save_settings(data: dict, expected_version: int | None) -> TargetSettings:
    """Change the limits, the drafting window and the close day."""
    current = settings()
    check_version(current, expected_version)
    for key in ("max_per_department", "min_per_department", "window_opens_day", "window_closes_day", "close_day"):
        setattr(current, key, data[key])
    db.session.flush()
    return current


def is_closed(month: str) -> bool:
    """True once the month has been closed."""
    return db.session.get(MonthClose, month) is not None


def lock_if_due(month: str, today: date) -> bool:
    """Close the month if its close day has come, whoever writes and however; True when it is closed."""
    if is_closed(month):
        return True
    if st.close_date(month, settings().close_day) > today:
        return False
    close_month(month, None)
    return True


def check_values(data: dict, target: Target | None = None) -> None:
    """Refuse numbers that contradict the kind or direction, fractional points, an owner who is not an active user."""
    merged = {f: data[f] if f in data else getattr(target, f, None)
              for f in ("kind", "direction", "baseline", "target_value")}
    problems = {}
    if target is None or merged.keys() & data.keys():
        problems = checks.value_problems(**merged)
    if checks.points_problem(data.get("points")):
        problems["points"] = "points_whole"
    owner_id = data.get("owner_id")
    if owner_id is not None and owner_id != (target.owner_id if target else None):
        owner = db.session.get(User, owner_id)
        if owner is None or not owner.active or is_read_only(owner):  # a viewer never writes, so never owns
            problems["owner_id"] = "owner_unknown"
    if problems:
        raise TargetInvalid(problems)


def count_in_month(department_id: int, month: str, excluding: int | None = None) -> int:
    """How many targets a department has for a month."""
    query = sa.select(sa.func.count(Target.id)).where(Target.department_id == department_id, Target.month == month)
    if excluding is not None:
        query = query.where(Target.id != excluding)
    return db.session.scalar(query)


def check_can_add(department: Department, month: str, today: date, in_window_only: bool, adding: int = 1) -> None:
    """Refuse a new target in a closed month, outside the drafting window (for leads) or over the maximum."""
    conf = settings()
    if lock_if_due(month, today):
        raise TargetRuleError("month_closed", month=month)
    if in_window_only:
        opens, closes = st.drafting_window(month, conf.window_opens_day, conf.window_closes_day)
        if not opens <= today <= closes:
            raise TargetRuleError("outside_window", month=month, opens=opens, closes=closes)
    if count_in_month(department.id, month) + adding > conf.max_per_department:
        raise TargetRuleError("too_many", month=month, n=conf.max_per_department)


def create_target(department: Department, month: str, data: dict, created_by: User | None) -> Target:
    """A new draft target for a department's month (rules checked by the caller with check_can_add)."""
    target = Target(department_id=department.id, month=month, approval="draft",
                    created_by_id=created_by.id if created_by else None)
    _assign(target, data)
    db.session.add(target)
    db.session.flush()
    return target


def _assign(target: Target, data: dict) -> None:
    """Copy the editable fields; a milestone has no unit, direction or values."""
    for field in TARGET_FIELDS:
        if field in data:
            setattr(target, field, data[field])
    if target.kind == "milestone":
        target.unit, target.baseline, target.target_value, target.direction = "", None, None, "higher"


def check_can_edit(target: Target, today: date, in_window_only: bool, override: bool = False) -> None:
    """Refuse a definition change: closed month without override; for leads, approved or outside the window."""
    if lock_if_due(target.month, today):
        if not override:
            raise TargetRuleError("month_closed", month=target.month)
        return
    if not in_window_only:
        return
    if target.approval == "approved":
        raise TargetRuleError("approved", month=target.month, title=target.title)
    conf = settings()
    opens, closes = st.drafting_window(target.month, conf.window_opens_day, conf.window_closes_day)
    if not opens <= today <= closes:
        raise TargetRuleError("edit_outside_window", month=target.month, opens=opens, closes=closes)


def update_target(target: Target, data: dict, expected_version: int | None, today: date, in_window_only: bool,
                  override_reason: str | None = None):
    """Edit a target under check_can_edit; in a closed month only with an executive's override reason."""
    check_can_edit(target, today, in_window_only, override=bool(override_reason))  # the rule tells more than 409
    check_version(target, expected_version)
    with audit_reason(override_reason) if override_reason else nullcontext():
        _assign(target, data)
        if is_closed(target.month):
            target.final_status = current_status(target, clock.today(), closed=True)
        db.session.flush()
    return target


def copy_previous_month(department: Department, month: str, created_by: User, today: date,
                        in_window_only: bool) -> list[Target]:
    """Start a month from a copy of last month's targets (as drafts, values reset to last actuals)."""
    previous = db.session.scalars(sa.select(Target).where(
        Target.department_id == department.id, Target.month == st.shift_month(month, -1)).order_by(Target.id)).all()
    check_can_add(department, month, today, in_window_only, adding=len(previous))
    copies = []
    for old in previous:
        data = {f: getattr(old, f) for f in TARGET_FIELDS}
        latest = old.updates[-1] if old.updates else None
        if old.kind == "numeric" and latest is not None and latest.value is not None:
            data["baseline"] = latest.value
        copies.append(create_target(department, month, data, created_by))
    return copies


def _check_review(target: Target, today: date | None, override: bool) -> None:
    """Refuse a review of a closed month unless an executive overrides."""
    if lock_if_due(target.month, today or clock.today()) and not override:
        raise TargetRuleError("month_closed", month=target.month)


def approve(target: Target, by: User, comment: str, today: date | None = None, override: bool = False) -> None:
    """Approve a target with an optional comment (in a closed month only with an override)."""
    _check_review(target, today, override)
    target.approval, target.approved_by_id, target.approved_at = "approved", by.id, utcnow()
    target.review_comment = comment
    db.session.flush()


def comment(target: Target, text: str, today: date | None = None, override: bool = False) -> None:
    """Leave a review comment without approving (in a closed month only with an override)."""
    _check_review(target, today, override)
    target.review_comment = text
    db.session.flush()


def post_update(target: Target, on_date: date, value: float | None, done: bool | None, note: str, by: User,
                today: date | None = None):
    """Record progress (as of `today`, default the real today); the history is kept, the latest is the actual."""
    if lock_if_due(target.month, today or clock.today()):
        raise TargetRuleError("month_closed", month=target.month)
    if checks.value_problem(value):
        raise TargetRuleError("invalid", problems={"value": checks.value_problem(value)})
    update = TargetUpdate(target=target, on_date=on_date, value=value if target.kind == "numeric" else None,
                          done=done if target.kind == "milestone" else None, note=note, by_id=by.id)
    db.session.add(update)
    db.session.flush()
    return update


def latest(target: Target) -> TargetUpdate | None:
    """The most recent update (by date, then entry order)."""
    return target.updates[-1] if target.updates else None


def measure(target: Target) -> st.Measure:
    """The pure measure of a target from its latest update."""
    last = latest(target)
    return st.Measure(target.kind, target.direction, target.baseline, target.target_value,
                      last.value if last else None, last.done if last else None)


def current_status(target: Target, today: date, closed: bool | None = None) -> str:
    """The target's status today; once its month is closed, from the final measure."""
    is_month_closed = is_closed(target.month) if closed is None else closed
    return st.status(measure(target), target.month, today, is_month_closed)


def close_month(month: str, by: User | None) -> int:
    """Lock a month and set every target's final status; returns the number of targets."""
    if is_closed(month):
        return 0
    targets = db.session.scalars(sa.select(Target).where(Target.month == month)).all()
    for target in targets:
        target.final_status = st.status(measure(target), month, clock.today(), closed=True)
    db.session.add(MonthClose(month=month, closed_at=utcnow(), closed_by_id=by.id if by else None))
    db.session.flush()
    return len(targets)


def close_due_months(today: date) -> list[str]:
    """Close every month whose close day has come (run lazily by the pages and by the CLI)."""
    conf = settings()
    months = db.session.scalars(sa.select(Target.month).distinct().where(
        Target.month.not_in(sa.select(MonthClose.month)))).all()
    due = [m for m in sorted(months) if st.close_date(m, conf.close_day) <= today]
    for month in due:
        close_month(month, None)
    return due


def carry_over(target: Target, by: User, today: date) -> Target:
    """Carry a missed target into the next month, linked to the original."""
    if target.final_status != st.MISSED:
        raise TargetRuleError("not_missed")
    month = st.shift_month(target.month, 1)
    department = db.session.get(Department, target.department_id)
    check_can_add(department, month, today, in_window_only=False)
    data = {f: getattr(target, f) for f in TARGET_FIELDS}
    carried = create_target(department, month, data, by)
    carried.carried_from_id = target.id
    db.session.flush()
    return carried
