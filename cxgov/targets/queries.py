"""Reads for the target pages, in a fixed number of queries."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, subqueryload

from cxgov import months
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org.models import Department
from cxgov.targets import operations, rollup
from cxgov.targets import status as st
from cxgov.targets.models import Target, TargetUpdate


def closed_months(today: date | None = None) -> st.ClosedMonths:
    """The months closed on the day, by the one definition (operations.closed_months)."""
    return operations.closed_months(today)


def targets(month: str | None = None, department_id: int | None = None, months: list[str] | None = None,
            owner_id: int | None = None, department_ids: list[int] | None = None) -> list[Target]:
    """Targets with department, owner and updates loaded, in the same number of statements however many there are
    (a select-in load sends one statement per 500 targets; the owners' roles load only if something asks)."""
    query = sa.select(Target).options(joinedload(Target.department), joinedload(Target.owner).lazyload(User.role_rows),
                                      subqueryload(Target.updates))
    if month:
        query = query.where(Target.month == month)
    if months:
        query = query.where(Target.month.in_(months))
    if department_id:
        query = query.where(Target.department_id == department_id)
    if department_ids is not None:
        query = query.where(Target.department_id.in_(department_ids))
    if owner_id:
        query = query.where(Target.owner_id == owner_id)
    return list(db.session.scalars(query.order_by(Target.month, Target.department_id, Target.id)))


def department_rows(locale: str) -> list[sa.Row]:
    """The departments in use, by code, as plain rows: id, name in the locale and lead id (what the board's filter
    and the question "may this person draft for one of them" read; hundreds of objects cost more than the page)."""
    name = Department.name_zh if locale.startswith("zh") else Department.name_en  # as Department.display_name
    return db.session.execute(sa.select(Department.id, name.label("name"), Department.lead_id)
                              .where(Department.archived_at.is_(None)).order_by(Department.code)).all()


def departments_in_use(ids: set[int]) -> list[int]:
    """Some department ids (those with targets in a year) by code, archived ones included: a department archived
    since still had its targets that year, and they count in the company's figures."""
    return list(db.session.scalars(sa.select(Department.id).where(Department.id.in_(ids)).order_by(Department.code)))


def departments_by_id(ids: list[int]) -> dict[int, Department]:
    """Some departments, by id (one statement)."""
    return {d.id: d for d in db.session.scalars(sa.select(Department).where(Department.id.in_(ids)))}


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


def people(ids: list[int]) -> dict[int, sa.Row]:
    """Some people by id: rows of id, name and department id (no person loaded as an object with roles)."""
    rows = db.session.execute(sa.select(User.id, User.name, User.department_id).where(User.id.in_(ids)))
    return {row.id: row for row in rows}


def not_updated(month: str, items: list[Target]) -> list[Target]:
    """Targets of a month without a standing update dated in that month."""
    first, last = months.bounds(month)
    return [t for t in items if t.month == month and not any(first <= u.on_date <= last for u in t.standing_updates)]


def _not_updated(month: str):
    """The condition: a target of the month without a standing update dated in it."""
    first, last = months.bounds(month)
    updated = sa.exists().where(TargetUpdate.target_id == Target.id, TargetUpdate.withdrawn_at.is_(None),
                                TargetUpdate.on_date >= first, TargetUpdate.on_date <= last)
    return sa.and_(Target.month == month, ~updated)


def not_updated_in(month: str, department_ids: list[int] | None = None) -> list[Target]:
    """`not_updated` read in SQL: the month's targets without a standing update dated in it (of some departments,
    if given), with department and owner (one statement, whatever the number of targets)."""
    query = sa.select(Target).options(joinedload(Target.department),
                                      joinedload(Target.owner).lazyload(User.role_rows)).where(_not_updated(month))
    if department_ids is not None:
        query = query.where(Target.department_id.in_(department_ids))
    return list(db.session.scalars(query.order_by(Target.department_id, Target.id)))


def not_updated_count(month: str, department_id: int | None = None) -> int:
    """How many of the month's targets (of one department, if given) have no standing update dated in it."""
    query = sa.select(sa.func.count(Target.id)).where(_not_updated(month))
    if department_id:
        query = query.where(Target.department_id == department_id)
    return db.session.scalar(query)


def last_update_by_target(ids: list[int]) -> dict[int, TargetUpdate]:
    """The actual (latest standing update) of each target id."""
    rows = db.session.scalars(sa.select(TargetUpdate).where(TargetUpdate.target_id.in_(ids),
                                                            TargetUpdate.withdrawn_at.is_(None))
                              .order_by(TargetUpdate.on_date, TargetUpdate.id)).all()
    return {row.target_id: row for row in rows}


def _latest_standing():
    """The id of a target's latest standing update (by date, then entry order), as a correlated subquery."""
    return (sa.select(TargetUpdate.id).where(TargetUpdate.target_id == Target.id, TargetUpdate.withdrawn_at.is_(None))
            .order_by(TargetUpdate.on_date.desc(), TargetUpdate.id.desc()).limit(1)
            .correlate(Target).scalar_subquery())


def achievement_facts(month_list: list[str], today: date, department_id: int | None = None) -> list[rollup.Fact]:
    """The roll-up facts of some months' targets (of one department, if given), for every page, pack and report
    that shows achievement.

    Read as plain rows (each target's definition and its actual, the latest standing update picked in SQL), not
    as targets with their whole update history: a year of a large company is ~10,000 targets and ~30,000 updates.
    The statuses are those of `with_status`: the same pure measure, from the same actual.
    """
    where = Target.month.in_(month_list)
    if department_id:
        where = sa.and_(where, Target.department_id == department_id)
    return facts_where(where, today, closed_months(today))


def facts_where(where, today: date, closed: st.ClosedMonths) -> list[rollup.Fact]:
    """The roll-up facts of the targets a condition picks, each status worked out from its measure."""
    if db.session.autoflush:  # read on the connection, past the session: flush first, as the session would
        db.session.flush()
    rows = db.session.connection().execute(  # plain rows: no ORM bookkeeping per row
        sa.select(Target.department_id, Target.month, Target.kind, Target.direction, Target.baseline,
                  Target.target_value, Target.points, Target.approval, Target.owner_id, TargetUpdate.value,
                  TargetUpdate.done)
        .outerjoin(TargetUpdate, TargetUpdate.id == _latest_standing())
        .where(where).order_by(Target.month, Target.department_id, Target.id))
    closed_by_month: dict[str, bool] = {}
    result = []
    for dept, month, kind, direction, baseline, goal, pts, approval, owner, value, done in rows:
        if month not in closed_by_month:
            closed_by_month[month] = month in closed
        is_closed = closed_by_month[month]
        measure = st.Measure(kind, direction, baseline, goal, value, done)
        result.append(rollup.Fact(dept, month, st.status(measure, month, today, is_closed), pts,
                                  approval == "approved", is_closed, owner))
    return result
