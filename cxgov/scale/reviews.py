"""Twenty quarterly reviews (five years): each past quarter's published with decisions and their actions, the
current quarter's planned.

The packs of the current quarter and the last four are built by the reviews' own builder from the generated data,
as of the meeting; older reviews keep no stored pack (their pages show the minutes and decisions only): building
a pack takes 2-4 s at the large size, all twenty more than the two-minute budget.
"""
from __future__ import annotations

import json
from datetime import date, timedelta

from cxgov.actions.models import ActionItem
from cxgov.extensions import db
from cxgov.reviews import building
from cxgov.reviews import demo as review_demo
from cxgov.reviews.models import Decision, QuarterlyReview, ReviewSettings, review_attendees
from cxgov.reviews.pack import previous_quarter, quarter_of
from cxgov.scale.bulk import table
from cxgov.scale.world import World, at

# (decision, [action titles]) drawn from the normal demo's minutes.
RECENT_PACKS = 4  # published reviews whose pack is built (plus the planned one)
DECISIONS = [(text, [title for title, *_rest in actions]) for review in review_demo.DECISIONS
             for text, actions in review]


def quarters(world: World) -> list[tuple[int, int]]:
    """Every quarter from the first month of history to this one."""
    first = quarter_of(date(int(world.first_month[:4]), int(world.first_month[5:]), 1))
    found = [quarter_of(world.today)]
    while found[0] != first:
        found.insert(0, previous_quarter(*found[0]))
    return found


def load(world: World) -> None:
    """The agenda settings, then the reviews oldest first."""
    writer = world.writer
    writer.insert(table(ReviewSettings), [{"id": writer.next_id(table(ReviewSettings)), "version": 1,
                                           "agenda": ",".join(("targets", "missed_targets", "maturity", "rotation",
                                                               "workshops", "actions"))}])
    plan = quarters(world)
    world.notes.append(f"quarterly reviews before the last {RECENT_PACKS} keep no stored meeting pack")
    for year, quarter in plan:  # one at a time: a pack sees the actions of the reviews before it
        rows = {"reviews": [], "attendees": [], "decisions": [], "actions": []}
        if (year, quarter) == plan[-1]:
            _planned(world, year, quarter, rows)
        else:
            _published(world, year, quarter, rows)
        writer.insert(table(QuarterlyReview), rows["reviews"])
        writer.insert(review_attendees, rows["attendees"])
        writer.insert(table(Decision), rows["decisions"])
        writer.insert(table(ActionItem), rows["actions"])


def _review(world: World, year: int, quarter: int, meeting: date, rows: dict, **state) -> int:
    """The review row and its attendees: the CEO, the CX office and a dozen department leads."""
    review_id = world.writer.next_id(table(QuarterlyReview))
    leads = {d.lead_id for d in world.rng.sample(world.depts, min(12, len(world.depts)))}
    for user_id in sorted(leads | {world.accounts["ceo"], world.accounts["cxo"]}):
        rows["attendees"].append({"review_id": review_id, "user_id": user_id})
    created = at(meeting - timedelta(days=21), 10)
    rows["reviews"].append({
        "id": review_id, "year": year, "quarter": quarter, "chair_id": world.accounts["ceo"], "meeting_on": meeting,
        "place": review_demo.PLACE, "created_by_id": world.accounts["cxo"], "created_at": created,
        "updated_at": created, "version": 1, **state})
    return review_id


def _pack(world: World, year: int, quarter: int, as_of: date) -> str:
    """The pack as the reviews' builder makes it (months are closed already: it writes nothing); none for old ones."""
    if (year, quarter) not in quarters(world)[-RECENT_PACKS - 1:]:
        return ""
    pack = json.dumps(building.build(year, quarter, as_of), ensure_ascii=False, sort_keys=True)
    db.session.expunge_all()  # the builder's thousands of objects are not needed again
    return pack


def _published(world: World, year: int, quarter: int, rows: dict) -> None:
    """A past review: pack frozen at the meeting, two to four decisions with actions, minutes published next day."""
    meeting = review_demo._meeting_day(year, quarter)
    review_id = _review(world, year, quarter, meeting, rows, state="published",
                        pack_json=_pack(world, year, quarter, meeting), notes=review_demo.NOTES,
                        pack_built_at=at(meeting, 9), started_at=at(meeting, 9),
                        published_at=at(meeting + timedelta(days=1), 17), published_by_id=world.accounts["ceo"])
    for position, (text, titles) in enumerate(world.rng.sample(DECISIONS, world.rng.randint(2, 4)), start=1):
        decision_id = world.writer.next_id(table(Decision))
        rows["decisions"].append({"id": decision_id, "review_id": review_id, "position": position, "text": text,
                                  "created_by_id": world.accounts["ceo"], "created_at": at(meeting, 11),
                                  "updated_at": at(meeting, 11)})
        for title in titles:
            rows["actions"].append(action(world, title, meeting, "review", decision_id))


def _planned(world: World, year: int, quarter: int, rows: dict) -> None:
    """This quarter's review, planned after today, its pack built today."""
    meeting = max(review_demo._meeting_day(year, quarter), world.today + timedelta(days=1))
    _review(world, year, quarter, meeting, rows, state="planned", pack_json=_pack(world, year, quarter, world.today),
            notes="", pack_built_at=at(world.today, 9), started_at=None, published_at=None, published_by_id=None)


def action(world: World, title: str, since: date, source: str, source_id: int) -> dict:
    """An action owned by a department's lead (one in eight by the CEO, for that department), due one to three
    months on; most done, some late, a few open."""
    rng, today = world.rng, world.today
    dept = rng.choice([d for d in world.depts if d.archived is None])
    owner = world.accounts["ceo"] if rng.random() < 0.125 else dept.lead_id
    due = since + timedelta(days=rng.randint(14, 90))
    status, done_on = "open", None
    if due + timedelta(days=10) < today and rng.random() < 0.8:
        status, done_on = "done", min(due + timedelta(days=rng.randint(-10, 8)), today)
    elif due < today and rng.random() < 0.3:
        status = "dropped"
    elif due < today + timedelta(days=30):
        status = "in_progress"
    return {"id": world.writer.next_id(table(ActionItem)), "title": title, "description": "",
            "owner_id": owner, "department_id": dept.id, "due_on": due, "status": status,
            "dropped_reason": "被后续决定取代。Superseded by a later decision." if status == "dropped" else "",
            "done_on": done_on, "source": source, "source_id": source_id, "created_by_id": world.accounts["cxo"],
            "created_at": at(since, 11), "updated_at": at(since, 11), "version": 1}

