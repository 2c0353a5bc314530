"""Five years of monthly targets: about four per department and month, approved, updated weekly, months closed.

The rules the gates enforce hold by construction: at most `max_per_department` targets and `points_cap_month`
points per department and month, each within `points_cap`; titles unique in a department's month; targets only in
months the department existed; every month whose close day has come has its MonthClose row and its targets' final
status (computed by the same pure status module the close uses).
"""
from __future__ import annotations

from datetime import timedelta

from cxgov import months
from cxgov.scale import words
from cxgov.scale.bulk import table
from cxgov.scale.world import Dept, World, at
from cxgov.targets import status as st
from cxgov.targets.models import MonthClose, Target, TargetSettings, TargetUpdate

SETTINGS = {"max_per_department": 5, "min_per_department": 1, "window_opens_day": 20, "window_closes_day": 5,
            "close_day": 5, "points_cap": 50, "points_cap_month": 150, "points_allowed": ""}
POINTS = (10, 15, 20, 25, 30)  # five of them stay within the month's cap of 150
WEEKS = (6, 13, 20, 27)


def load(world: World) -> None:
    """Settings, targets, updates and month closes."""
    writer = world.writer
    writer.insert(table(TargetSettings), [{"id": writer.next_id(table(TargetSettings)), "version": 1, **SETTINGS}])
    closed = [m for m in world.history if st.close_date(m, SETTINGS["close_day"]) <= world.today]
    targets, updates = [], []
    success = {d.id: world.rng.uniform(0.4, 0.85) for d in world.depts}
    for month in world.history:
        for dept in world.live(month):
            for spec, points in _picks(world, dept):
                _target(world, dept, month, spec, points, success[dept.id], month in closed, targets, updates)
    writer.insert(table(Target), targets)
    writer.insert(table(TargetUpdate), updates)
    writer.insert(table(MonthClose), [{"month": m, "closed_by_id": None,
                                       "closed_at": at(st.close_date(m, SETTINGS["close_day"]), 8, 30)}
                                      for m in closed])


def _picks(world: World, dept: Dept) -> list[tuple[tuple, int]]:
    """Three to five different targets from the department's library, with their points."""
    library = words.TARGETS[dept.library]
    count = min(len(library), world.rng.choice((3, 4, 4, 4, 5)))
    return [(spec, world.rng.choice(POINTS)) for spec in world.rng.sample(library, count)]


def _values(world: World, spec: tuple) -> tuple[float | None, float | None]:
    """Baseline and target near the library's, kept sensible (in order, different, a share at most 100)."""
    _title, kind, unit, direction, baseline, target, _dim = spec
    if kind != "numeric":
        return None, None
    factor = world.rng.uniform(0.85, 1.1)
    low, high = round(baseline * factor, 1), round(target * factor * world.rng.uniform(0.97, 1.03), 1)
    if unit == "%":
        low, high = min(low, 99.0), min(high, 99.9)
    if (direction == "lower" and high >= low) or (direction != "lower" and high <= low):
        return float(baseline), float(target)
    return low, high


def _target(world, dept, month, spec, points, success, closed, targets, updates) -> None:
    """One target with its weekly updates, its approval and, in a closed month, its final status."""
    rng, writer = world.rng, world.writer
    title, kind, unit, direction, _b, _t, dimension = spec
    baseline, target_value = _values(world, spec)
    target_id = writer.next_id(table(Target))
    first, last = months.bounds(month)
    drafted = at(first - timedelta(days=rng.randint(3, 10)), rng.randint(9, 18))
    owner = dept.lead_id if rng.random() < 0.5 or not dept.member_ids else rng.choice(dept.member_ids[:8])
    approved = rng.random() < (0.97 if closed else 0.85)
    meets = rng.random() < success
    readings = _updates(world, target_id, kind, baseline, target_value, meets, first, last, owner, updates)
    measure = st.measure_of(kind, direction, baseline, target_value, readings)
    targets.append({
        "id": target_id, "department_id": dept.id, "month": month, "title": title, "description": "",
        "kind": kind, "unit": unit, "direction": direction, "baseline": baseline, "target_value": target_value,
        "owner_id": owner, "dimension_code": dimension, "points": points,
        "evidence": rng.choice(words.EVIDENCE) if rng.random() < 0.2 else "",
        "approval": "approved" if approved else "draft",
        "approved_by_id": world.accounts["cxo"] if approved else None,
        "approved_at": at(first - timedelta(days=rng.randint(0, 2)), 15) if approved else None,
        "review_comment": "", "final_status": st.status(measure, month, world.today, closed=True) if closed else None,
        "carried_from_id": None, "created_by_id": dept.lead_id, "created_at": drafted, "updated_at": drafted,
        "version": 1})


def _updates(world, target_id, kind, baseline, target_value, meets, first, last, by, rows) -> list[st.Reading]:
    """Weekly progress up to today; now and then a typo corrected the same day. Returns the readings."""
    rng, writer = world.rng, world.writer
    days = [first + timedelta(days=d) for d in WEEKS if first + timedelta(days=d) <= min(last, world.today)]
    days = [d for d in days if rng.random() < 0.8] or days[-1:]
    readings = []
    for index, day in enumerate(days):
        share = (index + 1) / len(WEEKS) * (1.05 if meets else 0.7)
        value, done = _reading(rng, kind, baseline, target_value, share, meets and index == len(days) - 1)
        update_id = writer.next_id(table(TargetUpdate))
        moment = at(day, rng.randint(9, 18), rng.randint(0, 59))
        row = {"id": update_id, "target_id": target_id, "on_date": day, "value": value, "done": done,
               "note": rng.choice(words.UPDATE_NOTES), "by_id": by, "reason": "", "corrects_id": None,
               "withdrawn_at": None, "withdrawn_by_id": None, "withdrawal_reason": "", "created_at": moment,
               "updated_at": moment}
        if kind == "numeric" and rng.random() < 0.01:  # the decimal point slipped: withdrawn by a correction
            rows.append(dict(row, value=round(value * 10, 1), withdrawn_at=moment, withdrawn_by_id=by,
                             withdrawal_reason="小数点录错了。The decimal point slipped."))
            readings.append(st.Reading(day, update_id, round(value * 10, 1), None, True))
            row = dict(row, id=writer.next_id(table(TargetUpdate)), corrects_id=update_id,
                       reason="更正录入错误。Corrects a typing slip.")
        rows.append(row)
        readings.append(st.Reading(day, row["id"], value, done, False))
    return readings


def _reading(rng, kind, baseline, target_value, share, last_meets) -> tuple[float | None, bool | None]:
    """A numeric value along the way from baseline to target, or a milestone's done flag."""
    if kind != "numeric":
        return None, last_meets
    noise = rng.uniform(-0.03, 0.03) * abs(target_value - baseline)
    return round(baseline + (target_value - baseline) * min(share, 1.1) + noise, 1), None
