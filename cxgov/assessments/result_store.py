"""Published cycles' results stored at publication, so that no reader has to score every answer again.

A fresh process (a new web worker, the annual report's PDF worker) used to reload every answer of every published
cycle (some 170,000 at a large company) and score them all. Publishing now stores the cycle's `scoring.CycleResult`
with a digest of everything it was computed from besides its answers; a reader uses the stored row while that
digest still matches and computes as before otherwise. Answers cannot change while a cycle is published (they are
written only while it is open), and reopening a cycle deletes its row, so a row speaks for its answers.
"""
from __future__ import annotations

import hashlib
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from cxgov.assessments import scoring
from cxgov.assessments.models import Cycle, Respondent
from cxgov.extensions import db
from cxgov.models_base import UTCDateTime, utcnow

# Bump when scoring changes what it computes, or `encode` how it is stored: every stored row and every result kept
# in a process is then redone.
SCORING = 1


class StoredResult(db.Model):
    """A published cycle's computed results and the digest of what they were computed from.

    Not Audited on purpose: a derived cache, recomputable at any time from audited records (`cxgov store-results`).
    """

    __tablename__ = "assessment_results"

    cycle_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment_cycles.id", ondelete="CASCADE"),
                                          primary_key=True)
    inputs: Mapped[str] = mapped_column(sa.String(64))  # SHA-256 of `depends_on(...)`
    payload: Mapped[dict] = mapped_column(sa.JSON)  # `encode(result)`
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def respondent_marks(ids: list[int]) -> dict[int, tuple]:
    """Per cycle: how many respondents, the last of them, how many submitted, the last submission and change."""
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(Respondent.cycle_id, sa.func.count(Respondent.id), sa.func.max(Respondent.id),
                  sa.func.count(Respondent.submitted_at), sa.func.max(Respondent.submitted_at),
                  sa.func.max(Respondent.updated_at)).where(Respondent.cycle_id.in_(ids))
        .group_by(Respondent.cycle_id)).all()
    return {row[0]: tuple(str(v) for v in row[1:]) for row in rows}


def depends_on(cycle: Cycle, data: scoring.CycleInput, marks: tuple | None) -> tuple:
    """What a published cycle's results depend on besides its closed answers: the one definition of it.

    Not the database, the publication moment nor the row's version: the stored row moves with the data (a copy of
    the database, a demo that dates its publication afterwards) and stays right while these are unchanged.
    """
    return (SCORING, cycle.id, marks, tuple(data.dimension_weights.items()), tuple(sorted(data.practices.items())),
            tuple(sorted(data.targets.items())), tuple(sorted(data.calibrations.items())), tuple(data.departments))


def digest(inputs: tuple) -> str:
    """The SHA-256 of some inputs' text (plain values only: numbers, strings, tuples and frozen dataclasses)."""
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


def _spread(value: scoring.Spread) -> list:
    return [value.mean, value.sd, value.low, value.high, value.n]


def _pairs(mapping: dict, value=lambda v: v) -> list:
    """A dict as [key, value] pairs: JSON keeps int keys, and the order, only this way."""
    return [[key, value(item)] for key, item in mapping.items()]


def _department(result: scoring.DepartmentResult) -> dict:
    return {"raw": _pairs(result.raw, _spread), "calibrated": _pairs(result.calibrated),
            "scores": _pairs(result.scores), "overall": result.overall, "respondents": result.respondents,
            "executive": _pairs(result.executive), "perception_gap": _pairs(result.perception_gap)}


def encode(result: scoring.CycleResult) -> dict:
    """A cycle's results as JSON values (see `decode`)."""
    return {"departments": _pairs(result.departments, _department), "organisation": _pairs(result.organisation),
            "overall": result.overall, "target_gaps": _pairs(result.target_gaps),
            "walls": _pairs(result.walls, _spread), "practice_means": _pairs(result.practice_means, _spread)}


def _dict(pairs: list, value=lambda v: v) -> dict:
    return {key: value(item) for key, item in pairs}


def _unspread(values: list) -> scoring.Spread:
    return scoring.Spread(*values)


def _undepartment(data: dict) -> scoring.DepartmentResult:
    return scoring.DepartmentResult(
        raw=_dict(data["raw"], _unspread), calibrated=_dict(data["calibrated"]), scores=_dict(data["scores"]),
        overall=data["overall"], respondents=data["respondents"], executive=_dict(data["executive"]),
        perception_gap=_dict(data["perception_gap"]))


def decode(data: dict) -> scoring.CycleResult:
    """The results `encode` wrote, equal to the computed ones (int keys, order and every float exactly)."""
    return scoring.CycleResult(
        departments=_dict(data["departments"], _undepartment), organisation=_dict(data["organisation"]),
        overall=data["overall"], target_gaps=_dict(data["target_gaps"]), walls=_dict(data["walls"], _unspread),
        practice_means=_dict(data["practice_means"], _unspread))


def decode_or_none(data) -> scoring.CycleResult | None:
    """The results a row holds, or None when it is not what `encode` writes (then they are computed again)."""
    try:
        return decode(data)
    except (KeyError, TypeError, ValueError):
        return None


def read(ids: list[int]) -> dict[int, tuple[str, dict]]:
    """The stored (digest, payload) of some cycles, in one query; nothing read without cycles."""
    if not ids:
        return {}
    rows = db.session.execute(sa.select(StoredResult.cycle_id, StoredResult.inputs, StoredResult.payload)
                              .where(StoredResult.cycle_id.in_(ids)))
    return {cycle_id: (inputs, payload) for cycle_id, inputs, payload in rows}


def digests() -> dict[int, str]:
    """Every stored row's digest by cycle (what `cxgov store-results` compares)."""
    return dict(db.session.execute(sa.select(StoredResult.cycle_id, StoredResult.inputs)).all())


def save(cycle_id: int, inputs: str, result: scoring.CycleResult) -> None:
    """Store a cycle's results, replacing an older row."""
    row = db.session.get(StoredResult, cycle_id)
    if row is None:
        row = StoredResult(cycle_id=cycle_id)
        db.session.add(row)
    row.inputs, row.payload, row.computed_at = inputs, encode(result), utcnow()
    db.session.flush()


def drop(cycle_id: int) -> None:
    """Forget a cycle's stored results (it was reopened: its answers may change)."""
    db.session.execute(sa.delete(StoredResult).where(StoredResult.cycle_id == cycle_id))
