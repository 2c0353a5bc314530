"""Every write on targets, each through one gate; the caller commits.

The gates: `add_target` and `edit_target` (a target's definition), `approve`/`comment` (review),
`save_settings` (in closing.py, with the month close); progress has its own gate in progress.py. Every door
(page, API, import, idea promotion, copy, carry-over, CLI, demo) calls them and only translates its input; the
`_check_*` helpers are the gates' own. A refusal is a `cxgov.rules.Refusal` (or `Invalid`, field by field),
worded in labels.py.
"""
from __future__ import annotations

from contextlib import nullcontext
from datetime import date

import sqlalchemy as sa

from cxgov import clock, months
from cxgov.audit.tracking import audit_reason
from cxgov.auth.models import User
from cxgov.errors import StaleEdit
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.models import Department
from cxgov.permissions import (
    can_edit_department_targets,
    can_manage_targets,
    can_override_closed_month,
    is_read_only,
)
from cxgov.rules import Invalid, Refusal
from cxgov.targets import checks
from cxgov.targets import status as st
from cxgov.targets.closing import (  # noqa: F401 - re-exported: every door calls targets.operations.<name>
    SETTINGS_FIELDS,
    close_due_months,
    close_month,
    closed_months,
    current_status,
    due_months,
    effects_token,
    final_status,
    is_closed,
    is_recorded_closed,
    latest,
    lock_if_due,
    measure,
    reopenable_months,
    save_settings,
    settings,
    settings_effects,
    stored_settings,
)
from cxgov.targets.models import Target

TARGET_FIELDS = ("title", "description", "kind", "unit", "direction", "baseline", "target_value", "owner_id",
                 "dimension_code", "points", "evidence")
def drafting_open(month: str, day: date) -> bool:
    """True on the days department leads may draft (and change) a month's targets."""
    conf = settings()
    opens, closes = st.drafting_window(month, conf.window_opens_day, conf.window_closes_day)
    return opens <= day <= closes


def count_in_month(department_id: int, month: str, excluding: int | None = None) -> int:
    """How many targets a department has for a month."""
    query = sa.select(sa.func.count(Target.id)).where(Target.department_id == department_id, Target.month == month)
    if excluding is not None:
        query = query.where(Target.id != excluding)
    return db.session.scalar(query)


def points_in_month(department_id: int, month: str, excluding: int | None = None) -> int:
    """The points a department has put on its targets of a month (drafts too: they may be approved)."""
    query = sa.select(sa.func.coalesce(sa.func.sum(Target.points), 0)).where(
        Target.department_id == department_id, Target.month == month)
    if excluding is not None:
        query = query.where(Target.id != excluding)
    return int(db.session.scalar(query))


# --- the target gate ---
def add_target(department: Department, month: str, data: dict, by: User, today: date) -> Target:
    """Draft a target for a department's month, if `by` may and every rule holds; the one door-independent way."""
    return _add(department, month, data, by, today, window=True)


def edit_target(target: Target, data: dict, by: User, today: date, expected_version: int | None,
                override_reason: str | None = None) -> Target:
    """Change a target's definition under the same rules; in a closed month only an executive, with a reason."""
    if not can_edit_department_targets(by, target.department):
        raise Refusal("targets_not_yours", department=target.department.code)
    seen = target.version  # the writer's version: recording the month's close below bumps it
    _check_can_edit(target, by, today, override_reason, lock_if_due(target.month, today))
    if expected_version is not None and expected_version != seen:
        raise StaleEdit(target)
    data = {key: value for key, value in data.items() if key in TARGET_FIELDS}
    _check_values(data, target)
    if data.get("title", target.title) != target.title:
        _check_title_free(target.department_id, target.month, data["title"], excluding=target.id)
    _check_points(target.department_id, target.month, _merged_points(data, target), target)
    reason = (override_reason or "").strip()
    with audit_reason(reason) if reason else nullcontext():
        _assign(target, data)
        if is_closed(target.month, today):
            target.final_status = final_status(target, today)
        db.session.flush()
    return target


def edit_refusal(target: Target, by: User, today: date) -> Refusal | None:
    """Why `by` may not change this target's definition today (an executive's override counts), or None."""
    if not can_edit_department_targets(by, target.department):
        return Refusal("targets_not_yours", department=target.department.code)
    try:
        _check_can_edit(target, by, today, "override" if can_override_closed_month(by) else None,
                        is_closed(target.month, today))  # a question asked by pages: reading never writes
    except Refusal as error:
        return error
    return None


def _add(department: Department, month: str, data: dict, by: User | None, today: date, window: bool,
         adding: int = 1) -> Target:
    """The gate's body; `window` False for a carry-over, which a lead may do after the drafting window."""
    if by is None or not can_edit_department_targets(by, department):
        raise Refusal("targets_not_yours", department=department.code)
    _check_month(month)
    data = {key: value for key, value in data.items() if key in TARGET_FIELDS}
    _check_values(data, None)
    _check_title_free(department.id, month, data["title"])
    _check_can_add(department, month, today, window and not can_manage_targets(by), adding)
    _check_points(department.id, month, data.get("points", 10), None)
    return create_target(department, month, data, by)


def _check_title_free(department_id: int, month: str, title: str, excluding: int | None = None) -> None:
    """Refuse a second target of the same title in a department's month (a copy, an import or a double click)."""
    query = sa.select(Target.id).where(Target.department_id == department_id, Target.month == month,
                                       Target.title == title)
    if excluding is not None:
        query = query.where(Target.id != excluding)
    if db.session.scalar(query.limit(1)) is not None:
        raise Invalid({"title": "title_taken"}, title=title, month=month)


def create_target(department: Department, month: str, data: dict, created_by: User | None) -> Target:
    """Insert a draft target without any rule: for test factories only; every door calls add_target."""
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


def _check_month(month: str) -> None:
    """Refuse a month that is not YYYY-MM."""
    if not months.is_month(month):
        raise Invalid({"month": "month_format"}, month=month)


def _check_values(data: dict, target: Target | None) -> None:
    """Refuse text, choices, numbers, points, owner or dimension that do not make a sensible target."""
    problems = checks.text_problems(data) | checks.choice_problems(data)
    if target is None and "title" not in data:
        problems["title"] = "title_required"
    merged = {f: data[f] if f in data else getattr(target, f, None)
              for f in ("kind", "direction", "baseline", "target_value")}
    if target is None or merged.keys() & data.keys():
        problems = checks.value_problems(**merged) | problems
    if checks.points_problem(data.get("points")):
        problems["points"] = "points_whole"
    if data.get("owner_id") is not None and data["owner_id"] != (target.owner_id if target else None):
        owner = db.session.get(User, data["owner_id"])
        if owner is None or not owner.active or is_read_only(owner):  # a viewer never writes, so never owns
            problems["owner_id"] = "owner_unknown"
    code = data.get("dimension_code")
    if code and code != (target.dimension_code if target else None) and code not in dimension_codes():
        problems["dimension_code"] = "dimension_unknown"
    if problems:
        raise Invalid(problems, dimension=code or "")


def dimension_codes() -> set[str]:
    """The dimension codes of the newest framework, which a target may be linked to."""
    from cxgov.assessments.models import Dimension, Framework

    newest = sa.select(Framework.id).order_by(Framework.id.desc()).limit(1).scalar_subquery()
    return set(db.session.scalars(sa.select(Dimension.code).where(Dimension.framework_id == newest)))


def _merged_points(data: dict, target: Target) -> int | None:
    """The points to check on an edit: only when they change."""
    return data["points"] if "points" in data and data["points"] != target.points else None


def _check_points(department_id: int, month: str, points: int | None, target: Target | None) -> None:
    """Refuse points outside the CX office's scale: above the cap or not allowed, or over the month's cap."""
    if points is None:
        return
    conf = settings()
    problem = checks.points_scale_problem(points, conf.points_cap, checks.allowed_points(conf.points_allowed))
    if problem:
        raise Invalid({"points": problem}, cap=conf.points_cap, allowed=conf.points_allowed)
    used = points_in_month(department_id, month, excluding=target.id if target else None)
    if used + points > conf.points_cap_month:
        raise Invalid({"points": "points_over_month_cap"}, cap=conf.points_cap_month, month=month,
                      left=max(0, conf.points_cap_month - used))


def _check_can_add(department: Department, month: str, today: date, in_window_only: bool, adding: int) -> None:
    """Refuse a new target in a closed month, outside the drafting window (for leads) or over the maximum."""
    conf = settings()
    if lock_if_due(month, today):
        raise Refusal("month_closed", month=month)
    if in_window_only and not drafting_open(month, today):
        opens, closes = st.drafting_window(month, conf.window_opens_day, conf.window_closes_day)
        raise Refusal("outside_window", month=month, opens=opens, closes=closes)
    if count_in_month(department.id, month) + adding > conf.max_per_department:
        raise Refusal("too_many", month=month, n=conf.max_per_department)


def _check_can_edit(target: Target, by: User, today: date, override_reason: str | None, closed: bool) -> None:
    """Refuse a definition change: a closed month without an executive's reason; for leads, approved or outside
    the window."""
    if closed:
        if not can_override_closed_month(by):
            raise Refusal("month_closed", month=target.month)
        if not (override_reason or "").strip():
            raise Invalid({"override_reason": "reason_required"}, month=target.month)
        return
    if can_manage_targets(by):
        return
    if target.approval == "approved":
        raise Refusal("approved", month=target.month, title=target.title)
    conf = settings()
    opens, closes = st.drafting_window(target.month, conf.window_opens_day, conf.window_closes_day)
    if not opens <= today <= closes:
        raise Refusal("edit_outside_window", month=target.month, opens=opens, closes=closes)


# --- copy and carry-over: doors that call the gate ---
def copy_previous_month(department: Department, month: str, by: User, today: date) -> list[Target]:
    """Start a month from a copy of last month's targets (drafts, baselines at last actuals), skipping titles the
    month already has."""
    _check_month(month)
    present = set(db.session.scalars(sa.select(Target.title).where(
        Target.department_id == department.id, Target.month == month)))
    before = months.shift(month, -1)
    last_month = db.session.scalars(sa.select(Target).where(
        Target.department_id == department.id, Target.month == before).order_by(Target.id)).all()
    if not last_month:
        raise Refusal("nothing_last_month", month=before)
    previous = [t for t in last_month if t.title not in present]
    if not previous:
        raise Refusal("nothing_to_copy", month=month)
    copies = []
    for old in previous:
        data = {f: getattr(old, f) for f in TARGET_FIELDS}
        last = latest(old)
        if old.kind == "numeric" and last is not None and last.value is not None:
            data["baseline"] = last.value
        copies.append(_add(department, month, data, by, today, window=True, adding=len(previous) - len(copies)))
    return copies


def carry_over(target: Target, by: User, today: date) -> Target:
    """Carry a missed target of a closed month into the next month, once, linked to the original."""
    if not lock_if_due(target.month, today) or target.final_status != st.MISSED:
        raise Refusal("not_missed")
    month = months.shift(target.month, 1)
    already = db.session.scalar(sa.select(Target.id).where(Target.month == month, sa.or_(
        Target.carried_from_id == target.id,
        sa.and_(Target.department_id == target.department_id, Target.title == target.title))).limit(1))
    if already is not None:
        raise Refusal("already_carried", month=month, title=target.title)
    data = {f: getattr(target, f) for f in TARGET_FIELDS}
    carried = _add(target.department, month, data, by, today, window=False)
    carried.carried_from_id = target.id
    db.session.flush()
    return carried


# --- review ---
def _check_review(target: Target, by: User, today: date) -> None:
    """Refuse a review by someone who does not manage targets, or of a closed month unless by an executive."""
    if not can_manage_targets(by):
        raise Refusal("may_not_review")
    if lock_if_due(target.month, today) and not can_override_closed_month(by):
        raise Refusal("month_closed", month=target.month)


def approve(target: Target, by: User, comment: str, today: date | None = None) -> None:
    """Approve a target with an optional comment: from then on it counts for achievement and points."""
    today = today or clock.today()
    _check_review(target, by, today)
    check_text({"reason": comment})
    _check_points(target.department_id, target.month, target.points, target)  # the scale may have changed since
    target.approval, target.approved_by_id, target.approved_at = "approved", by.id, utcnow()
    target.review_comment = comment
    db.session.flush()


def comment(target: Target, text: str, by: User, today: date | None = None) -> None:
    """Leave a review comment without approving."""
    today = today or clock.today()
    _check_review(target, by, today)
    check_text({"reason": text})
    target.review_comment = text
    db.session.flush()


def check_text(data: dict) -> None:
    """Refuse over-long text or control characters."""
    problems = checks.text_problems(data)
    if problems:
        raise Invalid(problems)
