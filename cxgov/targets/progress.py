"""The gate of progress: post an update, correct one, withdraw one, record a late actual; the caller commits.

Every door (the target page, the API, the demo) calls `post_update` or `withdraw_update` and only translates
its input; a refusal is a `cxgov.rules.Refusal` (or `Invalid`, field by field), worded in labels.py.
"""
from __future__ import annotations

from contextlib import nullcontext
from datetime import date

from cxgov import clock
from cxgov.audit.tracking import audit_reason
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.permissions import can_override_closed_month, can_update_target, is_read_only
from cxgov.rules import Invalid, Refusal
from cxgov.targets import checks, operations
from cxgov.targets import status as st
from cxgov.targets.models import Target, TargetUpdate


def post_update(target: Target, on_date: date, value: float | None, done: bool | None, note: str, by: User,
                today: date | None = None, reason: str | None = None,
                corrects: TargetUpdate | None = None) -> TargetUpdate:
    """Record progress (or correct an earlier update, which is then withdrawn); the history is kept.

    The date falls in the target's month and not after `today`; a numeric target needs a value, a milestone
    says done or not. After the month closed only an executive may record a late actual, with a reason;
    a correction always needs a reason.
    """
    today = today or clock.today()
    if not can_update_target(by, target) or is_read_only(by):
        raise Refusal("may_not_update", title=target.title)
    reason = (reason or "").strip()
    _check_late(target, by, today, reason)
    if corrects is not None:
        _check_withdrawable(target, corrects, reason)
    _check_update_values(target, on_date, value, done, note, reason, today)
    with audit_reason(reason) if reason else nullcontext():
        if corrects is not None:
            _withdraw(corrects, by, reason)
        update = TargetUpdate(target=target, on_date=on_date, value=value if target.kind == "numeric" else None,
                              done=done if target.kind == "milestone" else None, note=note or "", by_id=by.id,
                              reason=reason, corrects_id=corrects.id if corrects else None)
        db.session.add(update)
        db.session.flush()
        _refresh_final(target, today)
    return update


def withdraw_update(update: TargetUpdate, by: User, today: date, reason: str) -> TargetUpdate:
    """Withdraw a wrong update with a reason: it stays in the history, struck through, and no longer counts."""
    target = update.target
    if not can_update_target(by, target) or is_read_only(by):
        raise Refusal("may_not_update", title=target.title)
    reason = (reason or "").strip()
    _check_late(target, by, today, reason)
    _check_withdrawable(target, update, reason)
    operations.check_text({"reason": reason})
    with audit_reason(reason):
        _withdraw(update, by, reason)
        db.session.flush()
        _refresh_final(target, today)
    return update


def _withdraw(update: TargetUpdate, by: User, reason: str) -> None:
    """Mark an update withdrawn."""
    update.withdrawn_at, update.withdrawn_by_id, update.withdrawal_reason = utcnow(), by.id, reason


def _check_late(target: Target, by: User, today: date, reason: str) -> None:
    """Refuse progress on a closed month, except an executive's late actual with a reason."""
    if not operations.lock_if_due(target.month, today):
        return
    if not can_override_closed_month(by):
        raise Refusal("month_closed", month=target.month)
    if not reason:
        raise Invalid({"reason": "late_reason_required"}, month=target.month)


def _check_withdrawable(target: Target, update: TargetUpdate, reason: str) -> None:
    """Refuse withdrawing or correcting an update of another target, one already withdrawn, or without a reason."""
    if update.target_id != target.id:
        raise Refusal("update_not_found")
    if update.withdrawn_at is not None:
        raise Refusal("update_withdrawn")
    if not reason:
        raise Invalid({"reason": "correction_reason_required"})


def _check_update_values(target: Target, on_date: date | None, value, done, note: str, reason: str,
                         today: date) -> None:
    """Refuse a date outside the month or in the future, a missing or odd value, a milestone without done."""
    problems = checks.text_problems({"note": note or "", "reason": reason})
    first, last = st.month_bounds(target.month)
    if on_date is None:
        problems["on_date"] = "date_required"
    elif not first <= on_date <= last:
        problems["on_date"] = "date_outside_month"
    elif on_date > today:
        problems["on_date"] = "date_in_future"
    if target.kind == "numeric":
        if value is None or isinstance(value, bool) or not isinstance(value, int | float):
            problems["value"] = "value_required"
        elif checks.value_problem(value):
            problems["value"] = checks.value_problem(value)
    elif not isinstance(done, bool):
        problems["done"] = "done_required"
    if problems:
        raise Invalid(problems, month=target.month, today=today)


def _refresh_final(target: Target, today: date) -> None:
    """In a closed month, the final status follows a late actual or a correction."""
    if operations.is_closed(target.month):
        db.session.refresh(target, ["updates"])
        target.final_status = operations.final_status(target, today)
        db.session.flush()
