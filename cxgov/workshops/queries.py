"""Read helpers for the workshop pages (a fixed number of queries per page)."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import abort
from flask_babel import get_timezone
from sqlalchemy.orm import selectinload

from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.models_base import utcnow
from cxgov.org.queries import locale_code
from cxgov.permissions import is_read_only
from cxgov.workshops import metrics, times
from cxgov.workshops.models import Attendance, Feedback, Idea, Invitation, Workshop, WorkshopDepartment, WorkshopGoal


def tz() -> ZoneInfo:
    """The organisation's time zone (CXGOV_TIMEZONE) as zoneinfo: Babel's pytz zone cannot be attached directly."""
    return ZoneInfo(str(get_timezone()))


def local(stored: datetime | None) -> datetime | None:
    """A stored UTC time as local wall-clock time."""
    return times.to_local(stored, tz()) if stored else None


def this_month() -> str:
    """The current local month, YYYY-MM."""
    return times.local_month(utcnow(), tz())


def status_of(workshop: Workshop, now: datetime | None = None) -> str:
    """planned, held (it has ended) or cancelled."""
    if workshop.cancelled:
        return metrics.CANCELLED
    return metrics.HELD if workshop.ends_at <= (now or utcnow()) else metrics.PLANNED


def load_workshop(workshop_id: int) -> Workshop:
    """A workshop with everything its pages show, or 404."""
    workshop = db.session.scalar(sa.select(Workshop).where(Workshop.id == workshop_id).options(
        selectinload(Workshop.facilitator),
        selectinload(Workshop.departments).selectinload(WorkshopDepartment.department),
        selectinload(Workshop.invitations).selectinload(Invitation.user).selectinload(User.department),
        selectinload(Workshop.attendance).selectinload(Attendance.user).selectinload(User.department),
        selectinload(Workshop.ideas).selectinload(Idea.department),
        selectinload(Workshop.feedback)))
    if workshop is None:
        abort(404)
    return workshop


def workshops_between(first_month: str, last_month: str) -> list[Workshop]:
    """Workshops starting in the local months first..last, by start, with their counts' rows loaded."""
    start, _end = times.month_span(first_month, tz())
    _start, end = times.month_span(last_month, tz())
    return list(db.session.scalars(sa.select(Workshop).where(Workshop.starts_at >= start, Workshop.starts_at < end)
                                   .options(selectinload(Workshop.attendance), selectinload(Workshop.invitations),
                                            selectinload(Workshop.ideas), selectinload(Workshop.feedback))
                                   .order_by(Workshop.starts_at)))


def goals() -> dict[str, int]:
    """HR's goals {from month: workshops per month}."""
    return dict(db.session.execute(sa.select(WorkshopGoal.from_month, WorkshopGoal.per_month)).all())


def goal_rows() -> list[WorkshopGoal]:
    """HR's goals, newest month first."""
    return list(db.session.scalars(sa.select(WorkshopGoal).order_by(WorkshopGoal.from_month.desc())))


def month_of(workshop: Workshop) -> str:
    """The local month a workshop starts in."""
    return times.local_month(workshop.starts_at, tz())


def facts(workshops: list[Workshop]) -> list[metrics.WorkshopFact]:
    """What the series counts of each workshop."""
    now = utcnow()
    return [metrics.WorkshopFact(month_of(w), status_of(w, now)) for w in workshops]


def my_open_invitations(user: User) -> list[Invitation]:
    """The user's invitations to workshops still to come, soonest first."""
    return list(db.session.scalars(sa.select(Invitation).join(Workshop).where(
        Invitation.user_id == user.id, Workshop.starts_at > utcnow(), Workshop.cancelled_at.is_(None))
        .options(selectinload(Invitation.workshop)).order_by(Workshop.starts_at)))


def my_feedback_due(user: User) -> list[Workshop]:
    """Held workshops the user attended in the last 60 days and has not rated yet."""
    since = utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    rated = sa.select(Feedback.workshop_id).where(Feedback.user_id == user.id)
    return list(db.session.scalars(sa.select(Workshop).join(Attendance).where(
        Attendance.user_id == user.id, Workshop.ends_at <= utcnow(),
        Workshop.ends_at >= since - timedelta(days=60), Workshop.id.not_in(rated))
        .order_by(Workshop.starts_at.desc())))


def target_titles(target_ids: set[int]) -> dict[int, object]:
    """Targets by id (the targets feature's model), for showing the link of a promoted idea."""
    if not target_ids:
        return {}
    from cxgov.targets.models import Target

    rows = db.session.scalars(sa.select(Target).where(Target.id.in_(target_ids))
                              .options(selectinload(Target.department)))
    return {t.id: t for t in rows}


def ideas_of_target(target_id: int) -> list[Idea]:
    """The workshop ideas that became this target."""
    return list(db.session.scalars(sa.select(Idea).where(Idea.target_id == target_id)
                                   .options(selectinload(Idea.workshop)).order_by(Idea.id)))


def people_choices(exclude: set[int] | None = None) -> dict[int, str]:
    """{id: "name · department"} of active people who may be invited."""
    loc = locale_code()
    users = db.session.scalars(sa.select(User).where(User.active.is_(True))
                               .options(selectinload(User.department)).order_by(User.name))
    return {u.id: f"{u.name} · {u.department.display_name(loc) if u.department else '—'}"
            for u in users if not is_read_only(u) and u.id not in (exclude or set())}


def participations(workshops: list[Workshop], departments: dict[int, int | None]) -> list[metrics.Participation]:
    """Every invitation and walk-in of the held workshops, with the person's department."""
    rows = []
    for workshop in workshops:
        present = {a.user_id for a in workshop.attendance}
        invited = {i.user_id for i in workshop.invitations}
        rows += [metrics.Participation(departments.get(uid), True, uid in present) for uid in invited]
        rows += [metrics.Participation(departments.get(uid), False, True) for uid in present - invited]
    return rows
