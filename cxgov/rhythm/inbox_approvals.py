"""The CX office's approval queue: draft targets of months still open, approved in bulk through the one gate.

A bulk approval is all or nothing: each chosen target goes through `cxgov.targets.operations.approve`, and the
first refusal stops the batch, names the target and rolls everything back (the view commits only on success).
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from cxgov import clock, months
from cxgov.extensions import db
from cxgov.org.models import Department
from cxgov.rhythm import inbox_labels  # noqa: F401 - registers the wording of the refusals below
from cxgov.rules import Refusal
from cxgov.targets import operations
from cxgov.targets.models import Target


def queue(today: date | None = None) -> list[Target]:
    """Draft targets waiting for approval, by month then department: what the due rule counts, row by row."""
    today = today or clock.today()
    closed = operations.closed_months(today)
    rows = db.session.scalars(
        sa.select(Target).join(Department, Department.id == Target.department_id)
        .where(Target.approval == "draft", Department.archived_at.is_(None),
               Target.month >= months.shift(months.month_of(today), -1))
        .options(selectinload(Target.department), selectinload(Target.owner))
        .order_by(Target.month, Department.code, Target.id)).all()
    return [t for t in rows if t.month not in closed]


def by_month(targets: list[Target]) -> dict[str, list[Target]]:
    """The queue grouped by month, oldest first."""
    grouped: dict[str, list[Target]] = {}
    for target in targets:
        grouped.setdefault(target.month, []).append(target)
    return grouped


def approve_many(target_ids: list[int], by, today: date | None = None) -> list[Target]:
    """Approve every chosen target of the queue, or none: the first refusal names its target."""
    today = today or clock.today()
    chosen = list(dict.fromkeys(target_ids))
    if not chosen:
        raise Refusal("bulk_nothing_chosen")
    waiting = {t.id: t for t in queue(today)}
    if any(target_id not in waiting for target_id in chosen):
        raise Refusal("bulk_not_in_queue")
    for target_id in chosen:
        target = waiting[target_id]
        try:
            operations.approve(target, by, "", today)
        except Refusal as error:
            raise Refusal("bulk_approve_failed", title=target.title, month=target.month, reason=error) from error
    return [waiting[target_id] for target_id in chosen]
