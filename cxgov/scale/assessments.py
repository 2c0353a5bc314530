"""Ten assessment cycles (spring and autumn of five years): nine published with calibrations, the latest open.

Each department that existed when a cycle was set up takes part; its lead and a panel of one to three members
rate it (one respondent per person, department and cycle), and the CEO adds an executive view of a few
customer-facing departments. Answers are drawn around a per-department profile that improves cycle by cycle.
"""
from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from cxgov import months
from cxgov.assessments import operations, results
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
from cxgov.assessments.result_store import StoredResult
from cxgov.extensions import db
from cxgov.scale import words
from cxgov.scale.bulk import table
from cxgov.scale.world import Dept, World, at

SEASONS = (("春季评估 Spring", 3), ("秋季评估 Autumn", 9))


def _schedule(world: World) -> list[tuple[str, date, date, bool]]:
    """(name, opens, due, published) for spring and autumn of each year; the latest opened three weeks ago."""
    first_year, this_year = int(world.first_month[:4]), world.today.year
    plan = []
    for year in range(first_year, this_year + 1):
        for label, month in SEASONS:
            opens = date(year, month, 3)
            plan.append((f"{year} {label} {year}", opens, opens + timedelta(days=18), True))
    name, _opens, _due, _pub = plan[-1]
    opens = world.today - timedelta(days=21)
    plan[-1] = (name, opens, world.today + timedelta(days=10), False)
    return plan


def load(world: World) -> None:
    """The framework (through its gate), then the cycles and everything in them, in bulk."""
    framework = operations.ensure_default_framework()
    dims = db.session.scalars(sa.select(Dimension).where(Dimension.framework_id == framework.id)
                              .order_by(Dimension.position)).all()
    practices = db.session.execute(sa.select(Practice.id, Practice.dimension_id).join(Dimension)
                                   .where(Dimension.framework_id == framework.id)
                                   .order_by(Dimension.position, Practice.position)).all()
    dim_index = {d.id: i for i, d in enumerate(dims)}
    profile = {d.id: [world.rng.uniform(1.4, 3.0) for _ in dims] for d in world.depts}
    growth = {d.id: world.rng.uniform(0.05, 0.25) for d in world.depts}
    rows = {name: [] for name in ("cycles", "departments", "targets", "respondents", "answers", "calibrations")}
    for step, (name, opens, due, published) in enumerate(_schedule(world)):
        cycle_id = world.writer.next_id(table(Cycle))
        rows["cycles"].append({
            "id": cycle_id, "name": name, "framework_id": framework.id, "opens_on": opens, "due_on": due,
            "state": "published" if published else "open", "created_by_id": world.accounts["cxo"],
            "published_at": at(due + timedelta(days=7), 10) if published else None,
            "created_at": at(opens - timedelta(days=7), 10), "updated_at": at(due, 18), "version": 1})
        rows["targets"] += [{"cycle_id": cycle_id, "dimension_id": d.id, "target": 3.0 + (step // 4) * 0.5}
                            for d in dims]
        taking_part = [d for d in world.depts if d.exists_in(months.month_of(opens))]
        for dept in taking_part:
            rows["departments"].append({"cycle_id": cycle_id, "department_id": dept.id})
            levels = [p + growth[dept.id] * step for p in profile[dept.id]]
            _respondents(world, cycle_id, dept, levels, practices, dim_index, due, published, rows)
        if published:
            _calibrations(world, cycle_id, taking_part, dims, due, rows)
    for key, model in (("cycles", Cycle), ("departments", CycleDepartment), ("targets", CycleTarget),
                       ("respondents", Respondent), ("answers", Answer), ("calibrations", Calibration)):
        world.writer.insert(table(model), rows[key])
    _store_results([row["id"] for row in rows["cycles"] if row["state"] == "published"], world)


def _store_results(ids: list[int], world: World) -> None:
    """Store each published cycle's results, as publishing does (one cycle's answers in memory at a time)."""
    for cycle in db.session.scalars(sa.select(Cycle).where(Cycle.id.in_(ids)).order_by(Cycle.id)).all():
        world.writer.counts[table(StoredResult).name] += results.store([cycle])


def _panel(world: World, dept: Dept) -> list[tuple[int, str]]:
    """(user id, perspective): the lead, one to three members, and now and then the CEO's executive view."""
    members = world.rng.sample(dept.member_ids, min(len(dept.member_ids), world.rng.randint(1, 3)))
    panel = [(dept.lead_id, "self")] + [(m, "self") for m in members if m != dept.lead_id]
    if dept.code != "EXO" and world.rng.random() < 0.08:
        panel.append((world.accounts["ceo"], "executive"))
    return panel


def _respondents(world, cycle_id, dept, levels, practices, dim_index, due, published, rows) -> None:
    """A department's panel with its answers: all submitted in a published cycle, some still going in the open one."""
    rng, writer = world.rng, world.writer
    for position, (user_id, perspective) in enumerate(_panel(world, dept)):
        share = 1.0 if published else rng.choice((1.0, 1.0, 0.5, 0.0))
        submitted = share == 1.0
        moment = at(due - timedelta(days=rng.randint(0, 10)) if published else world.today, 11)
        respondent_id = writer.next_id(table(Respondent))
        rows["respondents"].append({
            "id": respondent_id, "cycle_id": cycle_id, "user_id": user_id, "department_id": dept.id,
            "perspective": perspective, "submitted_at": moment if submitted else None, "created_at": moment,
            "updated_at": moment})
        offset = -0.5 if perspective == "executive" else rng.uniform(-0.3, 0.3)
        for index, (practice_id, dimension_id) in enumerate(practices):
            if not submitted and rng.random() > share:
                continue
            level = _level(rng, levels[dim_index[dimension_id]] + offset)
            rows["answers"].append({
                "id": writer.next_id(table(Answer)), "respondent_id": respondent_id, "practice_id": practice_id,
                "level": level, "not_applicable": level is None,
                "evidence": words.EVIDENCE[(index + position) % len(words.EVIDENCE)] if rng.random() < 0.1 else "",
                "created_at": moment, "updated_at": moment, "version": 1})


def _level(rng, base: float) -> int | None:
    """One answer near the department's level; now and then not applicable."""
    if rng.random() < 0.03:
        return None
    return max(1, min(5, round(base + rng.choice((-1, -0.5, 0, 0, 0, 0.5, 1)) * 0.9)))


def _calibrations(world: World, cycle_id: int, depts: list[Dept], dims, due: date, rows) -> None:
    """The calibration meeting moderated a few self-ratings."""
    for dept in world.rng.sample(depts, min(len(depts), max(1, len(depts) // 40))):
        dim = world.rng.choice(dims)
        rows["calibrations"].append({
            "id": world.writer.next_id(table(Calibration)), "cycle_id": cycle_id, "department_id": dept.id,
            "dimension_id": dim.id, "score": round(world.rng.uniform(1.8, 3.6), 1),
            "reason": "校准会议：证据不足，自评偏高。/ Calibration meeting: the evidence did not support the "
                      "self-rating.", "set_by_id": world.accounts["cxo"], "created_at": at(due + timedelta(days=3), 15),
            "updated_at": at(due + timedelta(days=3), 15)})
