"""Gather the annual report's data for a fiscal year, in a fixed number of queries per section."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from cxgov import clock
from cxgov.actions.models import ActionItem
from cxgov.assessments import comparison, results
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.models import Department
from cxgov.org.operations import get_organisation
from cxgov.reports import summary
from cxgov.reviews.models import QuarterlyReview
from cxgov.reviews.pack import quarter_months
from cxgov.targets import queries as target_queries
from cxgov.targets import rollup
from cxgov.targets.outcomes import Outcomes
from cxgov.teams import queries as team_queries
from cxgov.workshops import culture_queries
from cxgov.workshops import metrics as workshop_metrics
from cxgov.workshops import queries as workshop_queries
from cxgov.workshops import times as workshop_times
from cxgov.workshops.models import Attendance, Idea, Invitation, Workshop


def build(year: int, loc: str, today: date | None = None) -> dict:
    """Everything the annual report shows for a fiscal year, in the reader's language `loc`."""
    today = today or clock.today()
    org = get_organisation()
    start_month = org.fiscal_year_start_month if org else 1
    months = summary.fiscal_months(year, start_month)
    first, last = summary.fiscal_bounds(year, start_month)
    departments = _departments()
    targets = YearTargets(months, today)
    data = {
        "year": year, "months": months, "first": first, "last": last, "organisation": org,
        "departments": [{"id": d.id, "code": d.code, "name": d.display_name(loc)} for d in departments],
        "targets": summary.target_figures(targets.company(), months), "maturity": _maturity(first, last, loc),
        "workshops": _workshops(months, departments), "terms": _terms(first, last),
        "reviews": _reviews(months), "alignment": _alignment(year),
    }
    data["scorecards"] = _scorecards(data, targets, departments, loc)
    data["ranked"] = _ranked(data["scorecards"])
    data["has_data"] = bool(data["targets"]["set"] or data["maturity"]["cycles"] or data["workshops"]["held"]
                            or data["reviews"] or data["alignment"] or data["terms"])
    return data


class YearTargets:
    """The year's targets as the one roll-up reads them, as the targets company page reads them (outcomes.Outcomes):
    closed months summed in SQL from their stored final statuses, running months one by one (their status so far,
    as the month board shows it)."""

    def __init__(self, months: list[str], today: date) -> None:
        self.outcomes = Outcomes(months, today)
        self.running = self.outcomes.months.running
        self.running_facts = target_queries.achievement_facts(self.running, today) if self.running else []

    def company(self) -> list[summary.TargetFact]:
        """The whole company's targets, by month."""
        return [f for f in self.outcomes.company if f.month not in self.running] + self.running_facts

    def counted_by_department(self) -> dict[int, list[summary.TargetFact]]:
        """Each department's targets that count (approved, of closed months), summed over the year."""
        grouped: dict[int, list] = defaultdict(list)
        for fact in self.outcomes.tally(("department",), counted_only=True):
            grouped[fact.department].append(fact)
        return grouped

    def by_month(self, department_ids: list[int]) -> dict[int, list[summary.TargetFact]]:
        """Some departments' targets by month (for the twelve months of their scorecards)."""
        grouped: dict[int, list] = defaultdict(list)
        wanted = set(department_ids)
        closed = self.outcomes.tally(("department", "month"), department_ids=department_ids)
        for fact in [f for f in closed if f.month not in self.running] + self.running_facts:
            if fact.department in wanted:
                grouped[fact.department].append(fact)
        return grouped


def _departments() -> list[Department]:
    """The departments in use, by code (their leads and parents are not part of the report)."""
    return list(db.session.scalars(sa.select(Department).where(Department.archived_at.is_(None))
                                   .order_by(Department.code)))


REPORT_PLACES = 2  # the report shows company maturity with two decimals; a change is the difference of those


def _cycle_row(view: results.CycleView, loc: str) -> dict:
    """A published cycle's company and department scores, with how much of the company it covered."""
    cov = view.coverage
    return {"id": view.cycle.id, "name": view.cycle.name, "published_at": view.cycle.published_at,
            "opens_on": view.cycle.opens_on, "due_on": view.cycle.due_on, "overall": view.result.overall,
            "full": cov.full, "covered": cov.covered, "of": cov.of,
            "dimensions": [{"code": d.code, "name": d.name(loc), "score": view.result.organisation.get(d.code),
                            "target": view.targets.get(d.code),
                            "walls": view.result.walls[d.code].sd if d.code in view.result.walls else None}
                           for d in view.dimensions],
            "departments": {dept_id: {"overall": r.overall, "scores": dict(r.scores), "cycle": view.cycle.name,
                                      "cycle_id": view.cycle.id}
                            for dept_id, r in view.result.departments.items() if dept_id in view.record.covered}}


def _maturity(first: date, last: date, loc: str) -> dict:
    """Maturity by the rules of assessments.comparison, for the cycles whose period ended by the year's end.

    The company figure of the year is its latest full cycle, compared like for like with the latest full
    cycle before the year; partial cycles are listed with their coverage; each department's figure is
    the latest cycle of the year that covered it.
    """
    views = results.views(c for c in results.published_cycles() if c.due_on <= last)  # newest period first
    by_id = {v.cycle.id: v for v in views}
    records = [v.record for v in views]
    in_year = [r for r in records if r.due_on >= first]
    current = comparison.headline(in_year)
    before = comparison.headline(r for r in records if r.due_on < first)
    rows = {v.cycle.id: _cycle_row(v, loc) for v in views}
    view = results.compared(by_id[current.id], by_id[before.id] if before else None) if current else None
    departments = {}
    for dept_id in {d for r in in_year for d in r.covered}:
        latest = comparison.latest_covering(dept_id, in_year)
        departments[dept_id] = rows[latest.id]["departments"][dept_id]
    return {"cycles": [rows[r.id] for r in reversed(records)], "in_year": [rows[r.id] for r in reversed(in_year)],
            "current": rows[current.id] if current else None, "previous": rows[before.id] if before else None,
            "partials": [rows[r.id] for r in reversed(in_year) if not rows[r.id]["full"]],
            "departments": departments, **_year_over_year(view, loc)}


def _year_over_year(view: results.CycleView | None, loc: str) -> dict:
    """The change since the year before, like for like and as shown, and what it left out."""
    if view is None or view.comparison is None:
        return {"change": None, "before": {}, "dimension_changes": {}, "left_out": None}
    pairs = view.comparison.organisation
    left_out = view.left_out()
    return {"change": view.overall_change(places=REPORT_PLACES),
            "before": {code: pair[0] for code, pair in pairs.items()},
            "dimension_changes": {code: view.change(code, places=REPORT_PLACES) for code in pairs},
            "left_out": {"departments": [d.display_name(loc) for d in left_out["departments"]],
                         "dimensions": left_out["dimensions"], "compared": len(view.comparison.departments)}
            if view.comparison.left_out else None}


def _workshops(months: list[str], departments) -> dict:
    """Held workshops of the year against the goal, attendance by department and reach.

    Read as plain rows (who was invited, who came, which ideas became targets), not as workshops with all their
    rows as objects; held is workshop_queries.status_of's: not cancelled, and ended by now.
    """
    start, _end = workshop_times.month_span(months[0], workshop_queries.tz())
    _start, end = workshop_times.month_span(months[-1], workshop_queries.tz())
    held = (sa.select(Workshop.id).where(Workshop.starts_at >= start, Workshop.starts_at < end,
                                         Workshop.cancelled_at.is_(None), Workshop.ends_at <= utcnow()))
    invited, present = defaultdict(set), defaultdict(set)
    for model, people in ((Invitation, invited), (Attendance, present)):
        for workshop_id, user_id in db.session.execute(
                sa.select(model.workshop_id, model.user_id).where(model.workshop_id.in_(held))):
            people[workshop_id].add(user_id)
    taking_part = sa.union(*(sa.select(model.user_id).where(model.workshop_id.in_(held))
                             for model in (Invitation, Attendance)))
    everyone = dict(db.session.execute(sa.select(User.id, User.department_id).where(User.id.in_(taking_part))).all())
    rows = []
    for workshop_id in set(invited) | set(present):  # as workshop_queries.participations
        came, asked = present[workshop_id], invited[workshop_id]
        rows += [workshop_metrics.Participation(everyone.get(uid), True, uid in came) for uid in asked]
        rows += [workshop_metrics.Participation(everyone.get(uid), False, True) for uid in came - asked]
    by_dept = workshop_metrics.attendance_by_department(rows)
    reach = workshop_metrics.reach(_employees(), {uid for came in present.values() for uid in came})
    ideas = db.session.execute(sa.select(sa.func.count(Idea.id), sa.func.count(Idea.target_id))
                               .where(Idea.workshop_id.in_(held))).one()
    goals = workshop_queries.goals()
    return {"held": db.session.scalar(sa.select(sa.func.count()).select_from(held.subquery())),
            "goal": sum(workshop_metrics.goal_for(m, goals) for m in months),
            "by_department": by_dept, "reach": reach, "ideas": ideas[0], "promoted": ideas[1],
            "overall": workshop_metrics.overall_attendance(by_dept)}


def _employees() -> dict[int, int | None]:
    """{user id: department id} of the people who could take part (the culture page's definition of an employee),
    as plain rows: the report never loads everyone as objects."""
    return dict(db.session.execute(sa.select(User.id, User.department_id).where(culture_queries.employee())).all())


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


def _scorecards(data: dict, targets: YearTargets, departments, loc: str) -> list[dict]:
    """One card per department: its year of targets, maturity profile, workshops, terms as director (the twelve
    months: with_months)."""
    reach = data["workshops"]["reach"].by_department
    counted = targets.counted_by_department()
    data["month_facts"] = targets.by_month
    cards = []
    for dept in departments:
        year = rollup.achievement(counted.get(dept.id, []))
        attendance = data["workshops"]["by_department"].get(dept.id)
        cards.append({
            "department": dept, "name": dept.display_name(loc),
            "rate": year.rate, "points": year.points, "set": year.counted,
            "maturity": data["maturity"]["departments"].get(dept.id),
            "attendance": attendance.rate if attendance else None,
            "reached": reach.get(dept.id, (0, 0)),
            "terms": [t for t in data["terms"] if t.director and t.director.department_id == dept.id],
        })
    return cards


def with_months(data: dict, cards: list[dict]) -> list[dict]:
    """The cards with their twelve months filled in (summary.department_months), in one query: only for the cards
    a page or the PDF shows, as the months of hundreds of departments cost more than the rest of a page."""
    missing = [card for card in cards if "months" not in card]
    facts = data["month_facts"]([card["department"].id for card in missing]) if missing else {}
    for card in missing:
        dept_id = card["department"].id
        card["months"] = summary.department_months(facts.get(dept_id, []), dept_id, data["months"])
    return cards
