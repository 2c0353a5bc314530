"""About 300 culture workshops over five years (12 per unit of scale): invitations, RSVPs, attendance, feedback,
screened ideas; a few cancelled, the next few still to come.

Held workshops have attendance (invitees and walk-ins, one row per person), feedback only from attendees (once
each), ideas only once held; workshops still to come have invitations only.
"""
from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from cxgov.scale.bulk import table
from cxgov.scale.world import World, at, first_day
from cxgov.workshops import demo as workshop_demo
from cxgov.workshops.models import Attendance, Feedback, Idea, Invitation, Workshop, WorkshopDepartment, WorkshopGoal

UPCOMING = 4


def load(world: World) -> None:
    """The series goal, then the workshops, spread evenly over the history with the last few still to come."""
    rows = {model: [] for model in (Workshop, WorkshopDepartment, Invitation, Attendance, Feedback, Idea)}
    total = max(4, round(12 * world.scale))
    upcoming = min(UPCOMING, max(1, total // 10))
    first = datetime.combine(first_day(world.history[0]) + timedelta(days=10), time(6), tzinfo=UTC)
    last = datetime.combine(world.today - timedelta(days=7), time(6), tzinfo=UTC)
    step = (last - first) / max(1, total - upcoming - 1)
    for number in range(total):
        starts = first + step * number + timedelta(days=world.rng.randint(0, 3)) if number < total - upcoming \
            else last + timedelta(days=14 * (number - total + upcoming + 1))
        _workshop(world, number + 1, starts, rows)
    goals = [{"id": world.writer.next_id(table(WorkshopGoal)), "from_month": world.history[0], "per_month": 2,
              "note": "每月两场 Two a month", "created_at": at(first_day(world.history[0]), 9),
              "updated_at": at(first_day(world.history[0]), 9)},
             {"id": world.writer.next_id(table(WorkshopGoal)), "from_month": world.history[24],
              "per_month": max(2, round(total / 55)), "note": "扩大到各区域 Every region joins",
              "created_at": at(first_day(world.history[24]), 9), "updated_at": at(first_day(world.history[24]), 9)}]
    world.writer.insert(table(WorkshopGoal), goals)
    for model, model_rows in rows.items():
        world.writer.insert(table(model), model_rows)


def _workshop(world: World, number: int, starts: datetime, rows: dict) -> None:
    """One workshop: 14:00–16:30 local time (06:00 UTC), one to four departments invited."""
    rng, writer = world.rng, world.writer
    day, method, title, topic, _codes, room, (customers, experts, core), notes = rng.choice(workshop_demo.WORKSHOPS)
    live = world.live(starts.strftime("%Y-%m"))
    depts = rng.sample(live, min(len(live), rng.randint(1, 4)))
    held = starts.date() < world.today
    cancelled = rng.random() < 0.03
    workshop_id = writer.next_id(table(Workshop))
    facilitator = rng.choice(world.hr_ids)
    invited = _invited(world, depts, facilitator)
    attendance = _attend(world, workshop_id, invited, starts, rows) if held and not cancelled else []
    created = starts - timedelta(days=14)
    rows[Workshop].append({
        "id": workshop_id, "title": f"第 {number} 期 No. {number}: {title}", "topic": topic,
        "starts_at": starts, "ends_at": starts + timedelta(hours=2, minutes=30),
        "location": workshop_demo.ROOMS[room], "online_url": workshop_demo.ONLINE if room == 2 else "",
        "facilitator_id": facilitator, "method": method, "method_note": "", "employees_count": len(attendance),
        "customers_count": customers, "experts_count": experts, "core_users_count": core, "cocreator_notes": notes,
        "capacity": max(40, len(invited) + 5), "cancelled_at": created + timedelta(days=7) if cancelled else None,
        "created_by_id": facilitator, "created_at": created, "updated_at": created, "version": 1})
    rows[WorkshopDepartment] += [{"workshop_id": workshop_id, "department_id": d.id} for d in depts]
    for user_id in invited:
        answered = held or rng.random() < 0.6
        rsvp = ("yes" if rng.random() < 0.82 else "no") if answered else "pending"
        rows[Invitation].append({
            "id": writer.next_id(table(Invitation)), "workshop_id": workshop_id, "user_id": user_id, "rsvp": rsvp,
            "rsvp_note": "", "rsvp_at": starts - timedelta(days=rng.randint(2, 12)) if answered else None,
            "created_at": created, "updated_at": created})
    if attendance:
        _feedback(world, workshop_id, attendance, starts, rows)
        _ideas(world, workshop_id, depts, facilitator, starts, rows)


def _invited(world: World, depts, facilitator: int) -> list[int]:
    """The invited departments' leads and some of their members (up to about 30), and the facilitator."""
    people = {facilitator}
    for dept in depts:
        people.add(dept.lead_id)
        people.update(world.rng.sample(dept.member_ids, min(len(dept.member_ids), 30 // len(depts))))
    return sorted(people)


def _attend(world: World, workshop_id: int, invited: list[int], starts: datetime, rows: dict) -> list[int]:
    """Most invitees come; one or two walk in."""
    rng = world.rng
    present = [u for u in invited if rng.random() < 0.75]
    others = [u for d in rng.sample(world.depts, min(3, len(world.depts))) for u in d.member_ids[:5]
              if u not in invited]
    walk_ins = set(rng.sample(others, min(len(others), rng.choice((0, 1, 1, 2)))))
    for user_id in sorted(set(present) | walk_ins):
        rows[Attendance].append({"id": world.writer.next_id(table(Attendance)), "workshop_id": workshop_id,
                                 "user_id": user_id, "walk_in": user_id in walk_ins,
                                 "recorded_by_id": world.hr_ids[0], "created_at": starts, "updated_at": starts})
    return sorted(set(present) | walk_ins)


def _feedback(world: World, workshop_id: int, attendance: list[int], starts: datetime, rows: dict) -> None:
    """About two thirds of the attendees rate it the day after."""
    rng, quality = world.rng, world.rng.uniform(3.0, 4.6)
    for user_id in attendance:
        if rng.random() < 0.68:
            moment = starts + timedelta(hours=rng.randint(20, 44))
            rows[Feedback].append({
                "id": world.writer.next_id(table(Feedback)), "workshop_id": workshop_id, "user_id": user_id,
                "rating": max(1, min(5, round(quality + rng.choice((-1, -0.5, 0, 0, 0.5, 1))))),
                "comment": rng.choice(workshop_demo.FEEDBACK_COMMENTS), "created_at": moment, "updated_at": moment})


def _ideas(world: World, workshop_id: int, depts, facilitator: int, starts: datetime, rows: dict) -> None:
    """Three to eight ideas, screened with dot votes and impact × effort."""
    rng = world.rng
    moment = starts + timedelta(hours=2, minutes=30)
    for kind, title, stage, touchpoint, _code in rng.sample(workshop_demo.IDEAS, rng.randint(3, 8)):
        impact, effort = rng.randint(2, 5), rng.randint(1, 5)
        decision = "shortlisted" if impact >= 4 and effort <= 3 else rng.choice(("open", "parked", "open"))
        rows[Idea].append({
            "id": world.writer.next_id(table(Idea)), "workshop_id": workshop_id, "kind": kind, "title": title,
            "description": "", "stage": stage, "touchpoint": touchpoint, "department_id": rng.choice(depts).id,
            "dot_votes": rng.randint(0, 12), "impact": impact, "effort": effort, "decision": decision,
            "target_id": None, "promoted_at": None, "promoted_by_id": None, "created_by_id": facilitator,
            "created_at": moment, "updated_at": moment, "version": 1})
