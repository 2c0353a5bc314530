"""Demo history: three published maturity cycles and one open now, with realistic answers.

Answers are drawn around a per-department profile that improves cycle by cycle,
so the results show real differences (the walls) and real change. Everything goes
through the same gates as the pages: respondents through operations.add_respondent
(each department's own people, the CEO for the executive view), answers through
operations.save_answers as their respondent while the cycle is open; only then are
the historic dates set. Every department, the executive office included, takes part,
so each published cycle is a full one and speaks for the company.
"""
from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from cxgov.assessments import operations
from cxgov.assessments.models import Cycle, Dimension, Practice, Respondent
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org.models import Department

# Starting level per department and dimension (LEAD ALIGN LISTEN JOURNEY ENGAGE MOTIV ACTION CAPAB).
PROFILES = {
    "CS": [2.6, 2.2, 3.2, 3.0, 2.8, 2.5, 2.4, 2.6],
    "SAL": [2.4, 2.0, 2.6, 2.4, 2.3, 2.8, 2.0, 2.4],
    "MKT": [2.5, 2.2, 2.8, 2.6, 2.4, 2.2, 2.6, 2.3],
    "PRD": [2.4, 2.0, 2.5, 2.8, 2.5, 2.0, 2.9, 2.6],
    "SCM": [2.0, 1.8, 1.6, 2.2, 2.0, 2.0, 1.7, 2.1],
    "FIN": [1.8, 1.7, 1.4, 1.5, 1.8, 1.9, 1.4, 1.9],
    "HR": [2.2, 2.0, 1.7, 1.6, 3.0, 2.4, 2.5, 2.6],
    "IT": [1.9, 1.8, 1.6, 2.0, 1.9, 1.7, 1.8, 2.5],
    "EXO": [3.0, 2.6, 2.4, 2.2, 2.5, 2.6, 2.2, 2.4],
}
# Improvement per cycle: departments that engaged more moved faster.
GROWTH = {"CS": 0.45, "SAL": 0.3, "MKT": 0.35, "PRD": 0.4, "SCM": 0.35, "FIN": 0.2, "HR": 0.4, "IT": 0.3, "EXO": 0.3}
TARGETS = {"LEAD": 3.5, "ALIGN": 3.0, "LISTEN": 3.5, "JOURNEY": 3.0, "ENGAGE": 3.0, "MOTIV": 3.0, "ACTION": 3.0,
           "CAPAB": 3.0}
CYCLES = [
    ("2025 春季基线评估 Spring 2025 baseline", date(2025, 3, 3), date(2025, 3, 21),
     datetime(2025, 3, 28, 9, tzinfo=UTC)),
    ("2025 秋季评估 Autumn 2025", date(2025, 9, 1), date(2025, 9, 19), datetime(2025, 9, 26, 9, tzinfo=UTC)),
    ("2026 春季评估 Spring 2026", date(2026, 3, 2), date(2026, 3, 20), datetime(2026, 3, 27, 9, tzinfo=UTC)),
    ("2026 秋季评估 Autumn 2026", date(2026, 11, 9), date(2026, 11, 30), None),
]
EXECUTIVE_VIEWS = ("CS", "SAL", "MKT", "SCM")
# In the open cycle: who has submitted, who has a draft (which counts nowhere until submitted) and who has not
# started, by position among the respondents; HR's lead is half-way through.
OPEN_PROGRESS = (1.0, 1.0, 0.5, 0.0)
STILL_DRAFTING = ("lead.hr",)


def _level(rng: random.Random, base: float) -> int | None:
    """One answer near the department's level; now and then not applicable."""
    if rng.random() < 0.03:
        return None
    return max(1, min(5, round(base + rng.choice((-1, -0.5, 0, 0, 0, 0.5, 1)) * 0.9)))


def _answers(rng, code: str, step: int, practices, dims, offset: float, share: float) -> dict:
    """One respondent's answers {practice: (level, not applicable, evidence)} (share < 1: still in progress)."""
    answers = {}
    profile = PROFILES.get(code, [2.0] * 8)
    for index, practice in enumerate(practices):
        if rng.random() > share:
            continue
        dim_index = dims[practice.dimension_id]
        base = profile[dim_index % len(profile)] + GROWTH.get(code, 0.3) * step + offset
        level = _level(rng, base)
        answers[practice.id] = (level, level is None, _evidence(code, practice, index) if rng.random() < 0.12 else "")
    return answers


def _evidence(code: str, practice: Practice, index: int) -> str:
    """A short, plausible evidence note."""
    notes = ["见 2026 年客户之声月报 / see the monthly VoC report", "部门周会纪要 / weekly meeting minutes",
             "NPS 看板截图 / NPS dashboard screenshot", "共创工作坊输出 / workshop output",
             f"流程文件 SOP-{index + 1:02d} / process document"]
    return notes[(len(code) + index) % len(notes)]


def load(users: dict[str, User]) -> list[Cycle]:
    """Create the framework and the four cycles with their answers and one calibration."""
    rng = random.Random(20261122)  # nosec B311  # seeded demo data, not a secret
    framework = operations.ensure_default_framework()
    dimensions = db.session.scalars(sa.select(Dimension).where(Dimension.framework_id == framework.id)
                                    .order_by(Dimension.position)).all()
    dims = {d.id: i for i, d in enumerate(dimensions)}
    practices = db.session.scalars(sa.select(Practice).where(Practice.dimension_id.in_(dims))
                                   .order_by(Practice.dimension_id, Practice.position)).all()
    departments = db.session.scalars(sa.select(Department).where(Department.archived_at.is_(None))
                                     .order_by(Department.code)).all()
    targets = {d.id: TARGETS.get(d.code, 3.0) for d in dimensions}
    office = users["cxo"]
    cycles = []
    for step, (name, opens, due, published) in enumerate(CYCLES):
        cycle = operations.create_cycle(name, framework, opens, due, departments, targets, office)
        cycle.created_at = datetime.combine(opens, datetime.min.time(), UTC)
        for code in EXECUTIVE_VIEWS:
            dept = next(d for d in departments if d.code == code)
            operations.add_respondent(cycle, users["ceo"], dept, "executive", office)
        operations.move(cycle, "open")
        _fill_answers(rng, cycle, step, practices, dims, users, is_open=published is None)
        if published is not None:
            operations.move(cycle, "calibration")
            if step == 2:
                _calibrate(cycle, dimensions, departments, users)
            operations.move(cycle, "published")
            cycle.published_at = published
        cycles.append(cycle)
    db.session.flush()
    return cycles


def _share(respondent: Respondent, index: int, drafting: set[int], is_open: bool) -> float:
    """How much of the questionnaire a respondent has answered."""
    if not is_open:
        return 1.0
    if respondent.user_id in drafting:
        return 0.5
    return OPEN_PROGRESS[index % len(OPEN_PROGRESS)]


def _fill_answers(rng, cycle: Cycle, step: int, practices, dims, users, is_open: bool) -> None:
    """Answers for every respondent, as that respondent; in the open cycle some done, some half-way, some not yet."""
    drafting = {users[key].id for key in STILL_DRAFTING if key in users}
    # Submitted by the due date; in the open cycle, in its first days.
    moment = datetime.combine(cycle.opens_on + timedelta(days=4) if is_open else cycle.due_on, datetime.min.time(), UTC)
    for index, respondent in enumerate(sorted(cycle.respondents, key=lambda r: r.id)):
        code = respondent.department.code
        offset = -0.6 if respondent.perspective == "executive" else rng.uniform(-0.25, 0.25)
        share = _share(respondent, index, drafting, is_open)
        answers = _answers(rng, code, step, practices, dims, offset, share)
        if answers:
            operations.save_answers(respondent, answers, share == 1.0, respondent.user)
        if respondent.submitted_at is not None:
            respondent.submitted_at = moment


def _calibrate(cycle: Cycle, dimensions, departments, users) -> None:
    """The calibration meeting of spring 2026 moderated customer service's self-rating on listening."""
    listen = next(d for d in dimensions if d.code == "LISTEN")
    service = next(d for d in departments if d.code == "CS")
    operations.set_calibration(
        cycle, service.id, listen.id, 3.6,
        "校准会议：投诉闭环率只有 71%，自评偏高，调整为 3.6。/ Calibration meeting: complaint loop closure is only "
        "71%, so the self-rating was moderated to 3.6.", users["cxo"])
