"""The annual report's figures from plain values (pure: no Flask, no session)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from cxgov import months as month_module
from cxgov.targets import rollup

ACHIEVED = "achieved"


def fiscal_months(year: int, start_month: int = 1) -> list[str]:
    """The twelve YYYY-MM months of fiscal year `year`, which starts in `start_month` of that calendar year."""
    first = f"{year:04d}-{start_month:02d}"
    return [month_module.shift(first, index) for index in range(12)]


def fiscal_bounds(year: int, start_month: int = 1) -> tuple[date, date]:
    """First and last day of the fiscal year."""
    months = fiscal_months(year, start_month)
    return month_module.bounds(months[0])[0], month_module.bounds(months[-1])[1]


TargetFact = rollup.Fact  # one target's outcome: the targets feature's roll-up fact


def open_months(facts: Iterable[TargetFact]) -> set[str]:
    """Months still running: some target in them is not closed yet."""
    return set(rollup.open_months(facts))


def target_figures(facts: Iterable[TargetFact], months: Sequence[str]) -> dict:
    """Approved targets set, the achievement over approved targets of closed months (rollup.achievement, the
    definition the targets pages and the quarterly pack use), points, and the company rate per month."""
    items = [f for f in facts if f.month in months]
    approved = [f for f in items if f.approved]
    result = rollup.achievement(items)
    by_month = rollup.company_by_period(items)
    return {"set": _count(approved), "achieved": _count(f for f in approved if f.status == ACHIEVED),
            "rate": result.rate, "decided": result.counted, "achieved_decided": result.achieved,
            "points": result.points, "drafts": _count(items) - _count(approved),
            "open_months": sorted(open_months(approved)), "by_month": [by_month.get(m) for m in months]}


def _count(facts: Iterable[TargetFact]) -> int:
    """How many targets some facts stand for (a tally of targets summed in SQL stands for its count)."""
    return sum(map(rollup.size, facts))


def department_months(facts: Iterable[TargetFact], department: int, months: Sequence[str]) -> list[dict]:
    """A department's twelve months: approved targets achieved of total, the rate once the month is closed,
    points (rollup.achievement)."""
    cells: dict[str, list[TargetFact]] = defaultdict(list)
    for fact in facts:
        if fact.department == department and fact.approved:
            cells[fact.month].append(fact)
    rows = []
    for m in months:
        running = bool(rollup.open_months(cells[m]))
        result = rollup.achievement(cells[m])
        rows.append({"month": m, "achieved": _count(f for f in cells[m] if f.status == ACHIEVED),
                     "total": _count(cells[m]),
                     "open": running, "rate": None if running else result.rate, "points": result.points})
    return rows


def ranking(rates: Mapping[int, float | None]) -> list[int]:
    """Departments from the highest achievement rate to the lowest; those without targets last."""
    return sorted(rates, key=lambda d: (rates[d] is None, -(rates[d] or 0), d))


def share(part: int, whole: int) -> float | None:
    """part / whole, None for an empty whole."""
    return part / whole if whole else None
