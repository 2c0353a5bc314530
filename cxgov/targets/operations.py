"""Every write on targets, each through one gate; the caller commits.

The gates: `add_target` and `edit_target` (a target's definition), `approve`/`comment` (review),
`save_settings`; progress has its own gate in progress.py. Every door (page, API, import, idea promotion,
copy, carry-over, CLI, demo) calls them and only translates its input; the `_check_*` helpers are the
gates' own. A refusal is a `cxgov.rules.Refusal` (or `Invalid`, field by field), worded in labels.py.
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
from cxgov.org.operations import check_version
from cxgov.permissions import (
    can_edit_department_targets,
    can_manage_targets,
    can_override_closed_month,
    is_read_only,
)
from cxgov.rules import Invalid, Refusal
from cxgov.targets import checks
from cxgov.targets import status as st
from cxgov.targets.models import MonthClose, Target, TargetSettings, TargetUpdate

TARGET_FIELDS = ("title", "description", "kind", "unit", "direction", "baseline", "target_value", "owner_id",
                 "dimension_code", "points", "evidence")
SETTINGS_FIELDS = ("max_per_department", "min_per_department", "window_opens_day", "window_closes_day", "close_day",
                   "points_cap", "points_cap_month", "points_allowed")


# --- settings and month locks ---
def settings() -> TargetSettings:
    """The programme's target settings: the stored row, else the defaults (unsaved, so that reading never writes)."""
    return _stored_settings() or TargetSettings(
        max_per_department=5, min_per_department=1, window_opens_day=20, window_closes_day=5, close_day=5,
        points_cap=50, points_cap_month=150, points_allowed="", version=1)


def _stored_settings() -> TargetSettings | None:
    """The settings row, if anyone saved settings."""
    return db.session.scalar(sa.select(TargetSettings).order_by(TargetSettings.id).limit(1))


def stored_settings() -> TargetSettings:
    """The settings row to change: created with the defaults the first time someone saves settings."""
    current = _stored_settings()
    if current is None:
        current = settings()
        current.version = None  # the row's first version is the mapper's to give
        db.session.add(current)
        db.session.flush()
    return current


def is_recorded_closed(month: str) -> bool:
    """True once the month's close is recorded (by the daily job, a settings change or a writer)."""
    return db.session.get(MonthClose, month) is not None


def closed_months(today: date | None = None) -> st.ClosedMonths:
    """THE months closed on a day (st.ClosedMonths): recorded ones and those whose close day has come, whether or
    not the daily job has run yet; every page, export, pack and report reads closure through this."""
    recorded = frozenset(db.session.scalars(sa.select(MonthClose.month)))
    return st.ClosedMonths(recorded, settings().close_day, today or clock.today())


def is_closed(month: str, today: date | None = None) -> bool:
    """True once the month is closed, by the one definition (closed_months)."""
    return is_recorded_closed(month) or month in st.ClosedMonths(frozenset(), settings().close_day,
                                                                  today or clock.today())


def lock_if_due(month: str, today: date) -> bool:
    """Record the month's close if its close day has come, whoever writes and however; True when it is closed."""
    if is_recorded_closed(month):
        return True
    if st.close_date(month, settings().close_day) > today:
        return False
    close_month(month, None, today)
    return True


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


# --- reading a target's measure ---
def latest(target: Target) -> TargetUpdate | None:
    """The actual: the latest update still standing (by date, then entry order)."""
    return target.actual_update


def measure(target: Target) -> st.Measure:
    """The pure measure of a target from its updates (withdrawn and corrected ones left out)."""
    return st.measure_of(target.kind, target.direction, target.baseline, target.target_value, target.readings)


def current_status(target: Target, today: date, closed: bool | None = None) -> str:
    """The target's status today; once its month is closed, from the final measure."""
    is_month_closed = is_closed(target.month, today) if closed is None else closed
    return st.status(measure(target), target.month, today, is_month_closed)


def final_status(target: Target, today: date) -> str:
    """The status a closed month's target keeps."""
    return st.status(measure(target), target.month, today, closed=True)


# --- closing months and the settings ---
def close_month(month: str, by: User | None, today: date | None = None) -> int:
    """Lock a month and set every target's final status; returns the number of targets."""
    today = today or clock.today()
    if is_recorded_closed(month):
        return 0
    targets = db.session.scalars(sa.select(Target).where(Target.month == month)).all()
    for target in targets:
        target.final_status = final_status(target, today)
    db.session.add(MonthClose(month=month, closed_at=utcnow(), closed_by_id=by.id if by else None))
    db.session.flush()
    return len(targets)


def due_months(close_day: int, today: date) -> list[str]:
    """Months with targets, not closed yet, whose close day (under `close_day`) has come."""
    open_months = db.session.scalars(sa.select(Target.month).distinct().where(
        Target.month.not_in(sa.select(MonthClose.month)))).all()
    return [m for m in sorted(open_months) if st.close_date(m, close_day) <= today]


def reopenable_months(close_day: int, today: date) -> list[str]:
    """Months closed on their close day by nobody in particular whose close day (under `close_day`) is still
    to come: a later close day gives them back."""
    closed = db.session.scalars(sa.select(MonthClose.month).where(MonthClose.closed_by_id.is_(None))).all()
    return [m for m in sorted(closed) if st.close_date(m, close_day) > today]


def close_due_months(today: date) -> list[str]:
    """Record the close of every month whose close day has come and set its final statuses (the daily job, the
    CLI, a settings change); readers need not wait for it (closed_months)."""
    due = due_months(settings().close_day, today)
    for month in due:
        close_month(month, None, today)
    return due


def settings_effects(data: dict, today: date) -> tuple[list[str], list[str]]:
    """(months a new close day would close now, months it would reopen)."""
    close_day = data.get("close_day", settings().close_day)
    return due_months(close_day, today), reopenable_months(close_day, today)


def effects_token(closing: list[str], reopening: list[str]) -> str:
    """What a confirmation confirms: the months a settings change closes and reopens."""
    return f"close:{','.join(closing)};reopen:{','.join(reopening)}"


def save_settings(data: dict, by: User, today: date, expected_version: int | None,
                  confirmed: str | None = None) -> TargetSettings:
    """Change the limits, window, close day and points scale; a change that closes or reopens months is saved
    only when `confirmed` names exactly those months (effects_token), else refused with the months listed."""
    if not can_manage_targets(by):
        raise Refusal("may_not_change_settings")
    current = stored_settings()
    check_version(current, expected_version)
    data = {key: value for key, value in data.items() if key in SETTINGS_FIELDS}
    _check_settings({key: data.get(key, getattr(current, key)) for key in SETTINGS_FIELDS})
    closing, reopening = settings_effects(data, today)
    if (closing or reopening) and confirmed != effects_token(closing, reopening):
        raise Refusal("confirm_month_changes", closing=", ".join(closing) or "–",
                      reopening=", ".join(reopening) or "–", months_closing=closing, months_reopening=reopening,
                      token=effects_token(closing, reopening))
    for key, value in data.items():
        setattr(current, key, value)
    if "points_allowed" in data:
        current.points_allowed = ", ".join(str(v) for v in checks.allowed_points(data["points_allowed"]))
    db.session.flush()
    for month in reopening:
        _reopen(month)
    close_due_months(today)
    return current


def _reopen(month: str) -> None:
    """Give a month closed too early back: no lock, no final statuses."""
    for target in db.session.scalars(sa.select(Target).where(Target.month == month)):
        target.final_status = None
    db.session.delete(db.session.get(MonthClose, month))
    db.session.flush()


def _check_settings(values: dict) -> None:
    """Refuse days out of 1–28, limits out of range, a minimum above the maximum, an odd points scale."""
    problems = {key: "day_range" for key in ("window_opens_day", "window_closes_day", "close_day")
                if not _whole_in(values[key], 1, 28)}
    if not _whole_in(values["max_per_department"], 1, 20):
        problems["max_per_department"] = "limit_range"
    if not _whole_in(values["min_per_department"], 0, 20):
        problems["min_per_department"] = "limit_range"
    elif "max_per_department" not in problems and values["min_per_department"] > values["max_per_department"]:
        problems["min_per_department"] = "minimum_above_maximum"
    problems |= _points_scale_problems(values)
    if problems:
        raise Invalid(problems, most=checks.MAX_POINTS)


def _points_scale_problems(values: dict) -> dict[str, str]:
    """Field → problem of the points scale."""
    problems = {}
    if not _whole_in(values["points_cap"], 0, checks.MAX_POINTS):
        problems["points_cap"] = "points_whole"
    if not _whole_in(values["points_cap_month"], 0, checks.MAX_POINTS * 20):
        problems["points_cap_month"] = "points_whole"
    elif "points_cap" not in problems and values["points_cap_month"] < values["points_cap"]:
        problems["points_cap_month"] = "month_cap_below_target_cap"
    try:
        allowed = checks.allowed_points(values["points_allowed"])
    except ValueError:
        problems["points_allowed"] = "points_allowed_format"
    else:
        if "points_cap" not in problems and any(v > values["points_cap"] for v in allowed):
            problems["points_allowed"] = "points_allowed_over_cap"
    return problems


def _whole_in(value, lowest: int, highest: int) -> bool:
    """True for a whole number (not a bool) within the bounds."""
    return isinstance(value, int) and not isinstance(value, bool) and lowest <= value <= highest
