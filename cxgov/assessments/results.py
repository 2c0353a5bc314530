"""Load a cycle's data in a fixed number of queries and compute its results."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from cxgov.assessments import scoring
from cxgov.assessments.models import Answer, Calibration, Cycle, CycleTarget, Dimension, Practice, Respondent
from cxgov.extensions import db
from cxgov.org.models import Department


@dataclass
class CycleView:
    """A cycle's computed results with the records needed to show them."""

    cycle: Cycle
    dimensions: list[Dimension]
    departments: list[Department]
    practices: dict[int, Practice]
    targets: dict[str, float]
    result: scoring.CycleResult
    previous: CycleView | None = None

    def change(self, dim: str, department_id: int | None = None) -> scoring.Change | None:
        """Change of a dimension score since the previous published cycle (company or department)."""
        if self.previous is None:
            return None
        if department_id is None:
            return scoring.change(self.previous.result.organisation.get(dim), self.result.organisation.get(dim))
        before = self.previous.result.departments.get(department_id)
        now = self.result.departments.get(department_id)
        return scoring.change(before.scores.get(dim) if before else None, now.scores.get(dim) if now else None)

    def overall_change(self, department_id: int | None = None) -> scoring.Change | None:
        """Change of the overall score since the previous published cycle."""
        if self.previous is None:
            return None
        if department_id is None:
            return scoring.change(self.previous.result.overall, self.result.overall)
        before = self.previous.result.departments.get(department_id)
        now = self.result.departments.get(department_id)
        return scoring.change(before.overall if before else None, now.overall if now else None)


def cycle_input(cycle: Cycle) -> tuple[scoring.CycleInput, list[Dimension], dict[int, Practice], dict[str, float]]:
    """The plain values scoring needs, read with one query per table."""
    dimensions = list(db.session.scalars(
        sa.select(Dimension).where(Dimension.framework_id == cycle.framework_id).order_by(Dimension.position)))
    by_id = {d.id: d for d in dimensions}
    practices = {p.id: p for p in db.session.scalars(
        sa.select(Practice).where(Practice.dimension_id.in_(by_id)).order_by(Practice.position))}
    respondents = db.session.execute(sa.select(Respondent.id, Respondent.department_id, Respondent.perspective)
                                     .where(Respondent.cycle_id == cycle.id)).all()
    answers = db.session.execute(
        sa.select(Answer.respondent_id, Answer.practice_id, Answer.level).join(Respondent)
        .where(Respondent.cycle_id == cycle.id)).all()
    targets = {by_id[t.dimension_id].code: t.target for t in db.session.scalars(
        sa.select(CycleTarget).where(CycleTarget.cycle_id == cycle.id)) if t.dimension_id in by_id}
    calibrations = {(c.department_id, by_id[c.dimension_id].code): c.score for c in db.session.scalars(
        sa.select(Calibration).where(Calibration.cycle_id == cycle.id)) if c.dimension_id in by_id}
    data = scoring.CycleInput(
        dimension_weights={d.code: d.weight for d in dimensions},
        practices={pid: scoring.PracticeRef(by_id[p.dimension_id].code, p.weight) for pid, p in practices.items()},
        respondents={r.id: scoring.RespondentRef(r.department_id, r.perspective) for r in respondents},
        answers=[(a.respondent_id, a.practice_id, a.level) for a in answers],
        targets=targets, calibrations=calibrations,
    )
    return data, dimensions, practices, targets


def previous_published(cycle: Cycle) -> Cycle | None:
    """The last cycle published before this one."""
    query = sa.select(Cycle).where(Cycle.state == "published", Cycle.id != cycle.id)
    if cycle.published_at is not None:
        query = query.where(Cycle.published_at < cycle.published_at)
    return db.session.scalar(query.order_by(Cycle.published_at.desc()).limit(1))


def load(cycle: Cycle, with_previous: bool = True) -> CycleView:
    """Compute a cycle's results (and, once, its predecessor's for the change)."""
    data, dimensions, practices, targets = cycle_input(cycle)
    department_ids = sorted({d.department_id for d in cycle.departments})
    departments = list(db.session.scalars(
        sa.select(Department).where(Department.id.in_(department_ids)).order_by(Department.code)))
    view = CycleView(cycle, dimensions, departments, practices, targets, scoring.compute(data))
    if with_previous and (before := previous_published(cycle)) is not None:
        view.previous = load(before, with_previous=False)
    return view


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
