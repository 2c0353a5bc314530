"""Load cycles' data in a fixed number of queries and compute their results and their history.

Published cycles' results are stored at publication (`store`, `result_store`) and read back while what they
depend on is unchanged (`result_inputs`), so no reader scores every answer of the past again.

The figures themselves are defined in the pure modules: `scoring` (a cycle's scores) and
`comparison` (which cycle speaks for the company, which came before, what changed, as shown).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from cxgov.assessments import comparison, result_store, scoring
from cxgov.assessments.models import Answer, Cycle, Dimension, Practice, Respondent
from cxgov.assessments.result_inputs import Loaded, keep, load_inputs, plain_inputs
from cxgov.extensions import db
from cxgov.org.models import Department

PLACES = 1  # the assessment pages and the home page show scores with one decimal


@dataclass
class CycleView:
    """A cycle's computed results with the records needed to show them, and its comparison with the one before."""

    cycle: Cycle
    dimensions: list[Dimension]
    departments: list[Department]
    practices: dict[int, Practice]
    targets: dict[str, float]
    result: scoring.CycleResult
    record: comparison.CycleRecord
    names: dict[int, Department] = field(default_factory=dict)  # every department, for what was left out
    previous: CycleView | None = None
    comparison: comparison.Comparison | None = None

    @property
    def coverage(self) -> comparison.Coverage:
        """Covered departments out of those expected; full or partial."""
        return comparison.coverage(self.record)

    def change(self, dim: str | None, department_id: int | None = None,
               places: int = PLACES) -> comparison.ShownChange | None:
        """A dimension's (or, with None, the overall) change since the previous cycle, like for like and as shown."""
        if self.comparison is None:
            return None
        return comparison.shown_change(*self.comparison.pair(dim, department_id), places)

    def overall_change(self, department_id: int | None = None,
                       places: int = PLACES) -> comparison.ShownChange | None:
        """The overall score's change since the previous cycle, like for like and as shown."""
        return self.change(None, department_id, places)

    def missing_departments(self) -> list[Department]:
        """The departments this cycle expected but has no score for."""
        return sorted((self.names[d] for d in self.coverage.missing if d in self.names), key=lambda d: d.code)

    def left_out(self) -> dict[str, list]:
        """What the comparison left out: departments covered by one cycle only and unshared dimensions."""
        if self.comparison is None:
            return {"departments": [], "dimensions": []}
        depts = [self.names[d] for d in sorted(self.comparison.only_before | self.comparison.only_after)
                 if d in self.names]
        return {"departments": sorted(depts, key=lambda d: d.code), "dimensions": list(
            self.comparison.dimensions_left_out)}


def store(cycles: Iterable[Cycle]) -> int:
    """Compute published cycles' results afresh and store them with their digest; how many were stored.

    Publishing calls it (the cycle's row replaced in the same transaction), so do the large demo and
    `cxgov store-results`; the caller commits.
    """
    cycles = [c for c in cycles if c.state == "published"]
    loaded = load_inputs(cycles, reuse=False) if cycles else {}
    for cycle in cycles:
        item = loaded[cycle.id]
        result_store.save(cycle.id, item.inputs, scoring.compute(item.data))
    return len(cycles)


def outdated() -> list[Cycle]:
    """Published cycles without stored results, or whose stored results no longer match what they depend on."""
    cycles, stored = published_cycles(), result_store.digests()
    loaded = plain_inputs(cycles) if cycles else {}
    return [c for c in cycles if stored.get(c.id) != loaded[c.id].inputs]


def _all_departments() -> dict[int, Department]:
    """Every department, archived or not (for what a cycle expected and what a comparison left out)."""
    return {d.id: d for d in db.session.scalars(sa.select(Department).order_by(Department.code))}


def _record(cycle: Cycle, loaded: Loaded, result: scoring.CycleResult,
            departments: dict[int, Department]) -> comparison.CycleRecord:
    """What history needs to know of a computed cycle."""
    lifetimes = ((d.id, d.created_at, d.archived_at.date() if d.archived_at else None) for d in departments.values())
    return comparison.CycleRecord(cycle.id, cycle.opens_on, cycle.due_on, cycle.state == "published",
                                  comparison.expected(lifetimes, cycle.created_at, cycle.due_on), result,
                                  loaded.data.dimension_weights)


def _view(cycle: Cycle, loaded: Loaded, departments: dict[int, Department]) -> CycleView:
    """A computed cycle with the records needed to show it."""
    result = loaded.result
    if result is None:
        result = scoring.compute(loaded.data)
        if loaded.key is not None:
            keep(loaded.key, result)
    mine = sorted((departments[d] for d in loaded.data.departments if d in departments), key=lambda d: d.code)
    return CycleView(cycle, loaded.dimensions, mine, loaded.practices, loaded.targets, result,
                     _record(cycle, loaded, result, departments), departments)


def views(cycles: Iterable[Cycle]) -> list[CycleView]:
    """Several cycles computed at once (a fixed number of queries), without comparisons."""
    cycles = list(cycles)
    if not cycles:
        return []
    loaded, departments = load_inputs(cycles), _all_departments()
    return [_view(c, loaded[c.id], departments) for c in cycles]


def published_cycles(published_by: datetime | None = None) -> list[Cycle]:
    """Published cycles (by a moment, when given), newest period first."""
    query = sa.select(Cycle).where(Cycle.state == "published")
    if published_by is not None:
        query = query.where(Cycle.published_at <= published_by)
    cycles = db.session.scalars(query).all()
    return sorted(cycles, key=lambda c: comparison.period_key(c.opens_on, c.due_on, c.id), reverse=True)


class History:
    """Published cycles newest period first, computed one at a time as a reader goes back in time.

    The choices in `comparison` stop at the first cycle that fits, so the home page or a pack usually
    computes two cycles, not all of them. Iterating again reuses what was computed.
    """

    def __init__(self, cycles: list[Cycle], departments: dict[int, Department] | None = None):
        self._cycles, self._views = cycles, []
        self._departments = departments  # every department, read on first use unless a caller has them

    def __iter__(self) -> Iterator[comparison.CycleRecord]:
        for index in range(len(self._cycles)):
            yield self._computed(index).record

    def _computed(self, index: int) -> CycleView:
        """The index-th cycle, computed on first use."""
        while len(self._views) <= index:
            if self._departments is None:
                self._departments = _all_departments()
            cycle = self._cycles[len(self._views)]
            self._views.append(_view(cycle, load_inputs([cycle])[cycle.id], self._departments))
        return self._views[index]

    def view(self, record: comparison.CycleRecord) -> CycleView:
        """The computed view behind a record this history yielded."""
        return next(v for v in self._views if v.record is record)


def compared(view: CycleView, before: CycleView | None) -> CycleView:
    """Attach the previous cycle and the like-for-like comparison to a view."""
    view.previous = before
    view.comparison = comparison.compare(before.record, view.record) if before else None
    return view


def load(cycle: Cycle, with_previous: bool = True) -> CycleView:
    """Compute a cycle's results and, when asked, compare it with the cycle whose period ran before."""
    view = views([cycle])[0]
    if not with_previous:
        return view
    here = comparison.period_key(cycle.opens_on, cycle.due_on, cycle.id)
    history = History([c for c in published_cycles() if comparison.period_key(c.opens_on, c.due_on, c.id) < here],
                      view.names)
    before = comparison.previous(view.record, history)
    return compared(view, history.view(before) if before else None)


def headline(published_by=None) -> tuple[CycleView | None, list[CycleView]]:
    """The company figure (latest full published cycle, compared with the full one before) and later partials."""
    history = History(published_cycles(published_by=published_by))
    latest = comparison.headline(history)
    partials = [history.view(r) for r in comparison.partials_after(latest, history)]
    if latest is None:
        return None, partials
    earlier = comparison.previous(latest, history)
    return compared(history.view(latest), history.view(earlier) if earlier else None), partials


def progress(cycle: Cycle) -> dict[int, tuple[int, int, int]]:
    """Per respondent: (answered practices, total practices, submitted 0/1)."""
    total = db.session.scalar(sa.select(sa.func.count(Practice.id)).join(Dimension)
                              .where(Dimension.framework_id == cycle.framework_id))
    counts = dict(db.session.execute(
        sa.select(Answer.respondent_id, sa.func.count(Answer.id)).join(Respondent)
        .where(Respondent.cycle_id == cycle.id,
               sa.or_(Answer.level.is_not(None), Answer.not_applicable.is_(True)))
        .group_by(Answer.respondent_id)).all())
    return {r.id: (counts.get(r.id, 0), total, 1 if r.submitted_at else 0) for r in cycle.respondents}
