"""Maturity over time: which cycle speaks for the company, which one came before, what changed (pure).

The definitions every page, the API, the quarterly pack and the annual report use:

- Cycles are ordered by their PERIOD (opens_on, then due_on, then id), never by when they were
  published: republishing a cycle does not move it in history.
- A cycle COVERED a department when the department has a score in it (scoring.covered).
- A cycle EXPECTED the departments that were active when it closed (the loader says which); it is
  FULL when it covered every one of them, otherwise PARTIAL ("4 of 9 departments"). Only a full
  published cycle gives the company figure; a partial one is shown as such and never replaces it.
- The previous cycle of a full cycle is the latest full published cycle whose period ran before;
  of a partial cycle, the latest published cycle before it that covered any of its departments.
- A comparison is like for like: only the departments both cycles covered and the dimensions (by
  code) both framework versions share; what was left out is part of the result.
- A change is computed from the rounded values that are shown (`shown_change`), so the arrow, the
  sign and the two numbers beside it never disagree.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import takewhile

from cxgov.assessments import scoring

UP, DOWN, FLAT = "up", "down", "flat"


@dataclass(frozen=True)
class CycleRecord:
    """What history needs to know of one cycle: its period, whether it is published, its scope and scores."""

    id: int
    opens_on: date
    due_on: date
    published: bool
    expected: frozenset[int]
    result: scoring.CycleResult
    weights: Mapping[str, float]  # dimension code → weight, in the framework's order

    @functools.cached_property  # read per department by the pages and the report: worked out once per record
    def covered(self) -> frozenset[int]:
        """The departments this cycle has a score for."""
        return frozenset(scoring.covered(self.result))


@dataclass(frozen=True)
class Coverage:
    """How much of the company a cycle covered."""

    covered: int
    of: int
    full: bool
    missing: frozenset[int]


def period_key(opens_on: date, due_on: date, cycle_id: int) -> tuple:
    """The order of cycles in history: by the period they ran, never by when they were published."""
    return opens_on, due_on, cycle_id


def key_of(record: CycleRecord) -> tuple:
    """A record's place in history."""
    return period_key(record.opens_on, record.due_on, record.id)


def newest_first(records: Iterable[CycleRecord]) -> list[CycleRecord]:
    """Records from the latest period to the earliest."""
    return sorted(records, key=key_of, reverse=True)


def _in_order(records: Iterable[CycleRecord]) -> Iterator[CycleRecord]:
    """Pass records through, refusing any that comes out of period order (newest first).

    The choices below read history from the latest period backwards and stop at the first cycle that
    fits, so that a loader can load cycles one at a time; a list in another order is a bug.
    """
    last = None
    for record in records:
        if last is not None and key_of(record) > last:
            raise ValueError("cycle records must come newest first (comparison.newest_first)")
        last = key_of(record)
        yield record


def expected(departments: Iterable[tuple[int, datetime, date | None]], set_up_at: datetime,
             due_on: date) -> frozenset[int]:
    """The departments a cycle should cover: (id, created at, archived on) triples that existed when the cycle
    was set up and were not archived by the day it closed (a department founded later never makes it partial)."""
    return frozenset(dept for dept, created_at, archived_on in departments
                     if created_at <= set_up_at and (archived_on is None or archived_on > due_on))


def coverage(record: CycleRecord) -> Coverage:
    """Covered departments out of those expected (plus any covered that are no longer active)."""
    covered = record.covered
    missing = record.expected - covered
    return Coverage(len(covered), len(record.expected | covered), bool(covered) and not missing, missing)


def is_full(record: CycleRecord) -> bool:
    """True when the cycle covered every department it expected: it may speak for the company."""
    return coverage(record).full


def headline(records: Iterable[CycleRecord]) -> CycleRecord | None:
    """The cycle that gives the company figure: the latest full published cycle (records newest first)."""
    return next((r for r in _in_order(records) if r.published and is_full(r)), None)


def previous(record: CycleRecord, records: Iterable[CycleRecord]) -> CycleRecord | None:
    """The cycle to compare with: the latest comparable published cycle whose period ran before (newest first)."""
    earlier = (r for r in _in_order(records) if r.published and key_of(r) < key_of(record))
    if is_full(record):
        return next((r for r in earlier if is_full(r)), None)
    return next((r for r in earlier if r.covered & record.covered), None)


def latest_covering(department: int, records: Iterable[CycleRecord]) -> CycleRecord | None:
    """The latest published cycle that covered a department (records newest first)."""
    return next((r for r in _in_order(records) if r.published and department in r.covered), None)


def partials_after(after: CycleRecord | None, records: Iterable[CycleRecord]) -> list[CycleRecord]:
    """Published partial cycles whose period ran after a headline cycle (all of them without one), newest first."""
    newer = takewhile(lambda r: after is None or key_of(r) > key_of(after), _in_order(records))
    return [r for r in newer if r.published and not is_full(r)]


Pair = tuple[float | None, float | None]


@dataclass(frozen=True)
class Comparison:
    """Two cycles compared like for like, with what was left out of the comparison."""

    before: int
    after: int
    departments: tuple[int, ...]
    dimensions: tuple[str, ...]
    only_before: frozenset[int] = field(default_factory=frozenset)  # covered by the earlier cycle only
    only_after: frozenset[int] = field(default_factory=frozenset)  # covered by the later cycle only
    dimensions_left_out: tuple[str, ...] = ()
    organisation: Mapping[str, Pair] = field(default_factory=dict)
    overall: Pair = (None, None)
    department_scores: Mapping[int, Mapping[str, Pair]] = field(default_factory=dict)
    department_overall: Mapping[int, Pair] = field(default_factory=dict)

    @property
    def left_out(self) -> bool:
        """True when some department or dimension could not be compared."""
        return bool(self.only_before or self.only_after or self.dimensions_left_out)

    def pair(self, dim: str | None = None, department: int | None = None) -> Pair:
        """(before, after) of a dimension or the overall score, for the company or one department."""
        if department is None:
            return self.overall if dim is None else self.organisation.get(dim, (None, None))
        if dim is None:
            return self.department_overall.get(department, (None, None))
        return self.department_scores.get(department, {}).get(dim, (None, None))


def _mean(values: Iterable[float | None]) -> float | None:
    """Mean of the known values."""
    return scoring.spread(values).mean


def _company(result: scoring.CycleResult, departments: Sequence[int], dims: Sequence[str]) -> dict[str, float | None]:
    """The company score per dimension over the given departments only."""
    return {d: _mean(result.departments[dept].scores.get(d) for dept in departments) for d in dims}


def _restricted(scores: Mapping[str, float | None], dims: Sequence[str]) -> dict[str, float | None]:
    """Scores of the shared dimensions only."""
    return {d: scores.get(d) for d in dims}


def compare(before: CycleRecord, after: CycleRecord) -> Comparison:
    """Compare two cycles over the departments both covered and the dimensions both frameworks share."""
    common = tuple(sorted(before.covered & after.covered))
    dims = tuple(d for d in after.weights if d in before.weights)
    weights = {d: after.weights[d] for d in dims}  # one set of weights, so that only the scores differ
    then, now = _company(before.result, common, dims), _company(after.result, common, dims)
    by_dept, overall_by_dept = {}, {}
    for dept in common:
        was = _restricted(before.result.departments[dept].scores, dims)
        is_ = _restricted(after.result.departments[dept].scores, dims)
        by_dept[dept] = {d: (was[d], is_[d]) for d in dims}
        overall_by_dept[dept] = (scoring.overall_score(was, weights), scoring.overall_score(is_, weights))
    return Comparison(
        before=before.id, after=after.id, departments=common, dimensions=dims,
        only_before=before.covered - after.covered, only_after=after.covered - before.covered,
        dimensions_left_out=tuple(sorted(set(before.weights) ^ set(after.weights))),
        organisation={d: (then[d], now[d]) for d in dims},
        overall=(scoring.overall_score(then, weights), scoring.overall_score(now, weights)),
        department_scores=by_dept, department_overall=overall_by_dept)


@dataclass(frozen=True)
class ShownChange:
    """A change as the reader sees it: both values rounded as shown, and the difference of those."""

    before: float
    after: float
    delta: float
    direction: str  # up, down or flat
    places: int
    previous_level: int | None
    level: int | None

    @property
    def crossed_level(self) -> bool:
        """True when the shown score moved into another level."""
        return self.previous_level != self.level

    def as_dict(self) -> dict:
        """Plain data, e.g. for a stored pack."""
        return {"before": self.before, "after": self.after, "delta": self.delta, "direction": self.direction,
                "places": self.places, "previous_level": self.previous_level, "level": self.level,
                "crossed": self.crossed_level}


def shown_change(before: float | None, after: float | None, places: int = 1) -> ShownChange | None:
    """The change between two scores as shown with `places` decimals; None when either is unknown.

    The delta is the difference of the two ROUNDED values, so "2.8 → 2.7" always reads "▼ -0.1" and a
    move hidden by rounding reads "■ 0.0", never "▼ -0.0".
    """
    if before is None or after is None:
        return None
    # round() rounds the exact binary value, as "%.1f" does when the page prints it; multiplying first
    # would not (4.35 * 10 == 43.5 rounds up, "%.1f" % 4.35 prints 4.3).
    then, now = round(before, places), round(after, places)
    units = round(now * 10 ** places) - round(then * 10 ** places)  # whole tenths (or hundredths) apart
    direction = UP if units > 0 else DOWN if units < 0 else FLAT
    return ShownChange(then, now, units / 10 ** places, direction, places, scoring.level_of(then),
                       scoring.level_of(now))
