"""Reads for the target pages, in a fixed number of queries."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from cxgov import months
from cxgov.extensions import db
from cxgov.targets import operations, rollup
from cxgov.targets import status as st
from cxgov.targets.models import Target, TargetUpdate


def closed_months(today: date | None = None) -> st.ClosedMonths:
    """The months closed on the day, by the one definition (operations.closed_months)."""
    return operations.closed_months(today)


def targets(month: str | None = None, department_id: int | None = None, months: list[str] | None = None,
            owner_id: int | None = None) -> list[Target]:
    """Targets with department, owner and updates loaded."""
    query = sa.select(Target).options(selectinload(Target.department), selectinload(Target.owner),
                                      selectinload(Target.updates))
    if month:
        query = query.where(Target.month == month)
    if months:
        query = query.where(Target.month.in_(months))
    if department_id:
        query = query.where(Target.department_id == department_id)
    if owner_id:
        query = query.where(Target.owner_id == owner_id)
    return list(db.session.scalars(query.order_by(Target.month, Target.department_id, Target.id)))


def with_status(items: list[Target], today: date) -> list[tuple[Target, str]]:
    """Each target with its status today."""
    closed = closed_months(today)
    return [(t, st.status(operations.measure(t), t.month, today, t.month in closed)) for t in items]


def facts(items: list[tuple[Target, str]], today: date) -> list[rollup.Fact]:
    """Roll-up facts from targets with their statuses on the day: approval, whether the month is closed, the
    owner."""
    closed = closed_months(today)
    return [rollup.Fact(t.department_id, t.month, status, t.points, t.approval == "approved", t.month in closed,
                        t.owner_id) for t, status in items]


def not_updated(month: str, items: list[Target]) -> list[Target]:
    """Targets of a month without a standing update dated in that month."""
    first, last = months.bounds(month)
    return [t for t in items if t.month == month and not any(first <= u.on_date <= last for u in t.standing_updates)]


def last_update_by_target(ids: list[int]) -> dict[int, TargetUpdate]:
    """The actual (latest standing update) of each target id."""
    rows = db.session.scalars(sa.select(TargetUpdate).where(TargetUpdate.target_id.in_(ids),
                                                            TargetUpdate.withdrawn_at.is_(None))
                              .order_by(TargetUpdate.on_date, TargetUpdate.id)).all()
    return {row.target_id: row for row in rows}


def achievement_facts(month_list: list[str], today: date) -> list[rollup.Fact]:
    """The roll-up facts of some months' targets, for every page, pack and report that shows achievement."""
    return facts(with_status(targets(months=month_list), today), today)
