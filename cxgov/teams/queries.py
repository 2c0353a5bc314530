"""Read helpers for the team and the rotation (a fixed number of queries per page)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import g, has_request_context
from sqlalchemy.orm import selectinload

from cxgov import clock
from cxgov.extensions import db
from cxgov.teams.models import Handover, LeavePeriod, PoolMember, RotationPlan, TeamAssignment, Term


def active_plan() -> RotationPlan | None:
    """The plan in force or coming: the one no newer plan has ended."""
    return db.session.scalar(sa.select(RotationPlan).where(RotationPlan.ends_on.is_(None))
                             .order_by(RotationPlan.id.desc()).limit(1))


def plans() -> list[RotationPlan]:
    """Every plan, oldest first."""
    return list(db.session.scalars(sa.select(RotationPlan).order_by(RotationPlan.starts_on, RotationPlan.id)))


def pool_of(plan: RotationPlan) -> list[PoolMember]:
    """The plan's current pool (not left), in order, with users loaded."""
    return [m for m in plan.pool if m.left_on is None]


def all_terms() -> list[Term]:
    """Every term of every plan by date, with director, plan and handover loaded."""
    return list(db.session.scalars(sa.select(Term).options(
        selectinload(Term.director), selectinload(Term.plan),
        selectinload(Term.handover).selectinload(Handover.acknowledged_by)).order_by(Term.starts_on)))


def term_on(day: date) -> Term | None:
    """The term containing the day, whichever plan it belongs to (plans never overlap)."""
    return db.session.scalar(sa.select(Term).options(selectinload(Term.director))
                             .where(Term.starts_on <= day, Term.ends_on >= day).limit(1))


def term_after(term: Term) -> Term | None:
    """The term that follows, possibly in a newer plan."""
    return db.session.scalar(sa.select(Term).options(selectinload(Term.director))
                             .where(Term.starts_on == term.ends_on + timedelta(days=1)).limit(1))


def term_before(term: Term) -> Term | None:
    """The term that came before, possibly in an older plan."""
    return db.session.scalar(sa.select(Term).options(selectinload(Term.director), selectinload(Term.handover))
                             .where(Term.ends_on == term.starts_on - timedelta(days=1)).limit(1))


def director_id_on(day: date | None = None) -> int | None:
    """The id of the director of the term containing the day (today by default); cached per request."""
    day = day or clock.today()
    cache = g.setdefault("teams_directors", {}) if has_request_context() else {}
    if day not in cache:
        cache[day] = db.session.scalar(sa.select(Term.director_id)
                                       .where(Term.starts_on <= day, Term.ends_on >= day).limit(1))
    return cache[day]


def leaves(upcoming_from: date | None = None) -> list[LeavePeriod]:
    """Leave periods, latest first; only those not over yet when upcoming_from is given."""
    query = sa.select(LeavePeriod).options(selectinload(LeavePeriod.user)).order_by(LeavePeriod.starts_on.desc())
    if upcoming_from:
        query = query.where(LeavePeriod.ends_on >= upcoming_from)
    return list(db.session.scalars(query))


def assignments() -> list[TeamAssignment]:
    """Every team assignment with its person and department, newest first."""
    return list(db.session.scalars(sa.select(TeamAssignment).options(
        selectinload(TeamAssignment.user), selectinload(TeamAssignment.department))
        .order_by(TeamAssignment.starts_on.desc(), TeamAssignment.id.desc())))


@dataclass
class TeamToday:
    """Who holds which team role on a day, and who held them before."""

    day: date
    sponsor: list[TeamAssignment]
    hr_lead: list[TeamAssignment]
    champions: dict[int, TeamAssignment]  # department id → assignment
    members: list[TeamAssignment]
    upcoming: list[TeamAssignment]
    past: list[TeamAssignment]
    term: Term | None
    next_term: Term | None


def team_on(day: date) -> TeamToday:
    """The team as it stands on the day."""
    rows = assignments()
    now = [a for a in rows if a.holds_on(day)]
    term = term_on(day)
    return TeamToday(
        day=day, sponsor=[a for a in now if a.role == "sponsor"], hr_lead=[a for a in now if a.role == "hr_lead"],
        champions={a.department_id: a for a in now if a.role == "champion"},
        members=sorted((a for a in now if a.role == "member"), key=lambda a: a.user.name),
        upcoming=[a for a in rows if a.starts_on > day], past=[a for a in rows if a.ends_on and a.ends_on < day],
        term=term, next_term=term_after(term) if term else next_planned_term(day))


def next_planned_term(day: date) -> Term | None:
    """The first term starting after the day (when no term is running)."""
    return db.session.scalar(sa.select(Term).options(selectinload(Term.director))
                             .where(Term.starts_on > day).order_by(Term.starts_on).limit(1))


def days_left(term: Term, day: date) -> int:
    """Days left in the term, today included."""
    return (term.ends_on - day).days + 1


@dataclass
class RotationSummary:
    """What the home page shows: the current director, days left, who comes next."""

    term: Term | None
    days_left: int | None
    next_term: Term | None


def summary(day: date | None = None) -> RotationSummary:
    """The rotation at a glance on the day (today by default)."""
    day = day or clock.today()
    term = term_on(day)
    following = term_after(term) if term else next_planned_term(day)
    if term is not None and following is not None and following.director_id == term.director_id:
        following = _next_change(following)
    return RotationSummary(term, days_left(term, day) if term else None, following)


def _next_change(term: Term) -> Term | None:
    """The first later term with a different director (a pool of one serves term after term)."""
    return db.session.scalar(sa.select(Term).options(selectinload(Term.director)).where(
        Term.starts_on > term.starts_on, Term.director_id != term.director_id).order_by(Term.starts_on).limit(1))
