"""Reads for the target pages, in a fixed number of queries."""
from __future__ import annotations

from dataclasses import dataclass
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


def departments() -> list[Department]:
    """The departments in use, by code, without their lead or parent (the board names them and checks who leads
    them by id)."""
    return list(db.session.scalars(sa.select(Department).where(Department.archived_at.is_(None))
                                   .order_by(Department.code)))


def departments_in_use(ids: set[int]) -> list[int]:
    """Those of some department ids not archived, in the order of the department list (by code)."""
    rows = db.session.scalars(sa.select(Department.id).where(Department.archived_at.is_(None))
                              .order_by(Department.code))
    return [dept_id for dept_id in rows if dept_id in ids]


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


@dataclass(frozen=True)
class Closure:
    """Some months by how their outcomes are read: `settled` (the close is recorded: each target's final status
    is stored), `unsettled` (closed by the date, the daily job has not recorded it yet), `running`."""

    settled: list[str]
    unsettled: list[str]
    running: list[str]


def closure(month_list: list[str], closed: st.ClosedMonths) -> Closure:
    """The months split by the one definition of a closed month (closed_months)."""
    return Closure([m for m in month_list if m in closed.recorded],
                   [m for m in month_list if m in closed and m not in closed.recorded],
                   [m for m in month_list if m not in closed])


TALLY_KEYS = {"department": Target.department_id, "month": Target.month, "owner": Target.owner_id}


class Outcomes:
    """The outcomes of some months' targets, summed in SQL, for pages that show a whole company's year.

    A closed month's final status is stored when its close is recorded (and kept up by every late actual,
    correction and edit): those targets are counted in SQL, grouped, as `rollup.Tally`s. Targets of running
    months are counted without a status (they never count towards achievement). Only the targets of a month
    closed by the date but not recorded yet, or without a stored status, are read one by one and their status
    worked out (`facts_where`). The roll-ups then apply the one definition to either.
    """

    def __init__(self, month_list: list[str], today: date) -> None:
        self.closed, self.month_list = closed_months(today), month_list
        self.months = closure(month_list, self.closed)
        self._stored = sa.and_(Target.month.in_(self.months.settled), Target.final_status.is_not(None))
        self._counted_in_sql = sa.or_(self._stored, Target.month.in_(self.months.running))
        self.loose = facts_where(sa.and_(Target.month.in_(month_list), ~self._counted_in_sql), today, self.closed)

    def tally(self, by: tuple[str, ...], department_ids: list[int] | None = None, owner_ids: list[int] | None = None,
              counted_only: bool = False) -> list[rollup.Fact]:
        """The targets grouped by some of department, month and owner (of some departments or owners; only approved
        ones of closed months): tallies from SQL, plus the loose facts."""
        keys = [TALLY_KEYS[key].label(key) for key in by]
        status = sa.case((Target.month.in_(self.months.running), sa.null()), else_=Target.final_status).label("status")
        query = (sa.select(*keys, Target.approval, status, sa.func.count(Target.id).label("n"),
                           sa.func.sum(Target.points).label("pts"), sa.func.max(Target.month).label("last"))
                 .where(self._counted_in_sql)
                 .group_by(*keys, Target.approval, sa.literal_column("status")))  # by name: PostgreSQL would not
        # match the CASE written twice, each with its own bound parameters
        loose = self.loose
        if department_ids is not None:
            query = query.where(Target.department_id.in_(department_ids))
            loose = [f for f in loose if f.department in set(department_ids)]
        if owner_ids is not None:
            query = query.where(Target.owner_id.in_(owner_ids))
            loose = [f for f in loose if f.owner in set(owner_ids)]
        if "owner" in by:
            query = query.where(Target.owner_id.is_not(None))
        if counted_only:
            query = query.where(Target.approval == "approved", Target.month.not_in(self.months.running))
            loose = [f for f in loose if f.approved and f.closed]
        return [self._tally(row, by) for row in db.session.execute(query)] + loose

    @staticmethod
    def _tally(row, by: tuple[str, ...]) -> rollup.Tally:
        """One group as a tally."""
        return rollup.Tally(row.department if "department" in by else None, row.month if "month" in by else row.last,
                            row.status, row.pts or 0, row.approval == "approved", row.status is not None,
                            row.owner if "owner" in by else None, count=row.n)

    def departments(self) -> set[int]:
        """The departments with a target in the months."""
        return set(db.session.scalars(sa.select(Target.department_id).distinct()
                                      .where(Target.month.in_(self.month_list))))

    def department_ranking(self, n: int) -> list[tuple[int, int, float | None]]:
        """The first n of the points leaderboard by department (rollup.leaderboard: points, rate, id).

        The candidates are picked in SQL from the stored final statuses (n, plus one for each department with a
        loose fact, which SQL sees only in part); the one roll-up then ranks them over their tallies.
        """
        loose = {f.department for f in self.loose}
        counting = sa.and_(self._stored, Target.approval == "approved")
        won = sa.and_(counting, Target.final_status == st.ACHIEVED)
        rate = sa.func.coalesce(sa.func.sum(_one_if(won)) * 1.0 / sa.func.nullif(sa.func.sum(_one_if(counting)), 0), 0)
        ranked = db.session.scalars(
            sa.select(Target.department_id).where(Target.month.in_(self.month_list)).group_by(Target.department_id)
            .order_by(sa.func.sum(sa.case((won, Target.points), else_=0)).desc(), rate.desc(), Target.department_id)
            .limit(n + len(loose)))
        candidates = sorted(set(ranked) | loose)
        return rollup.leaderboard(self.tally(("department",), department_ids=candidates))[:n]

    def owner_ranking(self, n: int) -> tuple[list[tuple[int, int, int]], int]:
        """The first n people by points (rollup.owner_leaderboard: points, achieved, id), and how many people own
        targets that count; candidates picked in SQL as for `department_ranking`."""
        loose = {f.owner for f in self.loose if f.owner is not None and f.approved and f.closed}
        counting = sa.and_(self._stored, Target.approval == "approved", Target.owner_id.is_not(None))
        won = Target.final_status == st.ACHIEVED
        ranked = db.session.execute(
            sa.select(Target.owner_id, sa.func.count().over().label("owners")).where(counting)
            .group_by(Target.owner_id)
            .order_by(sa.func.sum(sa.case((won, Target.points), else_=0)).desc(), sa.func.sum(_one_if(won)).desc(),
                      Target.owner_id).limit(n + len(loose))).all()
        tallies = self.tally(("owner",), owner_ids=sorted({row.owner_id for row in ranked} | loose), counted_only=True)
        in_sql = {t.owner for t in tallies if isinstance(t, rollup.Tally)}
        return rollup.owner_leaderboard(tallies)[:n], (ranked[0].owners if ranked else 0) + len(loose - in_sql)


def _one_if(condition):
    """1 where the condition holds, else 0 (to count rows in a sum)."""
    return sa.case((condition, 1), else_=0)
