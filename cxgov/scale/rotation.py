"""The virtual CX team's project director rotation: quarterly since the first month of history, among the leads of
twelve departments that exist throughout, with a handover written and acknowledged at every past change of
director and the current director's in draft.

It goes through the teams' own gates (a few dozen rows, audited), as the normal demo's does: the plan is created
two weeks before its first term, as a person would have.
"""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.scale.world import World, at, first_day
from cxgov.teams import demo as team_demo
from cxgov.teams import operations, queries, team_operations

POOL_SIZE = 12


def load(world: World) -> None:
    """The plan, its terms up to next year, and the handovers."""
    first = world.first_month
    founders = [d.lead_id for d in world.depts if d.founded <= first and d.archived is None and d.lead_id]
    pool_ids = world.rng.sample(founders, min(POOL_SIZE, len(founders)))
    people = {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(pool_ids)))}
    start = first_day(first)
    start = start.replace(month=(start.month - 1) // 3 * 3 + 1)  # terms start on a quarter's first day
    office = db.session.get(User, world.accounts["cxo"])
    plan = operations.create_plan("项目总监轮值 Project director rotation", "quarterly", start,
                                  [people[i] for i in pool_ids], start - timedelta(days=14), office)
    operations.refresh(plan, world.today)
    notes = list(team_demo.HANDOVERS.values())
    for index, term in enumerate(plan.terms):
        following = queries.term_after(term)
        if following is None or term.director is None or following.director_id == term.director_id:
            continue
        text, items = notes[index % len(notes)]
        if term.ends_on < world.today:
            handover = team_operations.save_handover(term, text, items, True, term.director)
            team_operations.acknowledge_handover(handover, following.director,
                                                 team_demo.REPLIES[index % len(team_demo.REPLIES)])
            handover.submitted_at = at(term.ends_on - timedelta(days=6), 10)
            handover.acknowledged_at = at(following.starts_on + timedelta(days=2), 10)
        elif term.contains(world.today):
            team_operations.save_handover(term, *team_demo.CURRENT_DRAFT, False, term.director)
    db.session.flush()
