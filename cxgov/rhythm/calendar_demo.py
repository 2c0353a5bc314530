"""Demo calendar feeds: the CX office has its own feed and the programme calendar's, a lead and a member have
theirs, so that the calendar page shows a feed in use. The secrets are random and thrown away (only their hash is
kept, as always): to subscribe, a demo user resets the address on /account/calendar and copies the new one."""
from __future__ import annotations

from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.rhythm import calendar_tokens

PEOPLE = ("cxo", "lead.cs", "cs.1")


def load(users: dict[str, User]) -> None:
    """Feeds for a few demo people and the company feed of the CX office; the caller commits."""
    for key in PEOPLE:
        if key in users and users[key].active:
            calendar_tokens.renew_person_feed(users[key])
    if "cxo" in users and calendar_tokens.company_feed() is None:
        calendar_tokens.renew_company_feed(users["cxo"])
    db.session.flush()
