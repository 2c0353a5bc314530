"""Object-level access: one table of door × actor × object → status, and nothing stored when refused.

tests/web/test_access.py proves who may use each route; this table proves who may touch each *record*: a role
allowed on a route must still be refused another department's targets, another respondent's answers, another
person's token, powers outside a director's term. Each case names its door (`page`, `api`, or `call`: the
operation a file import or promotion runs), its actor, the object, and what must follow: the status (a `call`
must be refused), text the answer must not show, and, unless it is a control case that must write, the database
unchanged (every table, row by row). Every concern goes through the pages and the API, or NOT_A_DOOR says why not.
The world is built once per backend and all cases run on it: refused cases change nothing, by their own check.
"""
from __future__ import annotations

import html
import io
from dataclasses import dataclass
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from cxgov import clock
from cxgov.api.operations import create_token
from cxgov.extensions import db
from cxgov.org import operations as org
from cxgov.rules import Refusal
from cxgov.targets import importing
from cxgov.teams import operations as teams
from cxgov.workshops import operations as workshops
from tests.factories import (
    make_action,
    make_cycle,
    make_department,
    make_organisation,
    make_target,
    make_user,
    next_month,
    open_target_window,
)

SECRET = "OPS-only evidence 7f3a"  # an OPS respondent's draft answer: only OPS's lead and the managers read it
TODAY = clock.today().replace(day=15)  # mid-month: a lead's drafting window (1st–28th) is open
BEFORE, DURING, AFTER = date(2026, 12, 31), date(2027, 2, 15), date(2027, 3, 31) + timedelta(days=1)
# Columns a refused request may touch without storing anything: when a token was last used.
VISIT_COLUMNS = {("api_tokens", "last_used_at")}


@dataclass(frozen=True)
class Case:
    """What is tried (`concern`), through which door, by whom, on which object, and what must follow."""

    concern: str
    door: str  # page | api | call
    actor: str
    method: str
    target: object  # url(w) for page/api; for call, a function(w) running the operation: True if it refused
    status: int | None = 403  # None for a call: it must be refused
    body: object = None  # body(w): the form (page) or the JSON (api)
    day: date | None = None  # the rotation's today for this case
    hidden: str | None = None  # text the answer must not contain
    says: str | None = None  # the refusal the page shows when it answers 200
    writes: bool = False  # a control case: allowed, and it stores something

    @property
    def name(self) -> str:
        return f"{self.concern}: {self.door} {self.method} by {self.actor}" + (f" on {self.day}" if self.day else "")


def _target_form(w, department) -> dict:
    return {"department_id": str(department.id), "month": next_month(), "title": "Side door", "kind": "milestone",
            "points": "10", "owner_id": "0", "dimension_code": "", "direction": "higher", "unit": "",
            "baseline": "", "target_value": "", "description": "", "evidence": ""}


def _target_json(w, department) -> dict:
    return {"department_id": department.id, "month": next_month(), "kind": "milestone", "title": "Side door"}


def _import(w, actor: str, code: str) -> bool:
    """The import's operation (the page's and the CLI's): True when it refuses the row."""
    body = f"department_code,month,title,kind,points\n{code},{next_month()},Imported side door,milestone,10\n"
    result = importing.import_targets(body.encode(), "targets.csv", w.people[actor], clock.today())
    return not result.ok and bool(result.errors)


def _promote(w, actor: str, idea_key: str) -> bool:
    """The promotion's operation: True when it refuses."""
    idea = getattr(w, idea_key)
    try:
        workshops.promote_to_target(idea, w.cs, next_month(), {"title": f"From idea {idea.id}", "kind": "milestone",
                                                               "points": 10}, w.people[actor], clock.today())
    except Refusal:
        return True
    return False


def _action_form(w) -> dict:
    return {"title": "Call back every poor rating", "description": "", "owner_id": str(w.people["member"].id),
            "department_id": "0", "due_on": (clock.today() + timedelta(days=7)).isoformat()}


def _action_json(w) -> dict:
    return {"title": "Call back every poor rating", "owner_id": w.people["member"].id,
            "due_on": (clock.today() + timedelta(days=7)).isoformat()}


def _version(w, key: str) -> dict:
    from cxgov.targets.models import Target

    return {"version": db.session.get(Target, getattr(w, key).id).version, "points": 12}


LEAD, OTHER_ANSWERS, RESPONDENT = "a lead on another department's targets", "a lead reading another department's " \
    "draft answers", "a member on another respondent's answers"
VIEWER, DIRECTOR, TOKEN = "a viewer writing", "a director outside the term", "revoking another person's token"
GONE, HR_DOOR, IDEA = "a deactivated user's session and token", "HR creating targets by a side door", \
    "a lead promoting another department's idea"
UPDATE = {"on_date": "", "value": "35", "done": "", "note": "", "reason": ""}

CASES = [
    Case(LEAD, "page", "lead_cs", "POST", lambda w: f"/targets/{w.ops_target.id}/edit",
         body=lambda w: _target_form(w, w.ops)),
    Case(LEAD, "page", "lead_cs", "POST", lambda w: "/targets/new", status=200, says="Not a valid choice",
         body=lambda w: _target_form(w, w.ops)),  # the form offers their own department only
    Case(LEAD, "page", "lead_cs", "POST", lambda w: f"/targets/{w.ops_now.id}/updates", body=lambda w: UPDATE),
    Case(LEAD, "page", "lead_cs", "POST", lambda w: f"/targets/departments/{w.ops.id}/copy",
         body=lambda w: {"month": next_month()}),
    Case(LEAD, "page", "lead_cs", "POST", lambda w: "/targets/import", status=200,
         says="You may not set the targets of OPS", body=lambda w: {"file": (
        io.BytesIO(f"department_code,month,title,kind,points\nOPS,{next_month()},Side,milestone,10\n".encode()),
        "t.csv")}),
    Case(LEAD, "call", "lead_cs", "import", lambda w: _import(w, "lead_cs", "OPS"), status=None),
    Case(LEAD, "api", "lead_cs", "PATCH", lambda w: f"/api/v1/targets/{w.ops_target.id}",
         body=lambda w: _version(w, "ops_target")),
    Case(LEAD, "api", "lead_cs", "POST", lambda w: "/api/v1/targets", body=lambda w: _target_json(w, w.ops)),
    Case(LEAD, "api", "lead_cs", "POST", lambda w: f"/api/v1/targets/{w.ops_now.id}/updates",
         body=lambda w: {"on_date": clock.today().isoformat(), "value": 35}),
    Case(LEAD, "api", "lead_cs", "PATCH", lambda w: f"/api/v1/targets/{w.cs_target.id}", status=200,
         body=lambda w: _version(w, "cs_target"), writes=True),  # control: their own department's target
    Case(OTHER_ANSWERS, "page", "lead_cs", "GET",
         lambda w: f"/assessments/{w.cycle.id}/departments/{w.ops.id}/answers"),
    Case(OTHER_ANSWERS, "page", "lead_cs", "GET", lambda w: f"/assessments/{w.cycle.id}/answer/{w.ops_answers.id}"),
    Case(OTHER_ANSWERS, "api", "lead_cs", "GET", lambda w: f"/api/v1/cycles/{w.cycle.id}/results"),
    Case(OTHER_ANSWERS, "api", "lead_cs", "GET", lambda w: f"/api/v1/cycles/{w.cycle.id}", status=200, hidden=SECRET),
    Case(OTHER_ANSWERS, "page", "lead_ops", "GET",  # control: their own department's answers
         lambda w: f"/assessments/{w.cycle.id}/departments/{w.ops.id}/answers", status=200, says=SECRET),
    Case(RESPONDENT, "page", "member", "GET", lambda w: f"/assessments/{w.cycle.id}/answer/{w.ops_answers.id}"),
    Case(RESPONDENT, "page", "member", "POST", lambda w: f"/assessments/{w.cycle.id}/answer/{w.ops_answers.id}",
         body=lambda w: {"submit": "1"}),
    Case(RESPONDENT, "page", "member", "GET", lambda w: f"/assessments/{w.cycle.id}/departments/{w.cs.id}/answers"),
    Case(RESPONDENT, "api", "member", "GET", lambda w: f"/api/v1/cycles/{w.cycle.id}/results"),
    Case(RESPONDENT, "api", "member", "GET", lambda w: f"/api/v1/cycles/{w.cycle.id}", status=200, hidden=SECRET),
    Case(VIEWER, "page", "viewer", "POST", lambda w: f"/targets/{w.viewer_target.id}/updates", body=lambda w: UPDATE),
    Case(VIEWER, "page", "viewer", "POST", lambda w: f"/actions/{w.viewer_action.id}/status",
         body=lambda w: {"status": "done", "version": str(w.viewer_action.version), "reason": ""}),
    Case(VIEWER, "page", "viewer", "POST", lambda w: f"/assessments/{w.cycle.id}/answer/{w.viewer_answers.id}",
         body=lambda w: {"submit": "1"}),
    Case(VIEWER, "page", "viewer", "POST", lambda w: f"/workshops/ideas/{w.cs_idea.id}/promote",
         body=lambda w: _target_form(w, w.cs)),
    Case(VIEWER, "api", "viewer", "POST", lambda w: f"/api/v1/targets/{w.viewer_target.id}/updates",
         body=lambda w: {"on_date": clock.today().isoformat(), "value": 35}),
    Case(VIEWER, "api", "viewer", "PATCH", lambda w: f"/api/v1/actions/{w.viewer_action.id}",
         body=lambda w: {"version": w.viewer_action.version, "status": "done"}),
    Case(VIEWER, "api", "viewer", "POST", lambda w: "/api/v1/actions", body=_action_json),
    *(Case(DIRECTOR, door, "director", method, url, body=body, day=day)
      for day in (BEFORE, AFTER) for door, method, url, body in (
          ("page", "POST", lambda w: "/actions/new", _action_form),
          ("page", "GET", lambda w: f"/assessments/{w.cycle.id}/departments/{w.cs.id}/answers", None),
          ("page", "GET", lambda w: f"/assessments/{w.cycle.id}/results", None),
          ("api", "POST", lambda w: "/api/v1/actions", _action_json),
          ("api", "GET", lambda w: f"/api/v1/cycles/{w.cycle.id}/results", None))),
    Case(DIRECTOR, "page", "director", "GET", lambda w: f"/assessments/{w.cycle.id}/departments/{w.ops.id}/answers",
         status=200, day=DURING),  # controls: the same person during the term
    Case(DIRECTOR, "api", "director", "POST", lambda w: "/api/v1/actions", status=201, body=_action_json,
         day=DURING, writes=True),
    Case(TOKEN, "page", "member", "POST", lambda w: f"/account/tokens/{w.member2_token.id}/revoke", body=lambda w: {}),
    Case(GONE, "page", "gone", "GET", lambda w: "/", status=302),
    Case(GONE, "page", "gone", "POST", lambda w: "/actions/new", status=302, body=_action_form),
    Case(GONE, "api", "gone", "GET", lambda w: "/api/v1/me", status=401),
    Case(GONE, "api", "gone", "POST", lambda w: "/api/v1/actions", status=401, body=_action_json),
    Case(HR_DOOR, "page", "hr", "POST", lambda w: "/targets/new", body=lambda w: _target_form(w, w.cs)),
    Case(HR_DOOR, "page", "hr", "POST", lambda w: "/targets/import", body=lambda w: {}),
    Case(HR_DOOR, "page", "hr", "POST", lambda w: f"/workshops/ideas/{w.cs_idea.id}/promote",
         body=lambda w: _target_form(w, w.cs)),
    Case(HR_DOOR, "page", "hr", "POST", lambda w: f"/targets/departments/{w.cs.id}/copy",
         body=lambda w: {"month": next_month()}),
    Case(HR_DOOR, "api", "hr", "POST", lambda w: "/api/v1/targets", body=lambda w: _target_json(w, w.cs)),
    Case(HR_DOOR, "call", "hr", "import", lambda w: _import(w, "hr", "CS"), status=None),
    Case(HR_DOOR, "call", "hr", "promote", lambda w: _promote(w, "hr", "cs_idea"), status=None),
    Case(IDEA, "page", "lead_cs", "POST", lambda w: f"/workshops/ideas/{w.ops_idea.id}/promote",
         body=lambda w: _target_form(w, w.cs)),
    Case(IDEA, "call", "lead_cs", "promote", lambda w: _promote(w, "lead_cs", "ops_idea"), status=None),
]
# concern → door → why that door cannot be asked.
NOT_A_DOOR = {
    TOKEN: {"api": "the API has no token operation: tokens are made and revoked on the account page only"},
    IDEA: {"api": "the API reads ideas only; promotion is on the idea's page, whose operation is the `call` door"},
}


def build_world(app):
    """CS and OPS with a lead each, members, a viewer who once owned work, HR, the CX office, a director of
    Q1 2027 (a member of OPS), a deactivated user; an open cycle with OPS's draft answers; targets; ideas."""
    from cxgov.assessments import operations as assessments
    from tests.web.test_workshops import workshop

    make_organisation()
    cs, ops = make_department("CS"), make_department("OPS")
    people = {key: make_user(f"{key}@example.com", roles=[role], department=dept) for key, role, dept in (
        ("lead_cs", "dept_lead", cs), ("lead_ops", "dept_lead", ops), ("member", "member", cs),
        ("member2", "member", cs), ("ops_agent", "member", ops), ("viewer", "member", cs), ("hr", "hr", cs),
        ("cxo", "cx_office", None), ("director", "member", ops), ("gone", "member", cs))}
    cs.lead_id, ops.lead_id = people["lead_cs"].id, people["lead_ops"].id
    open_target_window()
    cycle = make_cycle([cs, ops], state="open")
    respondent = {r.user_id: r for r in cycle.respondents}
    ops_answers, viewer_answers = respondent[people["ops_agent"].id], respondent[people["viewer"].id]
    practice = cycle.framework.dimensions[0].practices[0]
    assessments.save_answers(ops_answers, {practice.id: (3, False, SECRET)}, False, people["ops_agent"])
    teams.create_plan("Access", "quarterly", date(2027, 1, 1), [people["director"], people["member2"]],
                      date(2026, 11, 22))
    held = workshop({"hr": people["hr"]})
    ideas = {code: workshops.add_idea(held, {"kind": "improvement", "title": f"Call back ({code})", "stage": "use",
                                             "department_id": dept.id}, people["hr"]) for code, dept in
             (("cs", cs), ("ops", ops))}
    this_month = clock.today().strftime("%Y-%m")
    w = SimpleNamespace(
        cs=cs, ops=ops, people=people, cycle=cycle, ops_answers=ops_answers, viewer_answers=viewer_answers,
        ops_target=make_target(ops), ops_now=make_target(ops, this_month), cs_target=make_target(cs),
        viewer_target=make_target(cs, this_month, owner_id=people["viewer"].id),
        viewer_action=make_action(people["viewer"], cs, created_by=people["cxo"]),
        member2_token=create_token(people["member2"], "mine")[0], cs_idea=ideas["cs"], ops_idea=ideas["ops"])
    org.set_roles(people["viewer"], ["viewer"])  # a board observer now, still named on the work they once had
    db.session.commit()
    w.tokens = {key: create_token(person, "objects")[1] for key, person in people.items()}
    db.session.commit()
    w.clients = {key: _signed_in(app, person.email) for key, person in people.items()}
    _deactivate_while_signed_in(app, w)
    return w


def _signed_in(app, email: str):
    client = app.test_client()
    assert client.login(email).status_code == 302, email
    return client


def _bearer(w, actor: str) -> dict:
    return {"Authorization": f"Bearer {w.tokens[actor]}"}


def _deactivate_while_signed_in(app, w) -> None:
    """The administrator deactivates `gone` while their session is open and their token in use."""
    assert w.clients["gone"].get("/").status_code == 200
    assert app.test_client().get("/api/v1/me", headers=_bearer(w, "gone")).status_code == 200
    org.set_active(w.people["gone"], False)
    db.session.commit()


def snapshot() -> dict:
    """Every row of every table (but the columns a visit touches), to tell whether a request stored anything."""
    existing = set(sa.inspect(db.engine).get_table_names())
    rows = {}
    for table in db.metadata.sorted_tables:
        if table.name in existing:
            columns = [c for c in table.columns if (table.name, c.name) not in VISIT_COLUMNS]
            rows[table.name] = db.session.execute(sa.select(*columns).order_by(*table.primary_key.columns)).all()
    return rows


def attempt(app, w, case: Case) -> list[tuple[str, str]]:
    """Run one case; (where, what went wrong) for each problem (nothing when the case holds)."""
    problems, before = [], snapshot()
    where = case.method
    if case.door == "call":
        if not case.target(w):
            problems.append("the operation did not refuse")
        db.session.rollback()  # as its page does when it refuses
        body, status, location = "", None, ""
    else:
        url, payload = case.target(w), case.body(w) if case.body else None
        where = url
        if case.door == "api":
            response = app.test_client().open(url, method=case.method, json=payload, headers=_bearer(w, case.actor))
        elif case.method == "GET":
            response = w.clients[case.actor].get(url)
        else:
            response = w.clients[case.actor].submit(url, payload)
        body, status, location = html.unescape(response.get_data(as_text=True)), response.status_code, \
            response.location or ""
    if status != case.status:
        problems.append(f"got {status}, expected {case.status}")
    if status == 302 and not location.startswith("/login"):
        problems.append(f"sent to {location}, not to sign in")
    if case.says and case.says not in body:
        problems.append(f"the page does not say {case.says!r}")
    if case.hidden and case.hidden in body:
        problems.append(f"the answer shows {case.hidden!r}")
    changed = sorted(name for name, rows in snapshot().items() if rows != before[name])
    if changed and not case.writes:
        problems.append(f"stored something in {', '.join(changed)}")
    if case.writes and not changed:
        problems.append("stored nothing, though allowed")
    return [(where, problem) for problem in problems]


def test_no_actor_reaches_an_object_that_is_not_theirs(app, monkeypatch):
    monkeypatch.setattr("cxgov.clock.today", lambda: TODAY)  # the controls need the drafting window open
    w = build_world(app)
    failures = []
    for case in CASES:
        with pytest.MonkeyPatch.context() as patch:
            if case.day:
                patch.setattr("cxgov.clock.today", lambda day=case.day: day)
            failures += [f"{case.name} ({where}): {problem}" for where, problem in attempt(app, w, case)]
    assert not failures, "\n".join(failures)


def test_every_concern_is_tried_through_the_pages_and_the_api():
    for concern in {case.concern for case in CASES}:
        doors = {case.door for case in CASES if case.concern == concern} | set(NOT_A_DOOR.get(concern, {}))
        assert {"page", "api"} <= doors, f"{concern}: try it through the pages and the API, or say why not (NOT_A_DOOR)"
