"""Gather the annual report's data for a fiscal year, in a fixed number of queries per section."""
from __future__ import annotations

from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from cxgov import clock
from cxgov.actions.models import ActionItem
from cxgov.assessments import results
from cxgov.assessments.models import Cycle
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org import queries as org_queries
from cxgov.org.operations import get_organisation
from cxgov.permissions import is_read_only
from cxgov.reports import summary
from cxgov.reviews.models import QuarterlyReview
from cxgov.reviews.pack import quarter_months
from cxgov.targets import queries as target_queries
from cxgov.targets import rollup
from cxgov.teams import queries as team_queries
from cxgov.workshops import metrics as workshop_metrics
from cxgov.workshops import queries as workshop_queries


def build(year: int, loc: str, today: date | None = None) -> dict:
    """Everything the annual report shows for a fiscal year, in the reader's language `loc`."""
    today = today or clock.today()
    org = get_organisation()
    start_month = org.fiscal_year_start_month if org else 1
    months = summary.fiscal_months(year, start_month)
    first, last = summary.fiscal_bounds(year, start_month)
    departments = org_queries.departments()
    facts = _target_facts(months, today)
    data = {
        "year": year, "months": months, "first": first, "last": last, "organisation": org,
        "departments": [{"id": d.id, "code": d.code, "name": d.display_name(loc)} for d in departments],
        "targets": summary.target_figures(facts, months), "maturity": _maturity(first, last, loc),
        "workshops": _workshops(months, departments), "terms": _terms(first, last),
        "reviews": _reviews(months), "alignment": _alignment(year),
    }
    data["scorecards"] = _scorecards(data, facts, departments, loc)
    data["ranked"] = _ranked(data["scorecards"])
    data["has_data"] = bool(data["targets"]["set"] or data["maturity"]["cycles"] or data["workshops"]["held"]
                            or data["reviews"] or data["alignment"] or data["terms"])
    return data


def _target_facts(months: list[str], today: date) -> list[summary.TargetFact]:
    """The year's targets as the one roll-up reads them (approved or not, month closed or not)."""
    return target_queries.achievement_facts(months, today)


def _cycle_row(cycle: Cycle, loc: str) -> dict:
    """A published cycle's company and department scores."""
    view = results.load(cycle, with_previous=False)
    return {"id": cycle.id, "name": cycle.name, "published_at": cycle.published_at, "overall": view.result.overall,
            "dimensions": [{"code": d.code, "name": d.name(loc), "score": view.result.organisation.get(d.code),
                            "target": view.targets.get(d.code),
                            "walls": view.result.walls[d.code].sd if d.code in view.result.walls else None}
                           for d in view.dimensions],
            "departments": {dept_id: {"overall": r.overall, "scores": dict(r.scores)}
                            for dept_id, r in view.result.departments.items()}}


def _maturity(first: date, last: date, loc: str) -> dict:
    """Every cycle published up to the year's end (for year over year), the latest of the year and the one before."""
    end = datetime.combine(last, time.max)
    cycles = list(db.session.scalars(sa.select(Cycle).where(Cycle.state == "published", Cycle.published_at <= end)
                                     .order_by(Cycle.published_at)))
    rows = [_cycle_row(c, loc) for c in cycles]
    start = datetime.combine(first, time.min)
    in_year = [r for r in rows if r["published_at"] >= start]
    before = [r for r in rows if r["published_at"] < start]
    current = in_year[-1] if in_year else None
    previous = before[-1] if before else None
    return {"cycles": rows, "in_year": in_year, "current": current, "previous": previous,
            "change": summary.change(previous["overall"] if previous else None,
                                     current["overall"] if current else None)}


def _workshops(months: list[str], departments) -> dict:
    """Held workshops of the year against the goal, attendance by department and reach."""
    workshops = workshop_queries.workshops_between(months[0], months[-1])
    held = [w for w in workshops if workshop_queries.status_of(w) == workshop_metrics.HELD]
    goals = workshop_queries.goals()
    everyone = dict(db.session.execute(sa.select(User.id, User.department_id)).all())
    by_dept = workshop_metrics.attendance_by_department(workshop_queries.participations(held, everyone))
    employees = {u.id: u.department_id for u in db.session.scalars(sa.select(User).where(User.active.is_(True)))
                 if not is_read_only(u)}
    reach = workshop_metrics.reach(employees, {a.user_id for w in held for a in w.attendance})
    ideas = [i for w in held for i in w.ideas]
    return {"held": len(held), "goal": sum(workshop_metrics.goal_for(m, goals) for m in months),
            "by_department": by_dept, "reach": reach, "ideas": len(ideas),
            "promoted": sum(1 for i in ideas if i.target_id),
            "overall": workshop_metrics.overall_attendance(by_dept)}


def _terms(first: date, last: date) -> list:
    """Rotation terms overlapping the year."""
    return [t for t in team_queries.all_terms() if t.starts_on <= last and t.ends_on >= first]


def _reviews(months: list[str]) -> list[dict]:
    """The year's quarterly reviews whose minutes are published (drafts are for their attendees only)."""
    years = {int(m[:4]) for m in months}
    reviews = db.session.scalars(sa.select(QuarterlyReview).options(selectinload(QuarterlyReview.decisions),
                                                                    selectinload(QuarterlyReview.chair))
                                 .where(QuarterlyReview.state == "published", QuarterlyReview.year.in_(years))
                                 .order_by(QuarterlyReview.year, QuarterlyReview.quarter)).all()
    mine = [r for r in reviews if quarter_months(r.year, r.quarter)[0] in months]
    decision_ids = [d.id for r in mine for d in r.decisions]
    actions = db.session.scalars(sa.select(ActionItem).options(selectinload(ActionItem.owner))
                                 .where(ActionItem.source == "review", ActionItem.source_id.in_(decision_ids))
                                 .order_by(ActionItem.id)).all() if decision_ids else []
    by_decision: dict[int, list[ActionItem]] = {}
    for action in actions:
        by_decision.setdefault(action.source_id, []).append(action)
    return [{"review": r, "decisions": [(d, by_decision.get(d.id, [])) for d in r.decisions]} for r in mine]


def _alignment(year: int) -> dict | None:
    """The year's alignment review as the alignment feature reports it."""
    from cxgov.alignment import queries as alignment_queries

    return alignment_queries.report_data(year)


def _ranked(cards: list[dict]) -> list[dict]:
    """Scorecards with targets of closed months, from the highest achievement rate to the lowest."""
    by_id = {card["department"].id: card for card in cards}
    order = summary.ranking({dept_id: card["rate"] for dept_id, card in by_id.items()})
    return [by_id[dept_id] for dept_id in order if by_id[dept_id]["rate"] is not None]


def _scorecards(data: dict, facts: list[summary.TargetFact], departments, loc: str) -> list[dict]:
    """One card per department: twelve months of targets, maturity profile, workshops, terms as director."""
    current = data["maturity"]["current"]
    reach = data["workshops"]["reach"].by_department
    cards = []
    for dept in departments:
        months = summary.department_months(facts, dept.id, data["months"])
        year = rollup.achievement(f for f in facts if f.department == dept.id)
        attendance = data["workshops"]["by_department"].get(dept.id)
        cards.append({
            "department": dept, "name": dept.display_name(loc), "months": months,
            "rate": year.rate, "points": year.points, "set": year.counted,
            "maturity": current["departments"].get(dept.id) if current else None,
            "attendance": attendance.rate if attendance else None,
            "reached": reach.get(dept.id, (0, 0)),
            "terms": [t for t in data["terms"] if t.director and t.director.department_id == dept.id],
        })
    return cards
