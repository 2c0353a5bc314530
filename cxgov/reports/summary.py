"""The annual report's figures from plain values (pure: no Flask, no session)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

ACHIEVED = "achieved"
PENDING = ("on_track", "at_risk")  # the month is still running: its outcome is not known yet


def fiscal_months(year: int, start_month: int = 1) -> list[str]:
    """The twelve YYYY-MM months of fiscal year `year`, which starts in `start_month` of that calendar year."""
    months = []
    for index in range(12):
        absolute = year * 12 + (start_month - 1) + index
        months.append(f"{absolute // 12}-{absolute % 12 + 1:02d}")
    return months


def fiscal_bounds(year: int, start_month: int = 1) -> tuple[date, date]:
    """First and last day of the fiscal year."""
    months = fiscal_months(year, start_month)
    last_year, last_month = (int(part) for part in months[-1].split("-"))
    after = date(last_year + (last_month == 12), last_month % 12 + 1, 1)
    return date(int(months[0][:4]), int(months[0][5:]), 1), date.fromordinal(after.toordinal() - 1)


@dataclass(frozen=True)
class TargetFact:
    """One target's outcome."""

    department: int
    month: str
    status: str
    points: int


def _rate(facts: Sequence[TargetFact]) -> float | None:
    """Share achieved of the targets whose outcome is known; None without any."""
    decided = [f for f in facts if f.status not in PENDING]
    return sum(1 for f in decided if f.status == ACHIEVED) / len(decided) if decided else None


def open_months(facts: Iterable[TargetFact]) -> set[str]:
    """Months still running: some target in them has no outcome yet."""
    return {f.month for f in facts if f.status in PENDING}


def target_figures(facts: Iterable[TargetFact], months: Sequence[str]) -> dict:
    """Targets set and achieved, the rate over closed months, points, and the company rate per month."""
    items = [f for f in facts if f.month in months]
    running = open_months(items)
    closed = [f for f in items if f.month not in running]
    by_month: dict[str, list[TargetFact]] = defaultdict(list)
    for fact in closed:
        by_month[fact.month].append(fact)
    return {"set": len(items), "achieved": sum(1 for f in items if f.status == ACHIEVED), "rate": _rate(closed),
            "decided": len(closed), "achieved_decided": sum(1 for f in closed if f.status == ACHIEVED),
            "points": sum(f.points for f in items if f.status == ACHIEVED),
            "open_months": sorted(running), "by_month": [_rate(by_month[m]) for m in months]}


def department_months(facts: Iterable[TargetFact], department: int, months: Sequence[str]) -> list[dict]:
    """A department's twelve months: achieved of total, the rate once the month is over, points."""
    cells: dict[str, list[TargetFact]] = defaultdict(list)
    for fact in facts:
        if fact.department == department:
            cells[fact.month].append(fact)
    return [{"month": m, "achieved": sum(1 for f in cells[m] if f.status == ACHIEVED), "total": len(cells[m]),
             "open": any(f.status in PENDING for f in cells[m]),
             "rate": None if any(f.status in PENDING for f in cells[m]) else _rate(cells[m]),
             "points": sum(f.points for f in cells[m] if f.status == ACHIEVED)} for m in months]


def ranking(rates: Mapping[int, float | None]) -> list[int]:
    """Departments from the highest achievement rate to the lowest; those without targets last."""
    return sorted(rates, key=lambda d: (rates[d] is None, -(rates[d] or 0), d))


def change(before: float | None, after: float | None) -> float | None:
    """after − before, when both are known."""
    return None if before is None or after is None else after - before


def share(part: int, whole: int) -> float | None:
    """part / whole, None for an empty whole."""
    return part / whole if whole else None
