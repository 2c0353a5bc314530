"""Maturity scoring: pure functions on plain values (no Flask, no database).

practice → dimension (weighted mean of the answered practices; not-applicable
answers leave both numerator and denominator) → respondent; only SUBMITTED
questionnaires count (a draft never does); a department's dimension score is
the mean of its own submitted respondents, with their spread; a calibrated
score, when set, replaces the raw mean; a cycle COVERED a department when the
department has a score; the organisation's dimension score is the mean over
the departments the cycle covered; overall scores weight the dimensions by
their weights.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MIN_LEVEL, MAX_LEVEL = 1, 5
EPSILON = 1e-9


@dataclass(frozen=True)
class Spread:
    """Mean of some scores with their dispersion."""

    mean: float | None
    sd: float | None
    low: float | None
    high: float | None
    n: int


@dataclass(frozen=True)
class PracticeRef:
    """What scoring needs to know of a practice."""

    dimension: str
    weight: float = 1.0


@dataclass(frozen=True)
class RespondentRef:
    """Whose answers these are, which department they rate and whether they submitted them."""

    department: int
    perspective: str = "self"
    submitted: bool = True


@dataclass
class CycleInput:
    """Everything a cycle's results are computed from."""

    dimension_weights: dict[str, float]
    practices: dict[int, PracticeRef]
    respondents: dict[int, RespondentRef]
    answers: list[tuple[int, int, int | None]]  # (respondent, practice, level or None = not applicable)
    targets: dict[str, float] = field(default_factory=dict)
    calibrations: dict[tuple[int, str], float] = field(default_factory=dict)
    departments: list[int] = field(default_factory=list)  # the cycle's departments (with or without answers)


@dataclass
class DepartmentResult:
    """One department's scores in a cycle."""

    raw: dict[str, Spread]
    calibrated: dict[str, float]
    scores: dict[str, float | None]
    overall: float | None
    respondents: int
    executive: dict[str, float | None]
    perception_gap: dict[str, float | None]


@dataclass
class CycleResult:
    """A cycle's results at every level."""

    departments: dict[int, DepartmentResult]
    organisation: dict[str, float | None]
    overall: float | None
    target_gaps: dict[str, float | None]
    walls: dict[str, Spread]
    practice_means: dict[int, Spread]


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Mean of (value, weight) pairs; None when nothing has weight."""
    total = weight_sum = 0.0
    for value, weight in pairs:
        total += value * weight
        weight_sum += weight
    return total / weight_sum if weight_sum > 0 else None


def spread(values: Iterable[float | None]) -> Spread:
    """Mean, population standard deviation, range and count of the known values."""
    known = [v for v in values if v is not None]
    if not known:
        return Spread(None, None, None, None, 0)
    mean = sum(known) / len(known)
    sd = math.sqrt(sum((v - mean) ** 2 for v in known) / len(known))
    return Spread(mean, sd, min(known), max(known), len(known))


def level_of(score: float | None) -> int | None:
    """The level a score has reached: 3.0–3.99 is level 3."""
    if score is None:
        return None
    return max(MIN_LEVEL, min(MAX_LEVEL, math.floor(score + EPSILON)))


def difference(a: float | None, b: float | None) -> float | None:
    """a − b, or None when either is unknown."""
    return None if a is None or b is None else a - b


def gap_to_target(target: float | None, score: float | None) -> float | None:
    """How far the score is below the target (negative: above it)."""
    return difference(target, score)


def respondent_scores(answers: Mapping[int, int | None], practices: Mapping[int, PracticeRef]) -> dict[str, float]:
    """One respondent's score per dimension from their answers (not applicable left out)."""
    by_dimension: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for practice_id, level in answers.items():
        if level is None:
            continue
        ref = practices[practice_id]
        by_dimension[ref.dimension].append((float(level), ref.weight))
    scores = {dim: weighted_mean(pairs) for dim, pairs in by_dimension.items()}
    return {dim: score for dim, score in scores.items() if score is not None}


def overall_score(scores: Mapping[str, float | None], weights: Mapping[str, float]) -> float | None:
    """Dimension scores combined by dimension weight; unscored dimensions are left out."""
    return weighted_mean((s, weights.get(d, 1.0)) for d, s in scores.items() if s is not None)


def _submitted_answers(data: CycleInput) -> list[tuple[int, int, int | None]]:
    """The answers of submitted questionnaires only: a draft never counts in any score."""
    return [row for row in data.answers if row[0] in data.respondents and data.respondents[row[0]].submitted]


def _answers_by_respondent(data: CycleInput) -> dict[int, dict[int, int | None]]:
    """Submitted answers grouped per respondent."""
    grouped: dict[int, dict[int, int | None]] = defaultdict(dict)
    for respondent, practice, level in _submitted_answers(data):
        grouped[respondent][practice] = level
    return grouped


def _department_result(dept: int, per_respondent: dict[int, dict[str, float]], data: CycleInput) -> DepartmentResult:
    """Raw, calibrated and effective scores of one department, and the executives' view of it."""
    mine = {rid: ref for rid, ref in data.respondents.items() if ref.department == dept and ref.submitted}
    own = [rid for rid, ref in mine.items() if ref.perspective == "self"]
    execs = [rid for rid, ref in mine.items() if ref.perspective != "self"]
    dims = list(data.dimension_weights)
    raw = {d: spread(per_respondent.get(r, {}).get(d) for r in own) for d in dims}
    calibrated = {d: data.calibrations[(dept, d)] for d in dims if (dept, d) in data.calibrations}
    scores = {d: calibrated.get(d, raw[d].mean) for d in dims}
    executive = {d: spread(per_respondent.get(r, {}).get(d) for r in execs).mean for d in dims}
    # Perception gap: how much higher (positive) or lower the executives rate the department than it rates itself.
    perception = {d: difference(executive[d], raw[d].mean) for d in dims}
    answered = sum(1 for r in own if per_respondent.get(r))
    return DepartmentResult(raw, calibrated, scores, overall_score(scores, data.dimension_weights), answered,
                            executive, perception)


def _practice_means(data: CycleInput) -> dict[int, Spread]:
    """Company-wide mean of each practice over departments' own respondents."""
    levels: dict[int, list[float]] = defaultdict(list)
    for respondent, practice, level in _submitted_answers(data):
        if level is not None and data.respondents[respondent].perspective == "self":
            levels[practice].append(float(level))
    return {practice: spread(values) for practice, values in levels.items()}


def compute(data: CycleInput) -> CycleResult:
    """All results of a cycle from its answers, targets and calibrations."""
    per_respondent = {rid: respondent_scores(ans, data.practices) for rid, ans in _answers_by_respondent(data).items()}
    departments = sorted(set(data.departments) | {ref.department for ref in data.respondents.values()})
    results = {dept: _department_result(dept, per_respondent, data) for dept in departments}
    dims = list(data.dimension_weights)
    # A department without a score on a dimension is left out of that dimension's company mean.
    walls = {d: spread(results[dept].scores[d] for dept in departments) for d in dims}
    organisation = {d: walls[d].mean for d in dims}
    return CycleResult(
        departments=results, organisation=organisation,
        overall=overall_score(organisation, data.dimension_weights),
        target_gaps={d: gap_to_target(data.targets.get(d), organisation[d]) for d in dims},
        walls=walls, practice_means=_practice_means(data),
    )


def covered(result: CycleResult) -> set[int]:
    """The departments a cycle covered: those with a score (a submitted self-assessment or a calibration)."""
    return {dept for dept, res in result.departments.items() if res.overall is not None}


def weakest_practices(means: Mapping[int, Spread], count: int = 5) -> list[tuple[int, Spread]]:
    """The lowest-scoring practices company-wide, lowest first (ties by practice id)."""
    scored = [(pid, s) for pid, s in means.items() if s.mean is not None]
    return sorted(scored, key=lambda item: (item[1].mean, item[0]))[:count]


def top_gaps(result: CycleResult, targets: Mapping[str, float], count: int = 5) -> list[tuple[int, str, float]]:
    """The largest department × dimension shortfalls against the targets, largest first."""
    gaps = []
    for dept, dept_result in result.departments.items():
        for dim, score in dept_result.scores.items():
            gap = gap_to_target(targets.get(dim), score)
            if gap is not None and gap > EPSILON:
                gaps.append((dept, dim, gap))
    return sorted(gaps, key=lambda g: (-g[2], g[0], g[1]))[:count]
