"""Read what a quarterly review's pack needs, as of a day, in a fixed number of queries."""
from __future__ import annotations

from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from cxgov import clock
from cxgov.actions.models import ActionItem
from cxgov.assessments import results
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
        "targets": {**pack.targets_section(facts, departments, months),
                    "year": pack.year_to_date(_target_facts(_year_so_far(year, quarter), as_of),
                                              _year_so_far(year, quarter))},
        "missed_targets": pack.problem_targets(facts, {d["id"]: d for d in departments}, months),
        "maturity": _maturity(as_of),
        "rotation": _rotation(as_of),
        "workshops": _workshops(months),
        "actions": pack.actions_section(_action_facts(), as_of, months),
    }


def _year_so_far(year: int, quarter: int) -> list[str]:
    """The months of the year up to the end of the quarter."""
    return [month for q in range(1, quarter + 1) for month in pack.quarter_months(year, q)]


def _target_facts(months: list[str], as_of: date) -> list[pack.TargetFact]:
    """The quarter's targets with their status on the day, whether approved and whether their month is closed."""
    items = target_queries.with_status(target_queries.targets(months=months), as_of)
    closed = target_queries.closed_months(as_of)
    return [pack.TargetFact(t.department_id, t.month, status, t.points, t.title, t.owner.name if t.owner else "",
                            t.approval == "approved", t.month in closed) for t, status in items]


PACK_PLACES = 2  # the pack shows maturity scores with two decimals; a change is the difference of those


def _change(change) -> dict | None:
    """A change as shown (comparison.ShownChange), as plain data."""
    return None if change is None else change.as_dict()


def _cycle_ref(view) -> dict:
    """A cycle as the pack names it, with how many departments it covered."""
    cov = view.coverage
    return {"id": view.cycle.id, "name": view.cycle.name, "covered": cov.covered, "of": cov.of}


def _maturity(as_of: date) -> dict | None:
    """The company's maturity on the day: the latest full cycle published by then, compared like for like."""
    view, partials = results.headline(published_by=datetime.combine(as_of, time.max, tzinfo=clock.zone()))
    if view is None and not partials:
        return None
    later = [_cycle_ref(p) for p in partials]
    if view is None:
        return pack.maturity_section(None, None, [], [], later)
    result = view.result
    dims = [{"code": d.code, "name_en": d.name_en, "name_zh": d.name_zh, "score": result.organisation.get(d.code),
             "target": view.targets.get(d.code), "gap": result.target_gaps.get(d.code),
             "change": _change(view.change(d.code, places=PACK_PLACES)),
             "walls": result.walls[d.code].sd if d.code in result.walls else None} for d in view.dimensions]
    depts = [{**_dept(d), "overall": result.departments[d.id].overall if d.id in result.departments else None,
              "change": _change(view.overall_change(d.id, places=PACK_PLACES))} for d in view.departments]
    previous = {**_cycle_ref(view.previous), "left_out": [_dept(d) for d in view.left_out()["departments"]],
                "dimensions_left_out": view.left_out()["dimensions"]} if view.previous else None
    return pack.maturity_section(
        {**_cycle_ref(view), "overall": result.overall,
         "change": _change(view.overall_change(places=PACK_PLACES))}, previous, dims, depts, later)


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
