"""Every write on frameworks, cycles, answers and calibrations; the caller commits."""
from __future__ import annotations

from contextlib import nullcontext
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from cxgov.assessments import framework_io
from cxgov.assessments.models import (
    Answer,
    Calibration,
    Cycle,
    CycleDepartment,
    CycleTarget,
    Dimension,
    Framework,
    Practice,
    Respondent,
)
from cxgov.audit.tracking import audit_reason
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.models import Department

DEFAULT_FRAMEWORK = Path(__file__).parent / "data" / "default_framework.yaml"

# state → the states it may move to
TRANSITIONS = {"draft": {"open"}, "open": {"calibration"}, "calibration": {"published", "open"},
               "published": {"open"}}


class AssessmentError(Exception):
    """A request the rules refuse; the message is shown to the user (already translated)."""


def framework_in_use(framework: Framework) -> bool:
    """True when a cycle pinned this version."""
    return db.session.scalar(sa.select(sa.func.count(Cycle.id)).where(Cycle.framework_id == framework.id)) > 0


def latest_framework(key: str) -> Framework | None:
    """The newest version of a framework."""
    return db.session.scalar(sa.select(Framework).where(Framework.key == key).order_by(Framework.version.desc()))


def _fill(framework: Framework, spec: framework_io.FrameworkSpec) -> None:
    """Copy a validated spec into a framework version."""
    framework.name_en, framework.name_zh = spec.name.en, spec.name.zh
    framework.description_en, framework.description_zh = spec.description.en, spec.description.zh
    framework.level_names = [level.model_dump() for level in spec.levels]
    framework.dimensions = [
        Dimension(code=d.code, position=i, name_en=d.name.en, name_zh=d.name.zh, description_en=d.description.en,
                  description_zh=d.description.zh, weight=d.weight,
                  practices=[Practice(code=p.code, position=j, statement_en=p.statement.en,
                                      statement_zh=p.statement.zh, weight=p.weight,
                                      levels=[lvl.model_dump() for lvl in p.levels])
                             for j, p in enumerate(d.practices)])
        for i, d in enumerate(spec.dimensions)
    ]


def save_framework(spec: framework_io.FrameworkSpec) -> tuple[Framework, bool]:
    """Store a framework: a new version when the latest was used by a cycle. Returns (version, is_new)."""
    latest = latest_framework(spec.key)
    if latest is not None and not framework_in_use(latest):
        latest.dimensions.clear()
        db.session.flush()
        _fill(latest, spec)
        db.session.flush()
        return latest, False
    framework = Framework(key=spec.key, version=(latest.version + 1) if latest else 1)
    _fill(framework, spec)
    db.session.add(framework)
    db.session.flush()
    return framework, True


def ensure_default_framework() -> Framework:
    """Load the shipped framework when no framework exists yet."""
    existing = db.session.scalar(sa.select(Framework).order_by(Framework.id))
    if existing is not None:
        return existing
    spec, errors = framework_io.parse(DEFAULT_FRAMEWORK.read_bytes(), DEFAULT_FRAMEWORK.name)
    if errors:
        raise AssessmentError(f"the shipped framework is invalid: {errors[:3]}")
    return save_framework(spec)[0]


def default_respondents(department: Department) -> list[User]:
    """A department's lead and active members."""
    people = db.session.scalars(
        sa.select(User).where(User.department_id == department.id, User.active.is_(True)).order_by(User.id)).all()
    if department.lead is not None and department.lead.active and department.lead not in people:
        people = [department.lead, *people]
    return list(people)


def create_cycle(name: str, framework: Framework, opens_on: date, due_on: date, departments: list[Department],
                 targets: dict[int, float], created_by: User | None) -> Cycle:
    """A draft cycle with its departments, targets and default respondents."""
    cycle = Cycle(name=name, framework=framework, opens_on=opens_on, due_on=due_on, state="draft",
                  created_by_id=created_by.id if created_by else None)
    db.session.add(cycle)
    cycle.departments = [CycleDepartment(department_id=d.id) for d in departments]
    cycle.targets = [CycleTarget(dimension_id=dim_id, target=value) for dim_id, value in targets.items()]
    db.session.flush()
    for department in departments:
        for person in default_respondents(department):
            add_respondent(cycle, person, department, "self")
    return cycle


def update_cycle(cycle: Cycle, name: str, opens_on: date, due_on: date, targets: dict[int, float]) -> Cycle:
    """Change a cycle's name, dates and targets."""
    cycle.name, cycle.opens_on, cycle.due_on = name, opens_on, due_on
    current = {t.dimension_id: t for t in cycle.targets}
    for dim_id, value in targets.items():
        if dim_id in current:
            current[dim_id].target = value
        else:
            cycle.targets.append(CycleTarget(dimension_id=dim_id, target=value))
    db.session.flush()
    return cycle


def add_respondent(cycle: Cycle, user: User, department: Department, perspective: str) -> Respondent:
    """Ask someone to rate a department in a cycle."""
    existing = db.session.scalar(sa.select(Respondent).where(
        Respondent.cycle_id == cycle.id, Respondent.user_id == user.id, Respondent.department_id == department.id))
    if existing is not None:
        return existing
    respondent = Respondent(cycle_id=cycle.id, user_id=user.id, department_id=department.id, perspective=perspective)
    db.session.add(respondent)
    db.session.flush()
    return respondent


def remove_respondent(respondent: Respondent) -> None:
    """Take someone off a cycle (their answers go with them)."""
    db.session.delete(respondent)
    db.session.flush()


def move(cycle: Cycle, state: str, reason: str | None = None) -> None:
    """Change a cycle's state along the allowed transitions; reopening needs a reason."""
    if state not in TRANSITIONS[cycle.state]:
        raise AssessmentError(f"{cycle.state} → {state}")
    with audit_reason(reason) if reason else nullcontext():
        cycle.state = state
        cycle.published_at = utcnow() if state == "published" else cycle.published_at
        db.session.flush()


def save_answers(respondent: Respondent, answers: dict[int, tuple[int | None, bool, str]], submit: bool) -> None:
    """Store a respondent's answers {practice: (level, not_applicable, evidence)}; optionally submit."""
    existing = {a.practice_id: a for a in respondent.answers}
    for practice_id, (level, not_applicable, evidence) in answers.items():
        answer = existing.get(practice_id)
        if answer is None:
            answer = Answer(practice_id=practice_id)
            respondent.answers.append(answer)
        answer.level = None if not_applicable else level
        answer.not_applicable = not_applicable
        answer.evidence = evidence
    if submit:
        respondent.submitted_at = utcnow()
    db.session.flush()


def reopen_answers(respondent: Respondent) -> None:
    """Let a respondent revise a submitted questionnaire while the cycle is open."""
    respondent.submitted_at = None
    db.session.flush()


def set_calibration(cycle: Cycle, department_id: int, dimension_id: int, score: float | None, reason: str,
                    by: User) -> None:
    """Set (or clear, with score None) a department's calibrated dimension score, with a reason."""
    current = db.session.scalar(sa.select(Calibration).where(
        Calibration.cycle_id == cycle.id, Calibration.department_id == department_id,
        Calibration.dimension_id == dimension_id))
    with audit_reason(reason):
        if score is None:
            if current is not None:
                db.session.delete(current)
        elif current is None:
            db.session.add(Calibration(cycle_id=cycle.id, department_id=department_id, dimension_id=dimension_id,
                                       score=score, reason=reason, set_by_id=by.id))
        else:
            current.score, current.reason, current.set_by_id = score, reason, by.id
        db.session.flush()
