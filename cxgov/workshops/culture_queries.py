"""The culture page's reads: the window's workshops as plain rows and every figure counted in SQL.

A large company's year holds thousands of invitations, attendances, ideas and ratings; the page reads them as
counts per department, month or workshop, never as objects, so its cost does not grow with them. The figures
keep the definitions of `metrics` (checked against them in tests/web/test_culture_scale.py).
"""
from __future__ import annotations

from collections import Counter
from itertools import repeat

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from cxgov.auth.models import User, UserRole
from cxgov.extensions import db
from cxgov.org.models import Department
from cxgov.permissions import VIEWER
from cxgov.workshops import metrics, queries, times
from cxgov.workshops.models import Attendance, Feedback, Idea, Invitation, Workshop


def employee():
    """The SQL condition of an employee who could take part: active, and not only a viewer (is_read_only)."""
    viewer = sa.exists().where(UserRole.user_id == User.id, UserRole.role == VIEWER)
    other = sa.exists().where(UserRole.user_id == User.id, UserRole.role != VIEWER)
    return sa.and_(User.active.is_(True), sa.or_(~viewer, other))


def workshops_between(first_month: str, last_month: str) -> list:
    """Workshops starting in the local months first..last, as rows that `queries.status_of` and `month_of` read."""
    start, _end = times.month_span(first_month, queries.tz())
    _start, end = times.month_span(last_month, queries.tz())
    return list(db.session.execute(
        sa.select(Workshop.id, Workshop.starts_at, Workshop.ends_at,
                  Workshop.cancelled_at.is_not(None).label("cancelled"))
        .where(Workshop.starts_at >= start, Workshop.starts_at < end).order_by(Workshop.starts_at)))


def employees_by_department() -> dict[int | None, int]:
    """How many employees each department has."""
    return dict(db.session.execute(sa.select(User.department_id, sa.func.count(User.id)).where(employee())
                                   .group_by(User.department_id)).all())


def attendance_by_department(held: list[int]) -> dict[int | None, metrics.DepartmentAttendance]:
    """Invitations, invitees who came and walk-ins per department (the person's), over some held workshops:
    `metrics.attendance_by_department` of every invitation and walk-in, counted in SQL."""
    if not held:
        return {}
    came = sa.exists().where(Attendance.workshop_id == Invitation.workshop_id, Attendance.user_id == Invitation.user_id)
    invited = db.session.execute(
        sa.select(User.department_id, sa.func.count(), sa.func.count(sa.case((came, 1))))
        .select_from(Invitation).join(User, User.id == Invitation.user_id)
        .where(Invitation.workshop_id.in_(held)).group_by(User.department_id)).all()
    asked = aliased(Invitation)
    walk_ins = dict(db.session.execute(
        sa.select(User.department_id, sa.func.count()).select_from(Attendance).join(User, User.id == Attendance.user_id)
        .where(Attendance.workshop_id.in_(held), ~sa.exists().where(
            asked.workshop_id == Attendance.workshop_id, asked.user_id == Attendance.user_id))
        .group_by(User.department_id)).all())
    counts = {dept: (n, came_n) for dept, n, came_n in invited}
    return {dept: metrics.DepartmentAttendance(*counts.get(dept, (0, 0)), walk_ins.get(dept, 0))
            for dept in set(counts) | set(walk_ins)}


def reached_by_department(held: list[int]) -> dict[int | None, int]:
    """Employees who attended at least one of some held workshops, per department."""
    if not held:
        return {}
    came = sa.select(Attendance.user_id).where(Attendance.workshop_id.in_(held))
    return dict(db.session.execute(sa.select(User.department_id, sa.func.count(User.id))
                                   .where(User.id.in_(came), employee()).group_by(User.department_id)).all())


def ideas(workshop_ids: list[int]) -> list:
    """(workshop id, kind, ideas, ideas that became a target) of some workshops."""
    if not workshop_ids:
        return []
    return list(db.session.execute(
        sa.select(Idea.workshop_id, Idea.kind, sa.func.count(), sa.func.count(Idea.target_id))
        .where(Idea.workshop_id.in_(workshop_ids)).group_by(Idea.workshop_id, Idea.kind)))


def ratings(workshop_ids: list[int]) -> dict[int, Counter]:
    """How many gave each rating, per workshop, of some workshops."""
    found: dict[int, Counter] = {}
    if workshop_ids:
        for workshop_id, rating, n in db.session.execute(
                sa.select(Feedback.workshop_id, Feedback.rating, sa.func.count())
                .where(Feedback.workshop_id.in_(workshop_ids)).group_by(Feedback.workshop_id, Feedback.rating)):
            found.setdefault(workshop_id, Counter())[rating] = n
    return found


def each_rating(counts) -> list[int]:
    """Every single rating of some {rating: how many} counters, for `metrics.ratings`."""
    return [one for counter in counts for value, n in counter.items() for one in repeat(value, n)]


def department_names(ids, loc: str) -> dict[int, str]:
    """The names of some departments in the reader's language, archived ones included (plain rows)."""
    wanted = sorted(d for d in ids if d is not None)
    if not wanted:
        return {}
    name = Department.name_zh if loc.startswith("zh") else Department.name_en
    return dict(db.session.execute(sa.select(Department.id, name).where(Department.id.in_(wanted))).all())
