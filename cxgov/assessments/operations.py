"""Every write on frameworks, cycles, answers and calibrations; the caller commits."""
from __future__ import annotations

from collections.abc import Mapping
from contextlib import nullcontext
from datetime import date
from functools import cache
from pathlib import Path

import sqlalchemy as sa

from cxgov.assessments import framework_io, result_store, results
from cxgov.assessments.models import (
    PERSPECTIVES,
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
from cxgov.permissions import EXECUTIVE, can_answer, can_manage_assessments, is_read_only
from cxgov.rules import Invalid, Refusal

DEFAULT_FRAMEWORK = Path(__file__).parent / "data" / "default_framework.yaml"

# state → the states it may move to
TRANSITIONS = {"draft": {"open"}, "open": {"calibration"}, "calibration": {"published", "open"},
               "published": {"open"}}
LEVELS = range(1, 6)
MAX_EVIDENCE = 2000
CHANGING_RESPONDENTS = ("draft", "open")  # the states in which respondents may be added or removed


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


@cache
def _shipped_framework() -> tuple[framework_io.FrameworkSpec | None, list[tuple[str, str]]]:
    """The shipped framework file, read once per process: it does not change, and parsing it takes ~0.2 s."""
    return framework_io.parse(DEFAULT_FRAMEWORK.read_bytes(), DEFAULT_FRAMEWORK.name)


def ensure_default_framework() -> Framework:
    """Load the shipped framework when no framework exists yet."""
    existing = db.session.scalar(sa.select(Framework).order_by(Framework.id))
    if existing is not None:
        return existing
    spec, errors = _shipped_framework()
    if errors:
        raise Refusal("framework_invalid", problems="; ".join(str(e) for e in errors[:3]))
    return save_framework(spec)[0]


def _about(user: User, department: Department) -> dict:
    """The arguments a respondent refusal is worded with (names in both languages, never translated here)."""
    return {"name": user.name, "department_code": department.code, "department_en": department.name_en,
            "department_zh": department.name_zh}


def respondent_problem(user: User, department: Department, perspective: str) -> str | None:
    """Why someone may not rate a department from a perspective, as a refusal code; None when they may.

    A self respondent belongs to the rated department; an executive view comes from an executive;
    viewers (read-only), accounts without a department and inactive accounts never respond.
    """
    if perspective not in PERSPECTIVES:
        return "respondent_perspective_unknown"
    if not user.active:
        return "respondent_inactive"
    if is_read_only(user):
        return "respondent_read_only"
    if user.department_id is None:
        return "respondent_without_department"
    if perspective == "self" and user.department_id != department.id:
        return "respondent_not_member"
    if perspective == "executive" and not user.has_role(EXECUTIVE):
        return "respondent_not_executive"
    return None


def default_respondents(department: Department) -> list[User]:
    """Who rates a department by default: its people who may give its self-assessment, lead first."""
    people = db.session.scalars(sa.select(User).where(User.department_id == department.id).order_by(User.id)).all()
    people = sorted(people, key=lambda u: (u.id != department.lead_id, u.id))
    return [u for u in people if respondent_problem(u, department, "self") is None]


def create_cycle(name: str, framework: Framework, opens_on: date, due_on: date, departments: list[Department],
                 targets: dict[int, float], created_by: User | None) -> Cycle:
    """A draft cycle with its departments, targets and default respondents (each through the respondent gate)."""
    cycle = Cycle(name=name, framework=framework, opens_on=opens_on, due_on=due_on, state="draft",
                  created_by_id=created_by.id if created_by else None)
    db.session.add(cycle)
    cycle.departments = [CycleDepartment(department_id=d.id) for d in departments]
    cycle.targets = [CycleTarget(dimension_id=dim_id, target=value) for dim_id, value in targets.items()]
    db.session.flush()
    for department in departments:
        for person in default_respondents(department):
            add_respondent(cycle, person, department, "self", created_by)
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


def _check_changing_respondents(cycle: Cycle, by: User | None) -> None:
    """Respondents change only by the CX office or an executive, while the cycle is a draft or open.

    `by` is None only for the system itself (a cycle's default respondents when no person is named).
    """
    if by is not None and not can_manage_assessments(by):
        raise Refusal("respondents_not_allowed")
    if cycle.state not in CHANGING_RESPONDENTS:
        raise Refusal("respondents_closed")


def add_respondent(cycle: Cycle, user: User, department: Department, perspective: str,
                   by: User | None) -> Respondent:
    """Ask someone to rate a department in a cycle: the one gate every door (page, defaults, demo) goes through."""
    _check_changing_respondents(cycle, by)
    if department.id not in {cd.department_id for cd in cycle.departments}:
        raise Refusal("respondent_department_not_in_cycle", **_about(user, department))
    problem = respondent_problem(user, department, perspective)
    if problem is not None:
        raise Refusal(problem, **_about(user, department))
    if db.session.scalar(sa.select(Respondent.id).where(
            Respondent.cycle_id == cycle.id, Respondent.user_id == user.id,
            Respondent.department_id == department.id)) is not None:
        raise Refusal("respondent_exists", **_about(user, department))
    respondent = Respondent(cycle_id=cycle.id, user_id=user.id, department_id=department.id, perspective=perspective)
    db.session.add(respondent)
    db.session.flush()
    return respondent


def remove_respondent(respondent: Respondent, by: User | None) -> None:
    """Take someone off a cycle (their answers go with them)."""
    _check_changing_respondents(respondent.cycle, by)
    db.session.delete(respondent)
    db.session.flush()


def move(cycle: Cycle, state: str, reason: str | None = None) -> None:
    """Change a cycle's state along the allowed transitions; reopening a published cycle needs a reason."""
    if state not in TRANSITIONS[cycle.state]:
        raise Refusal("cycle_transition", state=cycle.state, target=state)
    if cycle.state == "published" and not (reason or "").strip():
        raise Refusal("cycle_reopen_reason")
    opening, reopening = cycle.state == "draft" and state == "open", cycle.state == "published"
    with audit_reason(reason) if reason else nullcontext():
        cycle.state = state
        cycle.published_at = utcnow() if state == "published" else cycle.published_at
        db.session.flush()
    if state == "published":
        results.store([cycle])  # in this transaction: readers then never score every answer again
    elif reopening:
        result_store.drop(cycle.id)  # deleted, not merely unused: its answers may now change
    if opening or state == "published":
        from cxgov.rhythm import chat  # the chat hears of it once the caller commits

        chat.announce(chat.CYCLE_OPENED if opening else chat.RESULTS_PUBLISHED, cycle=cycle)


def _check_answering(respondent: Respondent, by: User) -> None:
    """Only the respondent, still allowed to rate that department, while the cycle is open (a respondent who has
    since become a viewer is told so, not that the questionnaire is someone else's)."""
    if by is None or respondent.user_id != by.id:
        raise Refusal("answer_not_yours")
    if respondent.cycle.state != "open":
        raise Refusal("answer_cycle_not_open")
    problem = respondent_problem(respondent.user, respondent.department, respondent.perspective)
    if problem is not None:
        raise Refusal(problem, **_about(respondent.user, respondent.department))
    if not can_answer(by, respondent):  # whatever else the permission module refuses
        raise Refusal("answer_not_yours")


def _level_problem(level, not_applicable) -> bool:
    """True unless the value is a level 1–5, or not applicable without a level (or nothing yet)."""
    if not_applicable is not True and not_applicable is not False:
        return True
    if not_applicable:
        return level is not None
    return level is not None and (type(level) is not int or level not in LEVELS)


def _answer_problems(respondent: Respondent, answers: Mapping, submit: bool) -> dict[str, str]:
    """Field → problem code for every answer out of range, too long, unknown or (when submitting) missing."""
    practices = db.session.scalars(sa.select(Practice.id).join(Dimension).where(
        Dimension.framework_id == respondent.cycle.framework_id).order_by(Practice.id)).all()
    known, problems = set(practices), {}
    for practice_id, (level, not_applicable, evidence) in answers.items():
        if practice_id not in known:
            problems[f"practice-{practice_id}"] = "answer_unknown_practice"
        elif _level_problem(level, not_applicable):
            problems[f"practice-{practice_id}"] = "answer_level"
        elif not isinstance(evidence, str) or len(evidence) > MAX_EVIDENCE:
            problems[f"practice-{practice_id}"] = "answer_evidence_too_long"
    if submit:
        existing = {a.practice_id: (a.level, a.not_applicable) for a in respondent.answers}
        for practice_id in practices:
            level, not_applicable = answers[practice_id][:2] if practice_id in answers else existing.get(
                practice_id, (None, False))
            if level is None and not not_applicable:
                problems.setdefault(f"practice-{practice_id}", "answer_missing")
    return problems


def save_answers(respondent: Respondent, answers: Mapping[int, tuple[int | None, bool, str]], submit: bool,
                 by: User) -> None:
    """Store a respondent's answers {practice: (level, not_applicable, evidence)}; optionally submit.

    The one gate for answers: only the respondent, only while the cycle is open and not yet submitted,
    a level 1–5 or not applicable, evidence up to MAX_EVIDENCE characters, every practice before submitting.
    Nothing is written when anything is refused.
    """
    _check_answering(respondent, by)
    existing = _claim(respondent)
    if respondent.submitted_at is not None:
        raise Refusal("answer_already_submitted")
    problems = _answer_problems(respondent, answers, submit)
    if problems:
        raise Invalid(problems, max_evidence=MAX_EVIDENCE)
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


def _claim(respondent: Respondent) -> dict[int, Answer]:
    """Hold the respondent's row until the caller commits, then read its answers as they are now, by practice.

    Two saves of one questionnaire at once (two tabs, a double click) both found a practice unanswered and both
    inserted it: the second broke the unique constraint, a 500. Writing the row first makes the second save wait
    for the first (PostgreSQL's row lock, SQLite's one writer) and then read what it stored: the later save wins.
    """
    db.session.execute(sa.update(Respondent).where(Respondent.id == respondent.id).values(updated_at=utcnow()))
    db.session.refresh(respondent)
    answers = db.session.scalars(sa.select(Answer).where(Answer.respondent_id == respondent.id)
                                 .execution_options(populate_existing=True)).all()
    return {answer.practice_id: answer for answer in answers}


def reopen_answers(respondent: Respondent, by: User) -> None:
    """Let a respondent revise their own submitted questionnaire while the cycle is open (it stops counting)."""
    _check_answering(respondent, by)
    if respondent.submitted_at is None:
        raise Refusal("answer_not_submitted")
    respondent.submitted_at = None
    db.session.flush()


def set_calibration(cycle: Cycle, department_id: int, dimension_id: int, score: float | None, reason: str,
                    by: User) -> None:
    """Set (or clear, with score None) a department's calibrated dimension score, with a reason."""
    if cycle.state != "calibration":
        raise Refusal("calibration_closed")
    if score is not None and not 1 <= score <= 5:
        raise Refusal("calibration_range")
    if not (reason or "").strip():
        raise Refusal("calibration_reason")
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
