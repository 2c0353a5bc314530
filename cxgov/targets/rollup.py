"""Roll-ups of target outcomes: the one definition of achievement and points (pure: no Flask, no database).

Achievement and points count the APPROVED targets of CLOSED months only: a draft nobody approved never counts,
and a month still running has no outcome yet. The targets company page, the quarterly pack and the annual
report all call `achievement` (or the helpers below built on it), so the same year reads the same everywhere.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from cxgov import months
from cxgov.targets.status import ACHIEVED

RUNNING = ("on_track", "at_risk")  # statuses a target has only while its month runs


@dataclass(frozen=True)
class Fact:
    """One target's outcome, as the roll-ups need it.

    `closed` says whether its month is closed; None infers it from the statuses (a month in which some target
    has a running status is open).
    """

    department: int
    month: str
    status: str
    points: int
    approved: bool = True
    closed: bool | None = None
    owner: int | None = None


@dataclass(frozen=True)
class Tally(Fact):
    """`count` targets with the same outcome (department, month, status, approval, closure, owner), read as one
    fact: `points` is the sum of their points. Where a tally spans several months (a department's year, a
    person's), `month` is the last of them; they are all closed or all still running.

    Every roll-up below weighs a fact by its size, so a page may sum in SQL and still use the one definition.
    """

    count: int = 1


def size(fact) -> int:
    """How many targets a fact stands for: one, or a tally's count."""
    return getattr(fact, "count", 1)


def _settled(facts: Iterable) -> list:
    """The facts with `closed` said for each, inferred over ALL of them (a month is closed company-wide), so that
    grouping by department or period never reads a running month as closed."""
    items = list(facts)
    running = set(open_months(items))
    return [f if f.closed is not None else replace(f, closed=f.month not in running) for f in items]


def open_months(facts: Iterable) -> list[str]:
    """Months not closed yet (said so by a fact, or inferred from a running status)."""
    return sorted({f.month for f in facts if f.closed is False or (f.closed is None and f.status in RUNNING)})


def counted(facts: Iterable) -> list:
    """The targets that count: approved, of a closed month."""
    items = list(facts)
    running = set(open_months(items))
    return [f for f in items if f.approved and f.month not in running]


@dataclass(frozen=True)
class Achievement:
    """Achievement of some targets: how many count, how many of those were achieved, their points."""

    counted: int
    achieved: int
    points: int
    left_out: int  # drafts and targets of months not closed yet

    @property
    def rate(self) -> float | None:
        """Share achieved of the targets that count; None when none counts."""
        return self.achieved / self.counted if self.counted else None


def achievement(facts: Iterable) -> Achievement:
    """THE definition: approved targets of closed months, the share achieved and the points they earned."""
    items = list(facts)
    counting = counted(items)
    won = [f for f in counting if f.status == ACHIEVED]
    total, counting_total = sum(map(size, items)), sum(map(size, counting))
    return Achievement(counting_total, sum(map(size, won)), sum(f.points for f in won), total - counting_total)


def rate(facts: Iterable) -> float | None:
    """Share of the counted targets achieved; None without any."""
    return achievement(facts).rate


def points(facts: Iterable) -> int:
    """Incentive points earned: the points of counted targets that were achieved."""
    return achievement(facts).points


def quarter_of(month: str) -> str:
    """'2026-11' → '2026-Q4' (a period for by_period)."""
    return months.quarter_key(month)


def year_of(month: str) -> str:
    """'2026-11' → '2026' (a period for by_period)."""
    return months.year_of(month)


def _group(facts: Iterable, key: Callable) -> dict:
    """Facts grouped by a key function."""
    groups: dict = defaultdict(list)
    for fact in facts:
        groups[key(fact)].append(fact)
    return groups


def _once(period: Callable) -> Callable:
    """The period function, worked out once per month (a year has twelve; a large company ~10,000 facts)."""
    seen: dict = {}

    def of(month: str):
        if month not in seen:
            seen[month] = period(month)
        return seen[month]
    return of


def by_period(facts: Iterable, period=lambda m: m) -> dict[tuple[int, str], float | None]:
    """Achievement rate per (department, period); period maps a month to month, quarter or year."""
    period = _once(period)
    groups = _group(_settled(facts), lambda f: (f.department, period(f.month)))
    return {key: rate(items) for key, items in groups.items()}


def company_by_period(facts: Iterable, period=lambda m: m) -> dict[str, float | None]:
    """The company's achievement rate per period."""
    period = _once(period)
    groups = _group(_settled(facts), lambda f: period(f.month))
    return {key: rate(items) for key, items in sorted(groups.items())}


def streak(facts: Iterable, department: int, closed_months: list[str], minimum: int = 1) -> int:
    """Closed months in a row, counting back from the last, in which the department achieved ≥ minimum counted
    targets."""
    return streaks(facts, [department], closed_months, minimum)[department]


def streaks(facts: Iterable, departments: Iterable[int], closed_months: list[str], minimum: int = 1) -> dict[int, int]:
    """Each department's streak (see `streak`), from one pass over the facts."""
    achieved: dict[tuple[int, str], int] = defaultdict(int)
    for fact in counted(facts):
        if fact.status == ACHIEVED:
            achieved[(fact.department, fact.month)] += size(fact)
    result = {}
    for department in departments:
        count = 0
        for month in reversed(closed_months):
            if achieved[(department, month)] < minimum:
                break
            count += 1
        result[department] = count
    return result


def leaderboard(facts: Iterable) -> list[tuple[int, int, float | None]]:
    """(department, points, rate), most points first, ties by rate then department id."""
    groups = _group(_settled(facts), lambda f: f.department)
    rows = [(d, points(items), rate(items)) for d, items in groups.items()]
    return sorted(rows, key=lambda r: (-r[1], -(r[2] or 0), r[0]))


def owner_leaderboard(facts: Iterable) -> list[tuple[int, int, int]]:
    """(owner, points, targets achieved) per person who owns counted targets, most points first."""
    groups = _group((f for f in counted(facts) if f.owner is not None), lambda f: f.owner)
    rows = [(owner, points(items), achievement(items).achieved) for owner, items in groups.items()]
    return sorted(rows, key=lambda r: (-r[1], -r[2], r[0]))


def grid(facts: Iterable, departments: list[int], month_list: list[str]) -> dict[int, dict[str, float | None]]:
    """Departments × months achievement rates (None where nothing counts: no approved target, or not closed)."""
    rates = by_period(facts)
    return {d: {m: rates.get((d, m)) for m in month_list} for d in departments}
