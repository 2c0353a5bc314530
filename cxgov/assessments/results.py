"""Load cycles' data in a fixed number of queries and compute their results and their history.

The figures themselves are defined in the pure modules: `scoring` (a cycle's scores) and
`comparison` (which cycle speaks for the company, which came before, what changed, as shown).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from cxgov.assessments import comparison, scoring
from cxgov.assessments.models import (
    Answer,
    Calibration,
    Cycle,
    CycleDepartment,
    CycleTarget,
    Dimension,
    Practice,
    Respondent,
)
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


@dataclass
class _Loaded:
    """One cycle's plain inputs and the records to show them; a published cycle's results when already known."""

    data: scoring.CycleInput
    dimensions: list[Dimension]
    practices: dict[int, Practice]
    targets: dict[str, float]
    key: tuple | None = None  # what a published cycle's results are kept under in this process
    result: scoring.CycleResult | None = None


# A published cycle's results do not change: its answers and respondents are closed, and reopening it, changing its
# targets or anything of the cycle row gives it another published_at or version. So each process keeps the results
# of the published cycles it computed, under the cycle, its publication, its version, what its respondents look
# like and every small input (weights, targets, calibrations, departments). Bump SCORING when scoring changes.
SCORING = 1
KEEP = 64  # published cycles' results kept per process (a few kilobytes to a megabyte each)
_kept: dict[tuple, scoring.CycleResult] = {}


def _keep(key: tuple, result: scoring.CycleResult) -> None:
    """Remember a published cycle's results, forgetting the oldest beyond KEEP."""
    _kept[key] = result
    while len(_kept) > KEEP:
        _kept.pop(next(iter(_kept)))


def _respondent_marks(ids: list[int]) -> dict[int, tuple]:
    """Per cycle: how many respondents, the last of them, how many submitted, the last submission and change."""
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(Respondent.cycle_id, sa.func.count(Respondent.id), sa.func.max(Respondent.id),
                  sa.func.count(Respondent.submitted_at), sa.func.max(Respondent.submitted_at),
                  sa.func.max(Respondent.updated_at)).where(Respondent.cycle_id.in_(ids))
        .group_by(Respondent.cycle_id)).all()
    return {row[0]: tuple(str(v) for v in row[1:]) for row in rows}


def _key(cycle: Cycle, data: scoring.CycleInput, marks: tuple | None) -> tuple:
    """What a published cycle's results depend on besides its closed answers."""
    return (str(db.engine.url), SCORING, cycle.id, str(cycle.published_at), cycle.version, marks,
            tuple(data.dimension_weights.items()), tuple(sorted(data.practices.items())),
            tuple(sorted(data.targets.items())), tuple(sorted(data.calibrations.items())), tuple(data.departments))


def _answers(ids: list[int]) -> tuple[list, dict[int, list]]:
    """The respondents of some cycles and their answers grouped by cycle (nothing read without cycles)."""
    if not ids:
        return [], {}
    respondents = db.session.execute(
        sa.select(Respondent.id, Respondent.cycle_id, Respondent.department_id, Respondent.perspective,
                  Respondent.submitted_at).where(Respondent.cycle_id.in_(ids))).all()
    cycle_of = {r.id: r.cycle_id for r in respondents}
    by_cycle: dict[int, list] = defaultdict(list)
    for a in db.session.execute(sa.select(Answer.respondent_id, Answer.practice_id, Answer.level).join(Respondent)
                                .where(Respondent.cycle_id.in_(ids))):
        by_cycle[cycle_of[a[0]]].append(tuple(a))
    return respondents, by_cycle


def _inputs(cycles: list[Cycle]) -> dict[int, _Loaded]:
    """The plain values scoring needs for some cycles, read with one query per table.

    A published cycle whose results this process already computed reads no respondent or answer.
    """
    ids, frameworks = [c.id for c in cycles], {c.framework_id for c in cycles}
    dims_by_fw: dict[int, list[Dimension]] = defaultdict(list)
    for dim in db.session.scalars(sa.select(Dimension).where(Dimension.framework_id.in_(frameworks))
                                  .order_by(Dimension.position)):
        dims_by_fw[dim.framework_id].append(dim)
    dim_by_id = {d.id: d for dims in dims_by_fw.values() for d in dims}
    practices = {p.id: p for p in db.session.scalars(
        sa.select(Practice).where(Practice.dimension_id.in_(dim_by_id)).order_by(Practice.position))}
    targets = db.session.scalars(sa.select(CycleTarget).where(CycleTarget.cycle_id.in_(ids))).all()
    calibrations = db.session.scalars(sa.select(Calibration).where(Calibration.cycle_id.in_(ids))).all()
    participants = db.session.execute(sa.select(CycleDepartment.cycle_id, CycleDepartment.department_id)
                                      .where(CycleDepartment.cycle_id.in_(ids))).all()
    marks = _respondent_marks([c.id for c in cycles if c.state == "published"])
    loaded = {}
    for cycle in cycles:
        dims = dims_by_fw[cycle.framework_id]
        codes = {d.id: d.code for d in dims}
        mine = {pid: p for pid, p in practices.items() if p.dimension_id in codes}
        cycle_targets = {codes[t.dimension_id]: t.target for t in targets
                         if t.cycle_id == cycle.id and t.dimension_id in codes}
        data = scoring.CycleInput(
            dimension_weights={d.code: d.weight for d in dims},
            practices={pid: scoring.PracticeRef(codes[p.dimension_id], p.weight) for pid, p in mine.items()},
            respondents={}, answers=[], targets=cycle_targets,
            calibrations={(c.department_id, codes[c.dimension_id]): c.score for c in calibrations
                          if c.cycle_id == cycle.id and c.dimension_id in codes},
            departments=sorted(p.department_id for p in participants if p.cycle_id == cycle.id))
        key = _key(cycle, data, marks.get(cycle.id)) if cycle.state == "published" else None
        loaded[cycle.id] = _Loaded(data, dims, mine, cycle_targets, key, _kept.get(key) if key else None)
    respondents, answers = _answers([c.id for c in cycles if loaded[c.id].result is None])
    for r in respondents:
        loaded[r.cycle_id].data.respondents[r.id] = scoring.RespondentRef(r.department_id, r.perspective,
                                                                          r.submitted_at is not None)
    for cycle_id, rows in answers.items():
        mine = loaded[cycle_id].practices
        loaded[cycle_id].data.answers = [a for a in rows if a[1] in mine]
    return loaded


def _all_departments() -> dict[int, Department]:
    """Every department, archived or not (for what a cycle expected and what a comparison left out)."""
    return {d.id: d for d in db.session.scalars(sa.select(Department).order_by(Department.code))}


def _record(cycle: Cycle, loaded: _Loaded, result: scoring.CycleResult,
            departments: dict[int, Department]) -> comparison.CycleRecord:
    """What history needs to know of a computed cycle."""
    lifetimes = ((d.id, d.created_at, d.archived_at.date() if d.archived_at else None) for d in departments.values())
    return comparison.CycleRecord(cycle.id, cycle.opens_on, cycle.due_on, cycle.state == "published",
                                  comparison.expected(lifetimes, cycle.created_at, cycle.due_on), result,
                                  loaded.data.dimension_weights)


def _view(cycle: Cycle, loaded: _Loaded, departments: dict[int, Department]) -> CycleView:
    """A computed cycle with the records needed to show it."""
    result = loaded.result
    if result is None:
        result = scoring.compute(loaded.data)
        if loaded.key is not None:
            _keep(loaded.key, result)
    mine = sorted((departments[d] for d in loaded.data.departments if d in departments), key=lambda d: d.code)
    return CycleView(cycle, loaded.dimensions, mine, loaded.practices, loaded.targets, result,
                     _record(cycle, loaded, result, departments), departments)


def views(cycles: Iterable[Cycle]) -> list[CycleView]:
    """Several cycles computed at once (a fixed number of queries), without comparisons."""
    cycles = list(cycles)
    if not cycles:
        return []
    loaded, departments = _inputs(cycles), _all_departments()
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

    def __init__(self, cycles: list[Cycle]):
        self._cycles, self._views = cycles, []
        self._departments: dict[int, Department] | None = None

    def __iter__(self) -> Iterator[comparison.CycleRecord]:
        for index in range(len(self._cycles)):
            yield self._computed(index).record

    def _computed(self, index: int) -> CycleView:
        """The index-th cycle, computed on first use."""
        while len(self._views) <= index:
            if self._departments is None:
                self._departments = _all_departments()
            cycle = self._cycles[len(self._views)]
            self._views.append(_view(cycle, _inputs([cycle])[cycle.id], self._departments))
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
    history = History([c for c in published_cycles() if comparison.period_key(c.opens_on, c.due_on, c.id) < here])
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
