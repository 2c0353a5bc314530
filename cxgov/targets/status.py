"""A target's progress and status from plain values (no Flask, no database).

Status is computed, never typed in: achieved once the actual meets the target;
after the month closes, missed if it never did; before that, on track while the
progress keeps up with the time elapsed (with some slack), else at risk.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cxgov import months

ACHIEVED, ON_TRACK, AT_RISK, MISSED = "achieved", "on_track", "at_risk", "missed"
STATUSES = (ACHIEVED, ON_TRACK, AT_RISK, MISSED)
# Progress may trail the calendar by this share of the month before a target counts as at risk.
SLACK = 0.25


@dataclass(frozen=True)
class Measure:
    """What is being measured and where it stands."""

    kind: str  # numeric or milestone
    direction: str = "higher"  # numeric: higher or lower is better
    baseline: float | None = None
    target: float | None = None
    actual: float | None = None  # latest numeric value
    done: bool | None = None  # latest milestone state


@dataclass(frozen=True)
class Reading:
    """One progress update as the status needs it; `seq` orders updates of the same day (entry order)."""

    on_date: date
    seq: int
    value: float | None = None
    done: bool | None = None
    withdrawn: bool = False  # withdrawn, or replaced by a correction: kept in the history, never counted


def actual(readings) -> Reading | None:
    """The actual: the latest update still standing (by date, then entry order); None without one."""
    standing = [r for r in readings if not r.withdrawn]
    return max(standing, key=lambda r: (r.on_date, r.seq)) if standing else None


def measure_of(kind: str, direction: str, baseline: float | None, target: float | None, readings) -> Measure:
    """A target's measure from its definition and its updates (withdrawn ones left out)."""
    last = actual(readings)
    return Measure(kind, direction, baseline, target, last.value if last else None, last.done if last else None)


# Month arithmetic is the one month module's; these names stay for the target code that reads them.
parse_month = months.parse
month_of = months.month_of
shift_month = months.shift
month_bounds = months.bounds


def elapsed_share(month: str, today: date) -> float:
    """How much of the month has passed on `today`, from 0 (before it) to 1 (after it)."""
    first, last = month_bounds(month)
    if today < first:
        return 0.0
    if today >= last:
        return 1.0
    return (today - first).days / ((last - first).days + 1)


def is_met(measure: Measure) -> bool:
    """True when the latest actual reaches the target."""
    if measure.kind == "milestone":
        return bool(measure.done)
    if measure.actual is None or measure.target is None:
        return False
    if measure.direction == "lower":
        return measure.actual <= measure.target
    return measure.actual >= measure.target


def progress(measure: Measure) -> float:
    """Share of the way from baseline to target, 0..1 (1 when met)."""
    if is_met(measure):
        return 1.0
    if measure.kind == "milestone" or measure.actual is None or measure.target is None:
        return 0.0
    baseline = measure.baseline if measure.baseline is not None else 0.0
    span = measure.target - baseline
    if span == 0:
        return 0.0
    return max(0.0, min(1.0, (measure.actual - baseline) / span))


def status(measure: Measure, month: str, today: date, closed: bool) -> str:
    """achieved, missed (after the close), on track or at risk."""
    if is_met(measure):
        return ACHIEVED
    if closed:
        return MISSED
    return ON_TRACK if progress(measure) >= elapsed_share(month, today) - SLACK else AT_RISK


def drafting_window(month: str, opens_day: int, closes_day: int) -> tuple[date, date]:
    """The days on which leads may draft a month's targets: from opens_day of the month before to closes_day."""
    prev_first, prev_last = month_bounds(shift_month(month, -1))
    first, last = month_bounds(month)
    return (prev_first.replace(day=min(opens_day, prev_last.day)), first.replace(day=min(closes_day, last.day)))


def close_date(month: str, close_day: int) -> date:
    """The day a month locks: close_day of the month after."""
    first, last = month_bounds(shift_month(month, 1))
    return first.replace(day=min(close_day, last.day))


@dataclass(frozen=True)
class ClosedMonths:
    """THE definition of a closed month on a day: its close is recorded (a MonthClose row: by the daily job, a
    settings change or a writer), or its close day has come, whether or not the job has run since.

    A closed month's targets read the same either way: their status is then achieved or missed from the measure
    alone (`status(..., closed=True)` ignores the day), which is also the final status the close records.
    `month in closed` is the test.
    """

    recorded: frozenset[str]
    close_day: int
    today: date

    def __contains__(self, month: object) -> bool:
        """True when the month is closed on the day."""
        return isinstance(month, str) and (month in self.recorded or close_date(month, self.close_day) <= self.today)

    def among(self, months) -> list[str]:
        """The closed ones of some months, in order."""
        return sorted(m for m in months if m in self)
