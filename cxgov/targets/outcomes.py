"""The outcomes of a whole company's months, summed in SQL, for the company grid (a year of a large company is
~10,000 targets): tallies by month, candidates for the leaderboards, and the few targets worked out one by one."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from cxgov.extensions import db
from cxgov.targets import rollup
from cxgov.targets import status as st
from cxgov.targets.models import Target
from cxgov.targets.queries import closed_months, facts_where


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
        rows = db.session.execute(self._grouped(("month",))).all()
        # Settled months with a target without a stored status (added after the close) are read one by one too.
        unstored = sorted({row.month for row in rows if row.month in self.months.settled and row.status is None})
        self.loose = facts_where(sa.or_(Target.month.in_(self.months.unsettled), sa.and_(
            Target.month.in_(unstored), Target.final_status.is_(None))), today, self.closed)
        # The whole company's tallies by month, with the loose facts: its row, quarters, year and chart.
        self.company = [t for t in (self._tally(row, ("month",)) for row in rows) if t is not None] + self.loose

    def tally(self, by: tuple[str, ...], department_ids: list[int] | None = None, owner_ids: list[int] | None = None,
              counted_only: bool = False) -> list[rollup.Fact]:
        """The targets grouped by some of department, month and owner (of some departments or owners; only approved
        ones of closed months): tallies from SQL, plus the loose facts."""
        query, loose = self._grouped(by), self.loose
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
        tallies = (self._tally(row, by) for row in db.session.execute(query))
        return [t for t in tallies if t is not None] + loose

    def _grouped(self, by: tuple[str, ...]):
        """The statement summing targets by the keys, approval and status.

        Grouped by month, a row's month tells running from settled, so the stored status is read as it is (the
        rows the loose facts stand for are dropped by `_tally`); across months, running months' rows are told
        apart in SQL.
        """
        keys = [TALLY_KEYS[key].label(key) for key in by]
        sums = (sa.func.count(Target.id).label("n"), sa.func.sum(Target.points).label("pts"),
                sa.func.max(Target.month).label("last"))
        if "month" in by:
            status = Target.final_status.label("status")
            return (sa.select(*keys, Target.approval, status, *sums).where(Target.month.in_(self.month_list))
                    .group_by(*keys, Target.approval, Target.final_status))
        status = sa.case((Target.month.in_(self.months.running), sa.null()), else_=Target.final_status).label("status")
        return (sa.select(*keys, Target.approval, status, *sums).where(self._counted_in_sql)
                .group_by(*keys, Target.approval, sa.literal_column("status")))  # by name: PostgreSQL would not
        # match the CASE written twice, each with its own bound parameters

    def _tally(self, row, by: tuple[str, ...]) -> rollup.Tally | None:
        """One group as a tally (None for targets the loose facts stand for)."""
        last = row.month if "month" in by else row.last
        running = last in self.months.running
        if not running and (row.status is None or last not in self.months.settled):
            return None
        return rollup.Tally(row.department if "department" in by else None, last, None if running else row.status,
                            row.pts or 0, row.approval == "approved", not running,
                            row.owner if "owner" in by else None, count=row.n)

    def department_ranking(self, n: int) -> tuple[list[tuple[int, int, float | None]], set[int]]:
        """The first n of the points leaderboard by department (rollup.leaderboard: points, rate, id), and every
        department with a target in the months.

        The candidates are the first in SQL by the stored final statuses (n, plus one for each department with a
        loose fact, which SQL sees only in part); the one roll-up then ranks them over their tallies.
        """
        loose = {f.department for f in self.loose}
        counting = sa.and_(self._stored, Target.approval == "approved")
        won = sa.and_(counting, Target.final_status == st.ACHIEVED)
        rate = sa.func.coalesce(sa.func.sum(_one_if(won)) * 1.0 / sa.func.nullif(sa.func.sum(_one_if(counting)), 0), 0)
        ranked = db.session.scalars(
            sa.select(Target.department_id).where(Target.month.in_(self.month_list)).group_by(Target.department_id)
            .order_by(sa.func.sum(sa.case((won, Target.points), else_=0)).desc(), rate.desc(), Target.department_id)
        ).all()  # every department's id (a few hundred numbers): the first are the candidates
        candidates = sorted(set(ranked[:n + len(loose)]) | loose)
        return rollup.leaderboard(self.tally(("department",), department_ids=candidates))[:n], set(ranked) | loose

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
