"""The actions routes of the role × URL table in tests/web/test_access.py (merged there under its marker).

`data(d)` builds, once per table row, an action of the data's department owned by the member (created by nobody,
so that only managers, the department's lead and the owner may move it), and uses the workshop data's idea for
the idea → action route. POSTs send an empty form, so an allowed role's request changes nothing for the next.
"""
from __future__ import annotations

from datetime import timedelta

from cxgov import clock
from cxgov.actions.models import ActionItem
from cxgov.extensions import db
from cxgov.permissions import CX_OFFICE, DEPT_LEAD, EXECUTIVE, HR, MEMBER, ROLES
from tests.factories import make_action

EVERYONE = set(ROLES)
CREATORS = {EXECUTIVE, CX_OFFICE, DEPT_LEAD, HR}  # add actions by hand (the director too, none in the table)
EDITORS = {EXECUTIVE, CX_OFFICE, DEPT_LEAD}  # the data's lead leads the action's department
MOVERS = EDITORS | {MEMBER}  # the member owns the action


def data(d) -> ActionItem:
    """The row's action, made on first use."""
    if not hasattr(d, "action"):
        d.action = make_action(d.users[MEMBER], d.dept, title="Call back within 2 h")
    return d.action


def _idea(d):
    """The workshop data's idea (tests/web/test_workshops_routes.py)."""
    from tests.web.test_workshops_routes import data as workshop_data

    return workshop_data(d).idea


def _version(d) -> int:
    """The action's current version (each allowed PATCH raises it)."""
    return db.session.get(ActionItem, data(d).id).version


def routes(api) -> dict:
    """(method, rule) -> (url builder, who may use it); `api` is the table's Api marker class."""
    a = data
    return {
        ("GET", "/actions/"): (lambda d: "/actions/", EVERYONE),
        ("GET", "/actions/mine"): (lambda d: "/actions/mine", EVERYONE),
        ("GET", "/actions/new"): (lambda d: "/actions/new", CREATORS),
        ("POST", "/actions/new"): (lambda d: "/actions/new", CREATORS),
        ("GET", "/actions/<int:action_id>"): (lambda d: f"/actions/{a(d).id}", EVERYONE),
        ("GET", "/actions/<int:action_id>/edit"): (lambda d: f"/actions/{a(d).id}/edit", EDITORS),
        ("POST", "/actions/<int:action_id>/edit"): (lambda d: f"/actions/{a(d).id}/edit", EDITORS),
        ("POST", "/actions/<int:action_id>/status"): (lambda d: f"/actions/{a(d).id}/status", MOVERS),
        ("GET", "/actions/export.<fmt>"): (lambda d: "/actions/export.xlsx", EVERYONE),
        ("GET", "/workshops/ideas/<int:idea_id>/action"):
            (lambda d: f"/workshops/ideas/{_idea(d).id}/action", CREATORS),
        ("POST", "/workshops/ideas/<int:idea_id>/action"):
            (lambda d: f"/workshops/ideas/{_idea(d).id}/action", CREATORS),
        ("GET", "/api/v1/actions"): (lambda d: "/api/v1/actions", api(EVERYONE)),
        ("POST", "/api/v1/actions"): (lambda d: "/api/v1/actions", api(CREATORS, lambda d: {
            "title": "Via API", "owner_id": d.users[MEMBER].id,
            "due_on": (clock.today() + timedelta(days=7)).isoformat()})),
        ("GET", "/api/v1/actions/<int:action_id>"): (lambda d: f"/api/v1/actions/{a(d).id}", api(EVERYONE)),
        ("PATCH", "/api/v1/actions/<int:action_id>"): (lambda d: f"/api/v1/actions/{a(d).id}", api(
            EDITORS, lambda d: {"version": _version(d), "title": "Call back within 1 h"})),
    }
