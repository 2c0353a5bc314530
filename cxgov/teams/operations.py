"""Every write on the rotation: plans, pool, leave, swaps, and the schedule they produce; the caller commits.

Rules a request can break raise cxgov.rules.Refusal (a code and its arguments, worded in teams/labels.py)
before anything is written.
"""
from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from flask import has_request_context

from cxgov.audit.tracking import acting_as, audit_reason
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.rules import Refusal
from cxgov.teams import queries, rotation
from cxgov.teams.labels import say as _
from cxgov.teams.models import LeavePeriod, PoolMember, RotationPlan, Term


def day_text(day: date | None) -> str:
    """A date in the reader's language for a message."""
    from cxgov.templating import fmt_date

    if day is None:
        return _("open-ended")
    return fmt_date(day) if has_request_context() else day.isoformat()


# --- the schedule ------------------------------------------------------------------------------------------------

def scheduler_plan(plan: RotationPlan) -> rotation.Plan:
    """The plan as the scheduler sees it: active people still in the pool, their leave, who came before."""
    pool = tuple(m.user_id for m in queries.pool_of(plan) if m.user.active)
    rows = db.session.scalars(sa.select(LeavePeriod).where(LeavePeriod.user_id.in_(pool))) if pool else []
    leaves: dict[int, list] = {}
    for leave in rows:
        leaves.setdefault(leave.user_id, []).append((leave.starts_on, leave.ends_on))
    before = db.session.scalar(sa.select(Term.director_id).where(
        Term.ends_on == plan.starts_on - timedelta(days=1)).limit(1))
    return rotation.Plan(plan.cadence, plan.starts_on, pool, {k: tuple(v) for k, v in leaves.items()}, before)


def _kept(plan: RotationPlan, today: date) -> int:
    """How many terms have started (past and current): these never change."""
    index = rotation.term_index_on(plan.cadence, plan.starts_on, today)
    return 0 if index is None else index + 1


def _count(plan: RotationPlan, spec: rotation.Plan, keep: int) -> int:
    """How many terms the plan has: up to its end, or the current one and a full round ahead."""
    if plan.ends_on is not None:
        return rotation.term_index_on(plan.cadence, plan.starts_on, plan.ends_on) + 1
    return max(len(plan.terms), keep + rotation.terms_ahead(len(spec.pool)))


def _slot(term: Term) -> rotation.Slot:
    """A stored term as a scheduler slot."""
    return rotation.Slot(term.director_id, tuple(term.skipped or ()), term.pinned)


def compute(plan: RotationPlan, today: date, pins: dict[int, int] | None = None) -> tuple[int, list[rotation.Slot]]:
    """(terms kept, every slot) as the scheduler sees the plan now, with extra pins."""
    spec, keep = scheduler_plan(plan), _kept(plan, today)
    stored = {t.number: t.director_id for t in plan.terms if t.pinned and t.number >= keep}
    slots = rotation.schedule(spec, _count(plan, spec, keep), fixed=[_slot(t) for t in plan.terms[:keep]],
                              pinned={**stored, **(pins or {})})
    return keep, slots


def _apply(plan: RotationPlan, keep: int, slots: list[rotation.Slot]) -> int:
    """Store the slots from `keep` on (and any missing earlier term); returns how many terms changed."""
    existing, changed = {t.number: t for t in plan.terms}, 0
    for index, slot in enumerate(slots):
        term = existing.get(index)
        if term is None:
            first, last = rotation.term_dates(plan.cadence, plan.starts_on, index)
            plan.terms.append(Term(number=index, starts_on=first, ends_on=last, director_id=slot.director,
                                   skipped=list(slot.skipped), pinned=slot.pinned))
            changed += 1
        elif index >= keep and _slot(term) != slot:
            term.director_id, term.skipped, term.pinned = slot.director, list(slot.skipped), slot.pinned
            term.change_reason = term.change_reason if slot.pinned else None
            changed += 1
    db.session.flush()
    return changed


def refresh(plan: RotationPlan, today: date, reason: str | None = None) -> int:
    """Regenerate the plan's future terms (past and current ones never change); returns the terms changed."""
    keep, slots = compute(plan, today)
    with audit_reason(reason or _("The rotation was rescheduled.")):
        return _apply(plan, keep, slots)


def refresh_all(today: date, reason: str | None = None) -> int:
    """Regenerate every plan that still has terms to come, oldest first (a newer plan follows an older one)."""
    changed = 0
    for plan in queries.plans():
        if plan.ends_on is None or plan.ends_on >= today:
            changed += refresh(plan, today, reason)
    return changed


def needs_top_up(plan: RotationPlan | None, today: date) -> bool:
    """True when time has moved on and fewer terms than a full round are planned ahead."""
    if plan is None or plan.ends_on is not None:
        return False
    ahead = len(plan.terms) - _kept(plan, today)
    return ahead < rotation.terms_ahead(len(queries.pool_of(plan)))


def top_up(today: date) -> bool:
    """Plan the next terms when time has moved on; done by the scheduler, whoever opened the page."""
    plan = queries.active_plan()
    if not needs_top_up(plan, today):
        return False
    with acting_as(None, "rotation scheduler"):
        refresh(plan, today, _("Time moved on: the next terms were planned."))
    return True


# --- plans and the pool ------------------------------------------------------------------------------------------

def _check_pool(people: list[User]) -> None:
    """A pool needs people, each active and listed once."""
    if not people:
        raise Refusal("rotation_pool_empty")
    inactive = [p.name for p in people if not p.active]
    if inactive:
        raise Refusal("rotation_pool_inactive", names=", ".join(inactive))


def _check_start(starts_on: date, today: date, current: RotationPlan | None) -> None:
    """A plan starts today or later and, after another plan, on a boundary after the current term."""
    if starts_on < today:
        raise Refusal("rotation_start_past", date=today)
    if current is None:
        return
    if current.starts_on > today:
        raise Refusal("rotation_plan_not_started", name=current.name)
    index = rotation.term_index_on(current.cadence, current.starts_on, today)
    earliest = rotation.term_dates(current.cadence, current.starts_on, index + 1)[0]
    if starts_on < earliest:
        raise Refusal("rotation_current_term_runs", end=earliest - timedelta(days=1), date=earliest)
    at = rotation.term_index_on(current.cadence, current.starts_on, starts_on)
    first = rotation.term_dates(current.cadence, current.starts_on, at)[0]
    if first != starts_on:
        boundary = rotation.term_dates(current.cadence, current.starts_on, at + 1)[0]
        raise Refusal("rotation_start_on_boundary", a=first, b=boundary)


def next_start(today: date) -> date:
    """The earliest day a new plan may start: the day after the current term, else the 1st of next month."""
    current = queries.active_plan()
    if current is not None and current.starts_on <= today:
        index = rotation.term_index_on(current.cadence, current.starts_on, today)
        return rotation.term_dates(current.cadence, current.starts_on, index + 1)[0]
    return rotation.add_months(today.replace(day=1), 1)


def create_plan(name: str, cadence: str, starts_on: date, people: list[User], today: date,
                by: User | None = None) -> RotationPlan:
    """A new plan with its pool and terms; it takes over from the current plan on its first day."""
    if cadence not in rotation.CADENCES:
        raise Refusal("rotation_bad_cadence")
    _check_pool(people)
    current = queries.active_plan()
    _check_start(starts_on, today, current)
    if current is not None:
        _end_plan(current, starts_on, today)
    plan = RotationPlan(name=name, cadence=cadence, starts_on=starts_on, created_by_id=by.id if by else None)
    plan.pool = [PoolMember(user_id=p.id, position=i, joined_on=today) for i, p in enumerate(people)]
    db.session.add(plan)
    db.session.flush()
    refresh(plan, today, _("New rotation plan."))
    return plan


def _end_plan(plan: RotationPlan, new_start: date, today: date) -> None:
    """Let a newer plan take over: drop this plan's terms from that day on."""
    with audit_reason(_("A new rotation plan starts on %(date)s.", date=day_text(new_start))):
        for term in [t for t in plan.terms if t.starts_on >= new_start]:
            plan.terms.remove(term)
        plan.ends_on = new_start - timedelta(days=1)
        db.session.flush()
        _apply(plan, _kept(plan, today), compute(plan, today)[1])


def update_pool(plan: RotationPlan, name: str, people: list[User], today: date) -> None:
    """Rename the plan and set its pool in order; someone taken out leaves the pool today."""
    _check_pool(people)
    plan.name = name
    members = {m.user_id: m for m in plan.pool}
    for position, person in enumerate(people):
        member = members.get(person.id)
        if member is None:
            plan.pool.append(PoolMember(user_id=person.id, position=position, joined_on=today))
            continue
        if member.left_on is not None:
            member.left_on, member.joined_on = None, today
        member.position = position
    wanted = {p.id for p in people}
    for member in plan.pool:
        if member.user_id not in wanted and member.left_on is None:
            member.left_on = today
    db.session.flush()
    db.session.refresh(plan, ["pool"])
    refresh(plan, today, _("The pool of the rotation changed."))


def delete_plan(plan: RotationPlan, today: date) -> None:
    """Delete a plan that has not started; the plan before it runs on."""
    if plan.starts_on <= today:
        raise Refusal("rotation_plan_started")
    previous = db.session.scalar(sa.select(RotationPlan).where(RotationPlan.ends_on == plan.starts_on
                                                               - timedelta(days=1)).limit(1))
    db.session.delete(plan)
    db.session.flush()
    if previous is not None:
        previous.ends_on = None
        db.session.flush()
        refresh(previous, today, _("The next rotation plan was deleted."))


# --- leave -------------------------------------------------------------------------------------------------------

def add_leave(user: User, starts_on: date, ends_on: date, note: str, today: date) -> LeavePeriod:
    """Record a leave period and reschedule the terms it touches."""
    if ends_on < starts_on:
        raise Refusal("leave_ends_before_start")
    clash = db.session.scalar(sa.select(LeavePeriod).where(
        LeavePeriod.user_id == user.id, LeavePeriod.starts_on <= ends_on, LeavePeriod.ends_on >= starts_on))
    if clash is not None:
        raise Refusal("leave_overlaps", name=user.name, start=clash.starts_on, end=clash.ends_on)
    leave = LeavePeriod(user_id=user.id, starts_on=starts_on, ends_on=ends_on, note=note)
    db.session.add(leave)
    db.session.flush()
    refresh_all(today, _("Leave recorded for %(name)s.", name=user.name))
    return leave


def delete_leave(leave: LeavePeriod, today: date) -> None:
    """Remove a leave period that is not over yet, and reschedule."""
    if leave.ends_on < today:
        raise Refusal("leave_over")
    name = leave.user.name
    db.session.delete(leave)
    db.session.flush()
    refresh_all(today, _("Leave removed for %(name)s.", name=name))


# --- swaps and reassignments -------------------------------------------------------------------------------------

def _check_planned(term: Term, today: date) -> None:
    """Only terms that have not started change by hand."""
    if term.starts_on <= today:
        raise Refusal("term_started", **_term(term))


def _term(term: Term) -> dict:
    """A term as a refusal's arguments (its short name, “Q4 2026”, is worded at the edge from these)."""
    return {"cadence": term.plan.cadence, "starts_on": term.starts_on.isoformat()}


def _check_director(person: User, spec: rotation.Plan, term: Term) -> None:
    """The person may direct the term: active, in the pool, not on leave."""
    if not person.active:
        raise Refusal("director_inactive", name=person.name)
    if person.id not in spec.pool:
        raise Refusal("director_not_in_pool", name=person.name)
    if person.id not in rotation.available_people(spec, term.number):
        raise Refusal("director_on_leave", name=person.name, **_term(term))


def reassign_term(term: Term, person: User, reason: str, today: date) -> None:
    """Give a planned term to someone else; the later terms are rescheduled around it."""
    _check_planned(term, today)
    if person.id == term.director_id:
        raise Refusal("term_same_director", name=person.name, **_term(term))
    _check_director(person, scheduler_plan(term.plan), term)
    _change(term.plan, {term.number: person.id}, reason, today)


def swap_terms(term: Term, other: Term, reason: str, today: date) -> None:
    """Exchange the directors of two planned terms of the same plan."""
    if other.id == term.id or other.plan_id != term.plan_id:
        raise Refusal("swap_other_term")
    _check_planned(term, today)
    _check_planned(other, today)
    if term.director is None or other.director is None:
        raise Refusal("swap_vacant")
    spec = scheduler_plan(term.plan)
    _check_director(other.director, spec, term)
    _check_director(term.director, spec, other)
    _change(term.plan, {term.number: other.director_id, other.number: term.director_id}, reason, today)


def _change(plan: RotationPlan, pins: dict[int, int], reason: str, today: date) -> None:
    """Pin the terms, refuse a change that makes someone direct twice in a row, store the new schedule."""
    spec = scheduler_plan(plan)
    keep, slots = compute(plan, today, pins)
    for index in rotation.repeats(slots, spec.before):
        if index >= keep and {index, index - 1} & set(pins) and len(rotation.available_people(spec, index)) > 1:
            person = db.session.get(User, slots[index].director)
            raise Refusal("director_twice", name=person.name if person else "?")
    terms = {t.number: t for t in plan.terms}
    with audit_reason(reason):
        for index in pins:
            terms[index].change_reason = reason
        _apply(plan, keep, slots)
