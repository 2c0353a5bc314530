"""The reviews routes of the role × URL table in tests/web/test_access.py (merged there under its marker).

`data(d)` builds, once per table row, a planned review chaired by the executive with the lead attending, and a
review in its meeting with a decision that has an action (so that it is never removed). POSTs are chosen so that
an allowed role's request cannot change the outcome for the roles checked after it.
"""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from cxgov import clock
from cxgov.extensions import db
from cxgov.permissions import CX_OFFICE, DEPT_LEAD, EXECUTIVE, MEMBER, ROLES
from cxgov.reviews import operations

EVERYONE = set(ROLES)
PREPARERS = {EXECUTIVE, CX_OFFICE}  # plan, refresh, agenda (and the project director, none in the table)
RUNNERS = PREPARERS  # the chair is the executive
DRAFT_READERS = PREPARERS | {DEPT_LEAD}  # the lead attends


def data(d) -> SimpleNamespace:
    """The row's reviews, made on first use."""
    if not hasattr(d, "reviews"):
        users, today = d.users, clock.today()
        plan = {"chair_id": users[EXECUTIVE].id, "meeting_on": today + timedelta(days=7), "place": ""}
        planned = operations.create_review(2031, 1, plan, [users[DEPT_LEAD].id], users[CX_OFFICE], today)
        running = operations.create_review(2031, 2, {**plan, "meeting_on": today}, [users[DEPT_LEAD].id],
                                           users[CX_OFFICE], today)
        operations.start_meeting(running, today)
        decision = operations.add_decision(running, "Call customers back within 2 hours", users[EXECUTIVE])
        operations.add_action(decision, {"title": "Pilot", "owner_id": users[MEMBER].id, "due_on": today}, None)
        db.session.commit()
        d.reviews = SimpleNamespace(planned=planned, running=running, decision=decision)
    return d.reviews


def routes(api) -> dict:
    """(method, rule) -> (url builder, who may use it); `api` is the table's Api marker class."""
    r = data
    return {
        ("GET", "/reviews/"): (lambda d: "/reviews/", EVERYONE),
        ("GET", "/reviews/new"): (lambda d: "/reviews/new", PREPARERS),
        ("POST", "/reviews/new"): (lambda d: "/reviews/new", PREPARERS),  # empty form: nothing planned
        ("GET", "/reviews/agenda"): (lambda d: "/reviews/agenda", PREPARERS),
        ("POST", "/reviews/agenda"): (lambda d: "/reviews/agenda", PREPARERS),  # no section chosen: refused
        ("GET", "/reviews/<int:review_id>"): (lambda d: f"/reviews/{r(d).planned.id}", DRAFT_READERS),
        ("GET", "/reviews/<int:review_id>/edit"): (lambda d: f"/reviews/{r(d).planned.id}/edit", PREPARERS),
        ("POST", "/reviews/<int:review_id>/edit"): (lambda d: f"/reviews/{r(d).planned.id}/edit", PREPARERS),
        ("POST", "/reviews/<int:review_id>/refresh"): (lambda d: f"/reviews/{r(d).planned.id}/refresh", PREPARERS),
        # The running review cannot start again, so every allowed role gets the same refusal.
        ("POST", "/reviews/<int:review_id>/start"): (lambda d: f"/reviews/{r(d).running.id}/start", RUNNERS),
        ("POST", "/reviews/<int:review_id>/decisions"):
            (lambda d: f"/reviews/{r(d).running.id}/decisions", RUNNERS),  # empty decision: refused
        ("POST", "/reviews/<int:review_id>/notes"): (lambda d: f"/reviews/{r(d).running.id}/notes", RUNNERS),
        # The planned review cannot be published before its meeting starts: the same refusal for everyone allowed.
        ("POST", "/reviews/<int:review_id>/publish"): (lambda d: f"/reviews/{r(d).planned.id}/publish", RUNNERS),
        ("GET", "/reviews/decisions/<int:decision_id>"):
            (lambda d: f"/reviews/decisions/{r(d).decision.id}", DRAFT_READERS),
        ("POST", "/reviews/decisions/<int:decision_id>/actions"):
            (lambda d: f"/reviews/decisions/{r(d).decision.id}/actions", RUNNERS),  # empty action: refused
        ("POST", "/reviews/decisions/<int:decision_id>/delete"):
            (lambda d: f"/reviews/decisions/{r(d).decision.id}/delete", RUNNERS),  # it has an action: kept
        ("GET", "/reviews/<int:review_id>/pack.pdf"): (lambda d: f"/reviews/{r(d).planned.id}/pack.pdf", DRAFT_READERS),
        ("GET", "/reviews/<int:review_id>/minutes.pdf"):
            (lambda d: f"/reviews/{r(d).running.id}/minutes.pdf", DRAFT_READERS),
    }
