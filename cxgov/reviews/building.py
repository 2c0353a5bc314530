"""Read what a quarterly review's pack needs, as of a day, in a fixed number of queries."""
from __future__ import annotations

from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from cxgov.actions.models import ActionItem
from cxgov.assessments import results
from cxgov.assessments.models import Cycle
from cxgov.extensions import db
from cxgov.org import queries as org_queries
from cxgov.reviews import pack
from cxgov.targets import queries as target_queries
from cxgov.teams import queries as team_queries
from cxgov.workshops import metrics as workshop_metrics
from cxgov.workshops import queries as workshop_queries


def _dept(department) -> dict:
    """A department as the pack stores it (both languages)."""
    return {"id": department.id, "code": department.code, "name_en": department.name_en,
            "name_zh": department.name_zh}


def build(year: int, quarter: int, as_of: date) -> dict:
    """The whole pack of a quarter, as plain JSON-ready data."""
    months = pack.quarter_months(year, quarter)
    departments = [_dept(d) for d in org_queries.departments()]
    facts = _target_facts(months, as_of)
    return {
        "year": year, "quarter": quarter, "months": months, "as_of": as_of.isoformat(),
        "targets": pack.targets_section(facts, departments, months),
        "missed_targets": pack.problem_targets(facts, {d["id"]: d for d in departments}, months),
        "maturity": _maturity(as_of),
        "rotation": _rotation(as_of),
        "workshops": _workshops(months),
        "actions": pack.actions_section(_action_facts(), as_of, months),
    }


def _target_facts(months: list[str], as_of: date) -> list[pack.TargetFact]:
    """The quarter's targets with their status on the day, whether approved and whether their month is closed."""
    items = target_queries.with_status(target_queries.targets(months=months), as_of)
    closed = target_queries.closed_months()
    return [pack.TargetFact(t.department_id, t.month, status, t.points, t.title, t.owner.name if t.owner else "",
                            t.approval == "approved", t.month in closed) for t, status in items]


def _latest_cycle(as_of: date) -> Cycle | None:
    """The last cycle published by the end of the day."""
    end = datetime.combine(as_of, time.max)
    return db.session.scalar(sa.select(Cycle).where(Cycle.state == "published", Cycle.published_at <= end)
                             .order_by(Cycle.published_at.desc()).limit(1))


def _change(change) -> dict | None:
    """A scoring.Change as plain data."""
    return None if change is None else {"delta": change.delta, "crossed": change.crossed_level,
                                        "level": change.level, "previous_level": change.previous_level}


def _maturity(as_of: date) -> dict | None:
    """Company scores per dimension with target, gap, change and walls; departments' overall scores."""
    cycle = _latest_cycle(as_of)
    if cycle is None:
        return None
    view = results.load(cycle)
    result = view.result
    dims = [{"code": d.code, "name_en": d.name_en, "name_zh": d.name_zh, "score": result.organisation.get(d.code),
             "target": view.targets.get(d.code), "gap": result.target_gaps.get(d.code),
             "change": _change(view.change(d.code)), "walls": result.walls[d.code].sd if d.code in result.walls
             else None} for d in view.dimensions]
    depts = [{**_dept(d), "overall": result.departments[d.id].overall if d.id in result.departments else None,
              "change": _change(view.overall_change(d.id))} for d in view.departments]
    previous = view.previous.cycle if view.previous else None
    return pack.maturity_section(
        {"id": cycle.id, "name": cycle.name, "overall": result.overall, "change": _change(view.overall_change())},
        {"id": previous.id, "name": previous.name} if previous else None, dims, depts)


def _rotation(as_of: date) -> dict | None:
    """The director on the day, days left, who comes next and where the handover stands."""
    summary = team_queries.summary(as_of)
    if summary.term is None and summary.next_term is None:
        return None
    term, following = summary.term, summary.next_term
    handover = term.handover if term else None
    state = ("acknowledged" if handover and handover.acknowledged_at else "submitted"
             if handover and handover.submitted_at else "draft" if handover else "none")
    return {"director": term.director.name if term and term.director else None,
            "starts_on": term.starts_on.isoformat() if term else None,
            "ends_on": term.ends_on.isoformat() if term else None, "days_left": summary.days_left,
            "next_director": following.director.name if following and following.director else None,
            "next_starts_on": following.starts_on.isoformat() if following else None, "handover": state}


def _workshops(months: list[str]) -> dict:
    """The quarter's workshops with invitations, attendance and ideas."""
    items = workshop_queries.workshops_between(months[0], months[-1])
    goals = workshop_queries.goals()
    rows = []
    for w in items:
        invited = {i.user_id for i in w.invitations}
        rows.append({"title": w.title, "date": workshop_queries.local(w.starts_at).date().isoformat(),
                     "month": workshop_queries.month_of(w), "status": workshop_queries.status_of(w),
                     "method": w.method, "invited": len(invited),
                     "came": sum(1 for a in w.attendance if a.user_id in invited),
                     "attendees": len(w.attendance), "ideas": len(w.ideas),
                     "promoted": sum(1 for i in w.ideas if i.target_id)})
    goal_by_month = {m: workshop_metrics.goal_for(m, goals) for m in months}
    return pack.workshops_section(rows, goal_by_month, months)


def _action_facts() -> list[pack.ActionFact]:
    """Every action item with its owner and department names."""
    items = db.session.scalars(sa.select(ActionItem).options(selectinload(ActionItem.owner),
                                                             selectinload(ActionItem.department)))
    return [pack.ActionFact(a.title, a.owner.name, _dept(a.department) if a.department else None,
                            a.due_on, a.status, a.created_at.date(), a.done_on) for a in items]
