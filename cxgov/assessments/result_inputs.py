"""A cycle's scoring inputs, read in a fixed number of queries; a published cycle's results when already known.

A published cycle's results are kept in this process and stored in the database at publication (`result_store`);
either spares reading and scoring every answer again, as long as what the results depend on has not changed.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa

from cxgov.assessments import result_store, scoring
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


@dataclass
class Loaded:
    """One cycle's plain inputs and the records to show them; a published cycle's results when already known."""

    data: scoring.CycleInput
    dimensions: list[Dimension]
    practices: dict[int, Practice]
    targets: dict[str, float]
    key: tuple | None = None  # what a published cycle's results are kept under in this process
    result: scoring.CycleResult | None = None
    inputs: str | None = None  # a published cycle's digest of what its results depend on (result_store)


# A published cycle's results do not change while what they depend on does not (`result_store.depends_on`): its
# answers are closed, and reopening it deletes its stored row. So each process keeps the results of the published
# cycles it computed or read, under that digest, the database and the cycle's publication and version; a fresh
# process reads them from the row stored at publication while its digest matches, instead of every answer.
KEEP = 64  # published cycles' results kept per process (a few kilobytes to a megabyte each)
kept: dict[tuple, scoring.CycleResult] = {}


def keep(key: tuple, result: scoring.CycleResult) -> None:
    """Remember a published cycle's results, forgetting the oldest beyond KEEP."""
    kept[key] = result
    while len(kept) > KEEP:
        kept.pop(next(iter(kept)))


def _key(cycle: Cycle, inputs: str) -> tuple:
    """What a published cycle's results are kept under in this process: its stored digest and its row."""
    return (str(db.engine.url), str(cycle.published_at), cycle.version, inputs)


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


def load_inputs(cycles: list[Cycle], reuse: bool = True) -> dict[int, Loaded]:
    """The plain values scoring needs for some cycles, read with one query per table.

    A published cycle whose results this process already has, or whose stored results still match what they
    depend on, reads no respondent or answer (unless `reuse` is False: to compute them afresh for storing).
    """
    loaded = plain_inputs(cycles)
    if reuse:
        _reuse(loaded)
    respondents, answers = _answers([c.id for c in cycles if loaded[c.id].result is None])
    for r in respondents:
        loaded[r.cycle_id].data.respondents[r.id] = scoring.RespondentRef(r.department_id, r.perspective,
                                                                          r.submitted_at is not None)
    for cycle_id, rows in answers.items():
        mine = loaded[cycle_id].practices
        loaded[cycle_id].data.answers = [a for a in rows if a[1] in mine]
    return loaded


def plain_inputs(cycles: list[Cycle]) -> dict[int, Loaded]:
    """Every input of some cycles but their respondents and answers; a published cycle's digest of them."""
    ids, frameworks = [c.id for c in cycles], {c.framework_id for c in cycles}
    dims_by_fw: dict[int, list[Dimension]] = defaultdict(list)
    for dim in db.session.scalars(sa.select(Dimension).where(Dimension.framework_id.in_(frameworks))
                                  .order_by(Dimension.position)):
        dims_by_fw[dim.framework_id].append(dim)
    dim_by_id = {d.id: d for dims in dims_by_fw.values() for d in dims}
    practices = {p.id: p for p in db.session.scalars(
        sa.select(Practice).where(Practice.dimension_id.in_(dim_by_id)).order_by(Practice.position))}
    # Plain rows grouped by cycle once: a large company's ten cycles have ~2,000 participations.
    targets = _by_cycle(sa.select(CycleTarget.cycle_id, CycleTarget.dimension_id, CycleTarget.target)
                        .where(CycleTarget.cycle_id.in_(ids)))
    calibrations = _by_cycle(sa.select(Calibration.cycle_id, Calibration.department_id, Calibration.dimension_id,
                                       Calibration.score).where(Calibration.cycle_id.in_(ids)))
    participants = _by_cycle(sa.select(CycleDepartment.cycle_id, CycleDepartment.department_id)
                             .where(CycleDepartment.cycle_id.in_(ids)))
    marks = result_store.respondent_marks([c.id for c in cycles if c.state == "published"])
    loaded = {}
    for cycle in cycles:
        dims = dims_by_fw[cycle.framework_id]
        codes = {d.id: d.code for d in dims}
        mine = {pid: p for pid, p in practices.items() if p.dimension_id in codes}
        cycle_targets = {codes[dim]: target for dim, target in targets[cycle.id] if dim in codes}
        data = scoring.CycleInput(
            dimension_weights={d.code: d.weight for d in dims},
            practices={pid: scoring.PracticeRef(codes[p.dimension_id], p.weight) for pid, p in mine.items()},
            respondents={}, answers=[], targets=cycle_targets,
            calibrations={(dept, codes[dim]): score for dept, dim, score in calibrations[cycle.id] if dim in codes},
            departments=sorted(dept for (dept,) in participants[cycle.id]))
        inputs = (result_store.digest(result_store.depends_on(cycle, data, marks.get(cycle.id)))
                  if cycle.state == "published" else None)
        loaded[cycle.id] = Loaded(data, dims, mine, cycle_targets, _key(cycle, inputs) if inputs else None,
                                  inputs=inputs)
    return loaded


def _by_cycle(statement) -> dict[int, list[tuple]]:
    """Rows whose first column is a cycle id, grouped by it (the id left out), in the order read."""
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for cycle_id, *rest in db.session.execute(statement):
        grouped[cycle_id].append(tuple(rest))
    return grouped


def _reuse(loaded: dict[int, Loaded]) -> None:
    """Published cycles' results kept in this process, else stored and still matching (one query for all)."""
    for item in loaded.values():
        item.result = kept.get(item.key) if item.key else None
    stored = result_store.read([cid for cid, item in loaded.items() if item.key and item.result is None])
    for cycle_id, (inputs, payload) in stored.items():
        item = loaded[cycle_id]
        if inputs == item.inputs:
            item.result = result_store.decode_or_none(payload)
        if item.result is not None:
            keep(item.key, item.result)
