"""The targets' settings and the month's close: reading the settings (never writing on a read), THE definition of
a closed month, a target's measure and status, closing and reopening months, and the settings' gate.

`operations` re-exports all of it, so every door keeps calling `targets.operations.<name>`.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from cxgov import clock
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.operations import check_version
from cxgov.permissions import can_manage_targets
from cxgov.rules import Invalid, Refusal
from cxgov.targets import checks
from cxgov.targets import status as st
from cxgov.targets.models import MonthClose, Target, TargetSettings, TargetUpdate

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
