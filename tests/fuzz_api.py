"""The records the API fuzz test (tests/web/test_api_fuzz.py) calls the API on: a few of every kind, so that
the small ids schemathesis tries first name real rows, and the CX office's token that calls it."""
from __future__ import annotations

from datetime import date

from cxgov import clock
from cxgov.api.operations import create_token
from cxgov.extensions import db
from cxgov.targets import progress
from tests.factories import make_action, make_cycle, make_target, next_month, open_target_window
from tests.web.test_teams import company, make_plan
from tests.web.test_workshops_api import held_workshop


def seed() -> str:
    """Departments, people, a rotation plan, a published cycle, targets with progress, actions, a held workshop
    with ideas; the plain API token of the CX office (who may read and write the most)."""
    people = company()
    open_target_window()
    make_plan(people.leads[:3], start=date(2027, 1, 1))
    make_cycle(people.depts[:3], state="published")
    for dept in people.depts[:3]:
        target = make_target(dept, next_month(0), approved=True)
        progress.post_update(target, clock.today(), 35.0, None, "", people.cxo, clock.today())
        make_target(dept)
        make_action(people.member, dept, created_by=people.cxo)
    workshop_people = {"hr": people.hr, "agent": people.member, "agent2": people.other,
                       "designer": people.leads[0], "planner": people.leads[1]}
    held_workshop({"cs": people.depts[3], "scm": people.depts[4]}, workshop_people)
    _row, plain = create_token(people.cxo, "fuzz")
    db.session.commit()
    return plain
