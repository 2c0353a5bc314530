"""The database read into `due.Snapshot`: one query per kind of record, only the rows a due rule can use.

`due_items(day)` answers for everyone (the e-mail and chat jobs), `due_for(user_id, day)` for one person (the
inbox, the home page, the header badge, the calendar feed); the latter reads only that person's questionnaires,
invitations and actions, and is computed once per request.
"""
from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from flask import g, has_request_context

from cxgov import clock, months
from cxgov.extensions import db
from cxgov.rhythm import due


def due_items(day: date | None = None, policy: due.Policy = due.DEFAULT) -> dict[int, list[due.Item]]:
    """Everyone's due items on the day (today by default)."""
    day = day or clock.today()
    return due.items(snapshot(day, policy=policy), day, policy)


def due_for(user_id: int, day: date | None = None, policy: due.Policy = due.DEFAULT) -> list[due.Item]:
    """One person's due items on the day, most urgent first; cached for the request."""
    day = day or clock.today()
    cache = g.setdefault("rhythm_due", {}) if has_request_context() else {}
    if (user_id, day) not in cache:
        cache[(user_id, day)] = due.items(snapshot(day, person_id=user_id, policy=policy), day, policy).get(
            user_id, [])
    return cache[(user_id, day)]


def snapshot(day: date, person_id: int | None = None, policy: due.Policy = due.DEFAULT) -> due.Snapshot:
    """What the due rules read on the day; with `person_id`, only what can be due for that person: their own
    questionnaires, invitations and actions, and the targets they own, lead or (CX office) approve."""
    targets, questionnaires, areas = _targets(day, person_id), _questionnaires(person_id), _areas()
    wanted = departments = None
    if person_id is not None:
        # Whether an owner is active decides who is reminded (the owner or, else, the lead; the area's owner or,
        # else, the CX office), so those owners are read; drafts wait for the CX office, never for their owner.
        wanted = ({person_id} | {t.owner_id for t in targets if t.approved and t.owner_id is not None}
                  | {a.owner_id for a in areas if a.owner_id is not None})
        departments = {t.department_id for t in targets} | {q.department_id for q in questionnaires}
    return due.Snapshot(
        people=_people(wanted), departments=_departments(departments, person_id), questionnaires=questionnaires,
        settings=_settings(), targets=targets, closed_months=_closed_months(day),
        workshops=_workshops(day, policy), invitations=_invitations(day, person_id, policy),
        actions=_actions(day, person_id, policy), terms=_terms(day, policy), reviews=_reviews(day, policy),
        areas=areas, director_id=_director(day))


def _people(ids: set[int] | None = None) -> tuple[due.Person, ...]:
    """Everyone, or the given people (one person's snapshot needs only them and the owners of their targets)."""
    from cxgov.auth.models import User, UserRole

    roles_query, users_query = (sa.select(UserRole.user_id, UserRole.role),
                                sa.select(User.id, User.active, User.department_id))
    if ids is not None:
        roles_query, users_query = (roles_query.where(UserRole.user_id.in_(ids)),
                                    users_query.where(User.id.in_(ids)))
    roles: dict[int, set[str]] = {}
    for user_id, role in db.session.execute(roles_query):
        roles.setdefault(user_id, set()).add(role)
    return tuple(due.Person(id=i, active=bool(active), roles=frozenset(roles.get(i, ())), department_id=dept)
                 for i, active, dept in db.session.execute(users_query))


def _departments(ids: set[int] | None = None, lead_id: int | None = None) -> tuple[due.Department, ...]:
    """Every department, or the given ones and those the person leads (the only ones whose drafting concerns
    them)."""
    from cxgov.org.models import Department

    query = sa.select(Department.id, Department.lead_id, Department.archived_at, Department.name_en,
                      Department.name_zh)
    if ids is not None:
        query = query.where(sa.or_(Department.id.in_(ids), Department.lead_id == lead_id))
    rows = db.session.execute(query)
    return tuple(due.Department(id=i, lead_id=lead, archived=archived is not None, name_en=en, name_zh=zh)
                 for i, lead, archived, en, zh in rows)


def _questionnaires(person_id: int | None) -> tuple[due.Questionnaire, ...]:
    from cxgov.assessments.models import Cycle, Respondent

    query = (sa.select(Respondent.id, Respondent.cycle_id, Cycle.name, Respondent.user_id, Respondent.department_id,
                       Cycle.due_on, Respondent.submitted_at)
             .join(Cycle, Cycle.id == Respondent.cycle_id).where(Cycle.state == "open"))
    if person_id is not None:
        query = query.where(Respondent.user_id == person_id)
    return tuple(due.Questionnaire(respondent_id=r, cycle_id=c, cycle_name=name, person_id=u, department_id=d,
                                   open=True, due_on=due_on, submitted=submitted is not None)
                 for r, c, name, u, d, due_on, submitted in db.session.execute(query))


def _settings() -> due.TargetSettings:
    """The targets' settings as stored, or their defaults: reading never creates the row."""
    from cxgov.targets.models import TargetSettings

    row = db.session.scalar(sa.select(TargetSettings).order_by(TargetSettings.id).limit(1))
    if row is None:
        return due.TargetSettings()
    return due.TargetSettings(min_per_department=row.min_per_department, window_opens_day=row.window_opens_day,
                              window_closes_day=row.window_closes_day, close_day=row.close_day)


def _targets(day: date, person_id: int | None = None) -> tuple[due.Target, ...]:
    """Last month's, this month's and next month's targets with the date of their latest standing reading; for one
    person, those they own, those of the departments they lead and, for the CX office, the drafts to approve."""
    from cxgov.auth.models import UserRole
    from cxgov.org.models import Department
    from cxgov.targets.models import Target, TargetUpdate

    this_month = months.month_of(day)
    span = [months.shift(this_month, -1), this_month, months.shift(this_month, 1)]
    latest = (sa.select(sa.func.max(TargetUpdate.on_date))
              .where(TargetUpdate.target_id == Target.id, TargetUpdate.withdrawn_at.is_(None))
              .correlate(Target).scalar_subquery())
    query = sa.select(Target.id, Target.title, Target.department_id, Target.month, Target.owner_id, Target.approval,
                      Target.approved_at, latest).where(Target.month.in_(span))
    if person_id is not None:
        approver = (sa.select(UserRole.user_id)
                    .where(UserRole.user_id == person_id, UserRole.role == due.CX_OFFICE).exists())
        query = query.where(sa.or_(
            Target.owner_id == person_id,
            Target.department_id.in_(sa.select(Department.id).where(Department.lead_id == person_id)),
            sa.and_(Target.approval != "approved", approver)))
    zone = clock.zone()
    return tuple(due.Target(id=i, title=title, department_id=dept, month=month, owner_id=owner,
                            approved=approval == "approved", last_update_on=last,
                            approved_on=approved_at.astimezone(zone).date() if approved_at else None)
                 for i, title, dept, month, owner, approval, approved_at, last in db.session.execute(query))


def _closed_months(day: date) -> frozenset[str]:
    from cxgov.targets.models import MonthClose

    since = months.shift(months.month_of(day), -2)
    return frozenset(db.session.scalars(sa.select(MonthClose.month).where(MonthClose.month >= since)))


def _workshops(day: date, policy: due.Policy) -> tuple[due.Workshop, ...]:
    """Workshops from the attendance horizon to the invitation horizon, with attendance and unscreened ideas."""
    from cxgov.workshops.models import Attendance, Idea, Workshop

    zone = clock.zone()
    start = clock.start_of(day - timedelta(days=policy.attendance_horizon_days + 1))
    end = clock.start_of(day + timedelta(days=policy.rsvp_notice_days + 1))
    attended = sa.select(Attendance.workshop_id).distinct().scalar_subquery()
    ideas = (sa.select(Idea.workshop_id, sa.func.count(Idea.id).label("n")).where(Idea.decision == "open")
             .group_by(Idea.workshop_id).subquery())
    rows = db.session.execute(
        sa.select(Workshop.id, Workshop.title, Workshop.starts_at, Workshop.ends_at, Workshop.cancelled_at,
                  Workshop.id.in_(attended), Workshop.facilitator_id, ideas.c.n)
        .outerjoin(ideas, ideas.c.workshop_id == Workshop.id)
        .where(Workshop.starts_at >= start, Workshop.starts_at < end))
    return tuple(due.Workshop(id=i, title=title, starts_on=starts.astimezone(zone).date(),
                              ends_on=ends.astimezone(zone).date(), cancelled=cancelled is not None,
                              attendance_recorded=bool(recorded), facilitator_id=facilitator,
                              ideas_to_screen=n or 0)
                 for i, title, starts, ends, cancelled, recorded, facilitator, n in rows)


def _invitations(day: date, person_id: int | None, policy: due.Policy) -> tuple[due.Invitation, ...]:
    from cxgov.workshops.models import Invitation, Workshop

    query = (sa.select(Invitation.id, Invitation.workshop_id, Invitation.user_id)
             .join(Workshop, Workshop.id == Invitation.workshop_id)
             .where(Invitation.rsvp == "pending", Workshop.cancelled_at.is_(None),
                    Workshop.starts_at >= clock.start_of(day),
                    Workshop.starts_at < clock.start_of(day + timedelta(days=policy.rsvp_notice_days + 1))))
    if person_id is not None:
        query = query.where(Invitation.user_id == person_id)
    return tuple(due.Invitation(id=i, workshop_id=w, person_id=u, answered=False)
                 for i, w, u in db.session.execute(query))


def _actions(day: date, person_id: int | None, policy: due.Policy) -> tuple[due.Action, ...]:
    from cxgov.actions.models import OPEN_STATUSES, ActionItem

    query = sa.select(ActionItem.id, ActionItem.title, ActionItem.owner_id, ActionItem.due_on).where(
        ActionItem.status.in_(OPEN_STATUSES), ActionItem.due_on <= day + timedelta(days=policy.action_notice_days))
    if person_id is not None:
        query = query.where(ActionItem.owner_id == person_id)
    return tuple(due.Action(id=i, title=title, owner_id=owner, due_on=due_on, open=True)
                 for i, title, owner, due_on in db.session.execute(query))


def _terms(day: date, policy: due.Policy) -> tuple[due.Term, ...]:
    """Terms around the day, each with the term that follows and its handover."""
    from cxgov.teams.models import Handover, Term

    rows = db.session.execute(
        sa.select(Term.id, Term.starts_on, Term.ends_on, Term.director_id, Handover.id, Handover.submitted_at,
                  Handover.acknowledged_at)
        .outerjoin(Handover, Handover.term_id == Term.id)
        .where(Term.ends_on >= day - timedelta(days=400), Term.starts_on <= day + timedelta(days=400))
        .order_by(Term.starts_on)).all()
    by_start = {row[1]: row for row in rows}
    zone = clock.zone()
    terms = []
    for term_id, starts, ends, director, handover, submitted, acknowledged in rows:
        following = by_start.get(ends + timedelta(days=1))
        if ends < day - timedelta(days=policy.handover_days * 8) or starts > day + timedelta(days=1):
            continue
        terms.append(due.Term(id=term_id, starts_on=starts, ends_on=ends, director_id=director,
                              next_director_id=following[3] if following else None,
                              next_ends_on=following[2] if following else None, handover_id=handover,
                              submitted_on=submitted.astimezone(zone).date() if submitted else None,
                              acknowledged=acknowledged is not None))
    return tuple(terms)


def _reviews(day: date, policy: due.Policy) -> tuple[due.Review, ...]:
    from cxgov.reviews.models import QuarterlyReview

    rows = db.session.execute(
        sa.select(QuarterlyReview.id, QuarterlyReview.year, QuarterlyReview.quarter, QuarterlyReview.meeting_on,
                  QuarterlyReview.pack_built_at)
        .where(QuarterlyReview.state == "planned",
               QuarterlyReview.meeting_on <= day + timedelta(days=policy.pack_days)))
    return tuple(due.Review(id=i, year=year, quarter=quarter, meeting_on=meeting_on, planned=True,
                            pack_ready=built is not None)
                 for i, year, quarter, meeting_on, built in rows)


def _areas() -> tuple[due.Area, ...]:
    from cxgov.alignment.models import AlignmentArea, AlignmentReview

    rows = db.session.execute(
        sa.select(AlignmentArea.id, AlignmentReview.year, AlignmentArea.name, AlignmentArea.key,
                  AlignmentArea.owner_id, AlignmentArea.rating)
        .join(AlignmentReview, AlignmentReview.id == AlignmentArea.review_id)
        .where(AlignmentReview.state != "signed_off"))
    return tuple(due.Area(id=i, year=year, name=name, key=key, owner_id=owner, rated=rating is not None, open=True)
                 for i, year, name, key, owner, rating in rows)


def _director(day: date) -> int | None:
    from cxgov.teams.queries import director_id_on

    return director_id_on(day)
