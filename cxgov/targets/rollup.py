"""Roll-ups of target statuses: achievement rates, points, streaks, grids, leaderboard (pure)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cxgov.targets.status import ACHIEVED, parse_month


@dataclass(frozen=True)
class Fact:
    """One target's outcome, as the roll-ups need it."""

    department: int
    month: str
    status: str
    points: int


def quarter_of(month: str) -> str:
    """'2026-11' → '2026-Q4'."""
    year, mon = parse_month(month)
    return f"{year}-Q{(mon - 1) // 3 + 1}"


def year_of(month: str) -> str:
    """'2026-11' → '2026'."""
    return month[:4]


def rate(facts: Iterable[Fact]) -> float | None:
    """Share of targets achieved; None without targets."""
    items = list(facts)
    if not items:
        return None
    return sum(1 for f in items if f.status == ACHIEVED) / len(items)


def points(facts: Iterable[Fact]) -> int:
    """Incentive points earned: the points of achieved targets."""
    return sum(f.points for f in facts if f.status == ACHIEVED)


def by_period(facts: Iterable[Fact], period=lambda m: m) -> dict[tuple[int, str], float | None]:
    """Achievement rate per (department, period); period maps a month to month, quarter or year."""
    groups: dict[tuple[int, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        groups[(fact.department, period(fact.month))].append(fact)
    return {key: rate(items) for key, items in groups.items()}


def company_by_period(facts: Iterable[Fact], period=lambda m: m) -> dict[str, float | None]:
    """The company's achievement rate per period."""
    groups: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        groups[period(fact.month)].append(fact)
    return {key: rate(items) for key, items in sorted(groups.items())}


def streak(facts: Iterable[Fact], department: int, months: list[str], minimum: int = 1) -> int:
    """Months in a row, counting back from the last of `months`, in which the department achieved ≥ minimum."""
    achieved = defaultdict(int)
    for fact in facts:
        if fact.department == department and fact.status == ACHIEVED:
            achieved[fact.month] += 1
    count = 0
    for month in reversed(months):
        if achieved[month] < minimum:
            break
        count += 1
    return count


def leaderboard(facts: Iterable[Fact]) -> list[tuple[int, int, float | None]]:
    """(department, points, rate), most points first, ties by rate then department id."""
    items = list(facts)
    departments = sorted({f.department for f in items})
    rows = [(d, points(f for f in items if f.department == d), rate(f for f in items if f.department == d))
            for d in departments]
    return sorted(rows, key=lambda r: (-r[1], -(r[2] or 0), r[0]))


def grid(facts: Iterable[Fact], departments: list[int], months: list[str]) -> dict[int, dict[str, float | None]]:
    """Departments × months achievement rates (None where a department had no target)."""
    rates = by_period(facts)
    return {d: {m: rates.get((d, m)) for m in months} for d in departments}
