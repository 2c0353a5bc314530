"""The quarterly meeting pack from plain values (pure: no Flask, no session).

The pack is stored as JSON when the meeting starts, so it holds codes and both languages' names,
never translated labels: the page and the PDF translate at render time.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from cxgov import months
from cxgov.targets import rollup

GREEN, AMBER, RED, NONE, OPEN = "green", "amber", "red", "none", "open"
GREEN_FROM, AMBER_FROM = 0.8, 0.5  # achievement rates at which a month turns green or amber
ACHIEVED, MISSED, AT_RISK = "achieved", "missed", "at_risk"
PENDING = ("on_track", "at_risk")  # the month is still running


def quarter_months(year: int, quarter: int) -> list[str]:
    """The three YYYY-MM months of a quarter."""
    first = (quarter - 1) * 3 + 1
    return [f"{year}-{month:02d}" for month in range(first, first + 3)]


def quarter_of(day: date) -> tuple[int, int]:
    """(year, quarter) of a day."""
    return months.quarter_of(months.month_of(day))


previous_quarter = months.previous_quarter


def light(rate: float | None) -> str:
    """Traffic light of an achievement rate: green from 80%, amber from 50%, red below, none without targets."""
    if rate is None:
        return NONE
    return GREEN if rate >= GREEN_FROM else AMBER if rate >= AMBER_FROM else RED


@dataclass(frozen=True)
class TargetFact:
    """One target as the pack needs it (a cxgov.targets.rollup fact with its title and owner's name)."""

    department: int
    month: str
    status: str
    points: int
    title: str
    owner: str
    approved: bool = True
    closed: bool | None = None  # None: inferred from the status


def _cell(facts: Sequence[TargetFact]) -> dict:
    """Achieved, total, rate, light and points of some approved targets; a month still running has no rate yet.

    The rate and points are the targets feature's one definition (rollup.achievement: approved targets of
    closed months); a running month shows its approved targets achieved so far.
    """
    approved = [f for f in facts if f.approved]
    running = bool(rollup.open_months(approved))
    result = rollup.achievement(approved)
    return {"achieved": sum(1 for f in approved if f.status == ACHIEVED), "total": len(approved),
            "rate": None if running else result.rate, "light": OPEN if running else light(result.rate),
            "points": result.points}


def targets_section(facts: Iterable[TargetFact], departments: Sequence[Mapping], months: Sequence[str]) -> dict:
    """Achievement by department for each month of the quarter and for its closed months; drafts left out."""
    by_key: dict[tuple[int, str], list[TargetFact]] = defaultdict(list)
    for fact in facts:
        if fact.month in months and fact.approved:
            by_key[(fact.department, fact.month)].append(fact)
    running = set(rollup.open_months(f for items in by_key.values() for f in items))
    rows = []
    for dept in departments:
        cells = [_cell(by_key[(dept["id"], m)]) for m in months]
        closed = [f for m in months for f in by_key[(dept["id"], m)] if m not in running]
        rows.append({**dept, "months": cells, "quarter": _cell(closed)})
    company = [_cell([f for (_d, m), items in by_key.items() if m == month for f in items]) for month in months]
    return {"months": list(months), "rows": rows, "company": company, "running": sorted(running),
            "quarter": _cell([f for (_d, m), items in by_key.items() if m not in running for f in items])}


def year_to_date(facts: Iterable[TargetFact], months: Sequence[str]) -> dict:
    """The year so far, by the one definition (rollup.achievement): the figure the targets company page and the
    annual report show for the same months."""
    result = rollup.achievement(f for f in facts if f.month in months)
    return {"first": months[0], "last": months[-1], "achieved": result.achieved, "total": result.counted,
            "rate": result.rate, "points": result.points, "left_out": result.left_out}


def problem_targets(facts: Iterable[TargetFact], names: Mapping[int, Mapping], months: Sequence[str]) -> list[dict]:
    """Missed and at-risk targets of the quarter, missed first, then by month and department."""
    order = {MISSED: 0, AT_RISK: 1}
    rows = [f for f in facts if f.month in months and f.status in order]
    rows.sort(key=lambda f: (order[f.status], f.month, names.get(f.department, {}).get("code", ""), f.title))
    return [{"department": dict(names.get(f.department, {})), "month": f.month, "status": f.status,
             "title": f.title, "owner": f.owner, "points": f.points} for f in rows]


@dataclass(frozen=True)
class ActionFact:
    """One action item as the pack needs it."""

    title: str
    owner: str
    department: Mapping | None  # code and both names
    due_on: date
    status: str
    created_on: date
    done_on: date | None


def actions_section(actions: Iterable[ActionFact], as_of: date, months: Sequence[str], limit: int = 15) -> dict:
    """Open and overdue actions on the day, and those done during the quarter."""
    items = [a for a in actions if a.created_on <= as_of]
    still_open = [a for a in items if a.status in ("open", "in_progress") or (a.done_on and a.done_on > as_of)]
    overdue = sorted((a for a in still_open if a.due_on < as_of), key=lambda a: a.due_on)
    done = [a for a in items if a.done_on and a.done_on <= as_of and a.done_on.strftime("%Y-%m") in months]
    return {"open": len(still_open), "overdue": len(overdue), "done_in_quarter": len(done),
            "overdue_items": [_overdue(a, as_of) for a in overdue[:limit]]}


def _overdue(action: ActionFact, as_of: date) -> dict:
    """An overdue action as the pack stores it."""
    return {"title": action.title, "owner": action.owner, "due_on": action.due_on.isoformat(),
            "department": dict(action.department) if action.department else None,
            "days_overdue": (as_of - action.due_on).days}


def maturity_section(cycle: Mapping | None, previous: Mapping | None, dimensions: Sequence[Mapping],
                     departments: Sequence[Mapping], partials: Sequence[Mapping] = ()) -> dict | None:
    """The company's maturity (latest full cycle): score per dimension against target, change and walls.

    `partials` are later cycles that covered only some departments: named with their coverage, never
    taken as the company's figure. Changes are stored as shown (assessments.comparison.shown_change).
    """
    if cycle is None and not partials:
        return None
    return {"cycle": dict(cycle) if cycle else None, "previous": dict(previous) if previous else None,
            "dimensions": [dict(d) for d in dimensions], "departments": [dict(d) for d in departments],
            "partials": [dict(p) for p in partials]}


def workshops_section(workshops: Sequence[Mapping], goal_per_month: Mapping[str, int], months: Sequence[str]) -> dict:
    """Workshops held in the quarter against HR's goal, with attendance and ideas."""
    held = [w for w in workshops if w["month"] in months and w["status"] == "held"]
    invited = sum(w["invited"] for w in held)
    came = sum(w["came"] for w in held)
    return {"held": len(held), "goal": sum(goal_per_month.get(m, 0) for m in months),
            "attendance_rate": came / invited if invited else None,
            "attendees": sum(w["attendees"] for w in held), "ideas": sum(w["ideas"] for w in held),
            "promoted": sum(w["promoted"] for w in held),
            "items": sorted(held, key=lambda w: w["date"])}
