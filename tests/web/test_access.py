"""Role × URL → expected outcome, for every route of the app.

A route missing from TABLE fails `test_every_route_is_in_the_table`: whoever adds
a route decides here who may use it.
"""
import re
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from cxgov import clock
from cxgov.api.operations import create_token
from cxgov.extensions import db
from cxgov.permissions import ADMIN, CX_OFFICE, DEPT_LEAD, EXECUTIVE, HR, MEMBER, ROLES, VIEWER
from cxgov.targets.models import Target
from tests.factories import make_cycle, make_department, make_organisation, make_target, make_user, open_target_window

EVERYONE = set(ROLES)
MANAGERS = {CX_OFFICE, EXECUTIVE}
TARGET_EDITORS = MANAGERS | {DEPT_LEAD}  # the data's lead leads the department of the data's targets
PUBLIC = "public"


@dataclass(frozen=True)
class Api:
    """An API route: a Bearer token of a role in `who` gets 200 (201 on create), other roles 403, cookies 401.

    `body(d)` gives the JSON to send (evaluated per call, so that it can read the record's current version).
    """

    who: frozenset
    body: object = None
    status: int | None = None  # the success status when not 201 for POST / 200 otherwise


def _import_job_of(user) -> str:
    """The id of a background import of the user's (who alone may follow it)."""
    from cxgov import import_jobs

    job = "a" * 32
    import_jobs.save_state(job, {"owner": user.id, "kind": "users", "rows": 600, "state": "queued"})
    return job


def _token_of(user) -> int:
    """The id of a new API token of the user (who alone may revoke it)."""
    from cxgov.api.operations import create_token
    from cxgov.extensions import db

    token, _plain = create_token(user, "access table")
    db.session.commit()
    return token.id


def _standing_update(d):
    """This month's target's one update, standing again (each allowed role withdraws it in turn)."""
    from cxgov.targets.models import TargetUpdate

    update = db.session.scalar(sa.select(TargetUpdate).where(TargetUpdate.target_id == d.this_month.id))
    if update is None:
        update = TargetUpdate(target_id=d.this_month.id, on_date=clock.today().replace(day=1), value=31.0, note="")
        db.session.add(update)
    update.withdrawn_at = None
    db.session.commit()
    return update


# (method, rule) -> (url builder, who may use it)
TABLE = {
    ("GET", "/"): (lambda d: "/", EVERYONE),
    ("GET", "/healthz"): (lambda d: "/healthz", PUBLIC),
    ("GET", "/login"): (lambda d: "/login", PUBLIC),
    ("POST", "/login"): (lambda d: "/login", PUBLIC),
    ("POST", "/logout"): (lambda d: "/logout", PUBLIC),
    ("POST", "/language/<code>"): (lambda d: "/language/en", PUBLIC),
    ("GET", "/account/password"): (lambda d: "/account/password", EVERYONE),
    ("POST", "/account/password"): (lambda d: "/account/password", EVERYONE),
    ("GET", "/account/preferences"): (lambda d: "/account/preferences", EVERYONE),
    ("POST", "/account/preferences"): (lambda d: "/account/preferences", EVERYONE),
    ("GET", "/account/tokens"): (lambda d: "/account/tokens", EVERYONE),
    ("POST", "/account/tokens"): (lambda d: "/account/tokens", EVERYONE),
    # The token belongs to d.target_user, none of the role users: everyone else is refused.
    ("POST", "/account/tokens/<int:token_id>/revoke"):
        (lambda d: f"/account/tokens/{_token_of(d.target_user)}/revoke", set()),
    ("GET", "/api/v1/openapi.json"): (lambda d: "/api/v1/openapi.json", PUBLIC),
    ("GET", "/api/v1/departments"): (lambda d: "/api/v1/departments", Api(EVERYONE)),
    ("GET", "/api/v1/departments/<int:department_id>"): (lambda d: f"/api/v1/departments/{d.dept.id}", Api(EVERYONE)),
    ("GET", "/api/v1/me"): (lambda d: "/api/v1/me", Api(EVERYONE)),
    ("GET", "/api/v1/frameworks"): (lambda d: "/api/v1/frameworks", Api(EVERYONE)),
    ("GET", "/api/v1/frameworks/<int:framework_id>"):
        (lambda d: f"/api/v1/frameworks/{d.cycle.framework_id}", Api(EVERYONE)),
    ("GET", "/api/v1/cycles"): (lambda d: "/api/v1/cycles", Api(EVERYONE)),
    ("GET", "/api/v1/cycles/<int:cycle_id>"): (lambda d: f"/api/v1/cycles/{d.cycle.id}", Api(EVERYONE)),
    ("GET", "/api/v1/cycles/<int:cycle_id>/results"):
        (lambda d: f"/api/v1/cycles/{d.cycle.id}/results", Api(EVERYONE)),
    ("GET", "/organisation"): (lambda d: "/organisation", EVERYONE),
    ("GET", "/organisation/edit"): (lambda d: "/organisation/edit", {ADMIN, EXECUTIVE}),
    ("POST", "/organisation/edit"): (lambda d: "/organisation/edit", {ADMIN, EXECUTIVE}),
    ("GET", "/departments"): (lambda d: "/departments", EVERYONE),
    ("GET", "/departments/<int:department_id>"): (lambda d: f"/departments/{d.dept.id}", EVERYONE),
    ("GET", "/admin/departments"): (lambda d: "/admin/departments", {ADMIN}),
    ("GET", "/admin/departments/new"): (lambda d: "/admin/departments/new", {ADMIN}),
    ("POST", "/admin/departments/new"): (lambda d: "/admin/departments/new", {ADMIN}),
    ("GET", "/admin/departments/<int:department_id>/edit"):
        (lambda d: f"/admin/departments/{d.dept.id}/edit", {ADMIN}),
    ("POST", "/admin/departments/<int:department_id>/edit"):
        (lambda d: f"/admin/departments/{d.dept.id}/edit", {ADMIN}),
    ("POST", "/admin/departments/<int:department_id>/archive"):
        (lambda d: f"/admin/departments/{d.spare.id}/archive", {ADMIN}),
    ("POST", "/admin/departments/<int:department_id>/restore"):
        (lambda d: f"/admin/departments/{d.spare.id}/restore", {ADMIN}),
    ("POST", "/admin/departments/<int:department_id>/delete"):
        (lambda d: f"/admin/departments/{d.spare.id}/delete", {ADMIN}),
    ("GET", "/admin/departments/import"): (lambda d: "/admin/departments/import", {ADMIN}),
    ("POST", "/admin/departments/import"): (lambda d: "/admin/departments/import", {ADMIN}),
    ("GET", "/admin/departments/template.csv"): (lambda d: "/admin/departments/template.csv", {ADMIN}),
    ("GET", "/admin/users"): (lambda d: "/admin/users", {ADMIN}),
    ("GET", "/admin/users/new"): (lambda d: "/admin/users/new", {ADMIN}),
    ("POST", "/admin/users/new"): (lambda d: "/admin/users/new", {ADMIN}),
    ("GET", "/admin/users/<int:user_id>/edit"): (lambda d: f"/admin/users/{d.target_user.id}/edit", {ADMIN}),
    ("POST", "/admin/users/<int:user_id>/edit"): (lambda d: f"/admin/users/{d.target_user.id}/edit", {ADMIN}),
    ("POST", "/admin/users/<int:user_id>/deactivate"):
        (lambda d: f"/admin/users/{d.target_user.id}/deactivate", {ADMIN}),
    ("POST", "/admin/users/<int:user_id>/activate"): (lambda d: f"/admin/users/{d.target_user.id}/activate", {ADMIN}),
    ("POST", "/admin/users/<int:user_id>/reset-password"):
        (lambda d: f"/admin/users/{d.target_user.id}/reset-password", {ADMIN}),
    ("GET", "/admin/users/import"): (lambda d: "/admin/users/import", {ADMIN}),
    ("POST", "/admin/users/import"): (lambda d: "/admin/users/import", {ADMIN}),
    ("GET", "/admin/users/template.csv"): (lambda d: "/admin/users/template.csv", {ADMIN}),
    ("GET", "/audit"): (lambda d: "/audit", {ADMIN, EXECUTIVE}),
    # A background import belongs to d.target_user, none of the role users: everyone else is refused.
    ("GET", "/imports/<job>"): (lambda d: f"/imports/{_import_job_of(d.target_user)}", set()),
    # Assessments: `d.cycle` is published, so its results are everyone's.
    ("GET", "/assessments/"): (lambda d: "/assessments/", EVERYONE),
    ("GET", "/assessments/new"): (lambda d: "/assessments/new", MANAGERS),
    ("POST", "/assessments/new"): (lambda d: "/assessments/new", MANAGERS),
    ("GET", "/assessments/<int:cycle_id>"): (lambda d: f"/assessments/{d.cycle.id}", EVERYONE),
    ("GET", "/assessments/<int:cycle_id>/edit"): (lambda d: f"/assessments/{d.draft.id}/edit", MANAGERS),
    ("POST", "/assessments/<int:cycle_id>/edit"): (lambda d: f"/assessments/{d.draft.id}/edit", MANAGERS),
    ("POST", "/assessments/<int:cycle_id>/state/<state>"):
        (lambda d: f"/assessments/{d.cycle.id}/state/open", MANAGERS),
    ("GET", "/assessments/<int:cycle_id>/respondents"):
        (lambda d: f"/assessments/{d.draft.id}/respondents", MANAGERS),
    ("POST", "/assessments/<int:cycle_id>/respondents"):
        (lambda d: f"/assessments/{d.draft.id}/respondents", MANAGERS),
    ("POST", "/assessments/<int:cycle_id>/respondents/<int:respondent_id>/remove"):
        # On the published cycle, so that an allowed role's request does not remove it for the next role.
        (lambda d: f"/assessments/{d.cycle.id}/respondents/{d.cycle.respondents[0].id}/remove", MANAGERS),
    ("GET", "/assessments/<int:cycle_id>/answer/<int:respondent_id>"):
        (lambda d: f"/assessments/{d.draft.id}/answer/{d.draft_respondent.id}", {MEMBER}),
    ("POST", "/assessments/<int:cycle_id>/answer/<int:respondent_id>"):
        (lambda d: f"/assessments/{d.draft.id}/answer/{d.draft_respondent.id}", {MEMBER}),
    ("GET", "/assessments/<int:cycle_id>/departments/<int:department_id>/answers"):
        (lambda d: f"/assessments/{d.cycle.id}/departments/{d.dept.id}/answers", MANAGERS | {DEPT_LEAD}),
    ("GET", "/assessments/<int:cycle_id>/results"): (lambda d: f"/assessments/{d.cycle.id}/results", EVERYONE),
    ("GET", "/assessments/<int:cycle_id>/results/departments/<int:department_id>"):
        (lambda d: f"/assessments/{d.cycle.id}/results/departments/{d.dept.id}", EVERYONE),
    ("GET", "/assessments/<int:cycle_id>/results.<fmt>"):
        (lambda d: f"/assessments/{d.cycle.id}/results.xlsx", EVERYONE),
    ("GET", "/assessments/compare"): (lambda d: "/assessments/compare", EVERYONE),
    ("GET", "/assessments/<int:cycle_id>/calibrate"): (lambda d: f"/assessments/{d.cycle.id}/calibrate", MANAGERS),
    ("POST", "/assessments/<int:cycle_id>/calibrate"): (lambda d: f"/assessments/{d.cycle.id}/calibrate", MANAGERS),
    ("GET", "/assessments/frameworks"): (lambda d: "/assessments/frameworks", EVERYONE),
    ("GET", "/assessments/frameworks/<int:framework_id>"):
        (lambda d: f"/assessments/frameworks/{d.cycle.framework_id}", EVERYONE),
    ("GET", "/assessments/frameworks/<int:framework_id>/export.<fmt>"):
        (lambda d: f"/assessments/frameworks/{d.cycle.framework_id}/export.yaml", EVERYONE),
    ("GET", "/assessments/frameworks/import"): (lambda d: "/assessments/frameworks/import", MANAGERS),
    ("POST", "/assessments/frameworks/import"): (lambda d: "/assessments/frameworks/import", MANAGERS),
    # Each feature below adds its routes under its own marker.
    # --- teams ---
    **__import__("tests.web.test_teams_access", fromlist=["routes"]).routes(),  # rows and their data there
    # --- targets ---
    ("GET", "/targets/"): (lambda d: "/targets/", EVERYONE),
    ("GET", "/targets/new"): (lambda d: "/targets/new", TARGET_EDITORS),
    ("POST", "/targets/new"): (lambda d: "/targets/new", TARGET_EDITORS),
    ("GET", "/targets/<int:target_id>"): (lambda d: f"/targets/{d.target.id}", EVERYONE),
    ("GET", "/targets/<int:target_id>/edit"): (lambda d: f"/targets/{d.target.id}/edit", TARGET_EDITORS),
    ("POST", "/targets/<int:target_id>/edit"): (lambda d: f"/targets/{d.target.id}/edit", TARGET_EDITORS),
    ("POST", "/targets/<int:target_id>/updates"): (lambda d: f"/targets/{d.target.id}/updates", TARGET_EDITORS),
    ("POST", "/targets/<int:target_id>/review"): (lambda d: f"/targets/{d.target.id}/review", MANAGERS),
    ("POST", "/targets/<int:target_id>/carry"): (lambda d: f"/targets/{d.target.id}/carry", TARGET_EDITORS),
    ("POST", "/targets/departments/<int:department_id>/copy"):
        (lambda d: f"/targets/departments/{d.dept.id}/copy", TARGET_EDITORS),
    ("GET", "/targets/company"): (lambda d: "/targets/company", EVERYONE),
    ("GET", "/targets/export.<fmt>"): (lambda d: "/targets/export.csv", EVERYONE),
    ("GET", "/targets/import"): (lambda d: "/targets/import", TARGET_EDITORS),
    ("POST", "/targets/import"): (lambda d: "/targets/import", TARGET_EDITORS),
    ("GET", "/targets/template.csv"): (lambda d: "/targets/template.csv", TARGET_EDITORS),
    ("GET", "/targets/settings"): (lambda d: "/targets/settings", MANAGERS),
    ("POST", "/targets/settings"): (lambda d: "/targets/settings", MANAGERS),
    ("GET", "/api/v1/targets"): (lambda d: "/api/v1/targets", Api(EVERYONE)),
    ("POST", "/api/v1/targets"): (lambda d: "/api/v1/targets", Api(TARGET_EDITORS, lambda d: {
        "department_id": d.dept.id, "month": d.target.month, "kind": "milestone",
        "title": f"Via API {db.session.scalar(sa.select(sa.func.count(Target.id)))}"})),  # a title per role: no twins
    ("GET", "/api/v1/targets/<int:target_id>"): (lambda d: f"/api/v1/targets/{d.target.id}", Api(EVERYONE)),
    ("PATCH", "/api/v1/targets/<int:target_id>"): (lambda d: f"/api/v1/targets/{d.target.id}", Api(
        TARGET_EDITORS, lambda d: {"version": db.session.get(Target, d.target.id).version, "points": 12})),
    ("POST", "/api/v1/targets/<int:target_id>/updates"): (lambda d: f"/api/v1/targets/{d.this_month.id}/updates", Api(
        TARGET_EDITORS, lambda d: {"on_date": clock.today().isoformat(), "value": 35})),
    ("POST", "/targets/<int:target_id>/updates/<int:update_id>/withdraw"):
        (lambda d: f"/targets/{d.this_month.id}/updates/{_standing_update(d).id}/withdraw", TARGET_EDITORS),
    ("POST", "/api/v1/targets/<int:target_id>/updates/<int:update_id>/withdraw"):
        (lambda d: f"/api/v1/targets/{d.this_month.id}/updates/{_standing_update(d).id}/withdraw",
         Api(TARGET_EDITORS, lambda d: _standing_update(d) and {"reason": "Posted on the wrong target"}, 200)),
    # --- workshops ---
    # Listed in tests/web/test_workshops_routes.py, which also builds the workshop data the URLs need.
    **__import__("tests.web.test_workshops_routes", fromlist=["routes"]).routes(Api),
    # --- actions ---
    **__import__("tests.web.test_actions_routes", fromlist=["routes"]).routes(Api),
    # --- reviews ---
    **__import__("tests.web.test_reviews_routes", fromlist=["routes"]).routes(Api),
    # --- alignment ---
    **__import__("tests.web.test_alignment_routes", fromlist=["routes"]).routes(Api),
    # --- reports ---
    **__import__("tests.web.test_report_routes", fromlist=["routes"]).routes(Api),
    # --- rhythm: calendar feeds ---
    **__import__("tests.web.test_calendar", fromlist=["routes"]).routes(Api),
    # --- rhythm: e-mail ---
    **__import__("tests.web.test_mail", fromlist=["routes"]).routes(Api),
    # --- rhythm: inbox ---
    **__import__("tests.web.test_inbox", fromlist=["routes"]).routes(Api),
    # --- rhythm: run log and chat channels ---
    **__import__("tests.web.test_rhythm_runs", fromlist=["routes"]).routes(Api),
}

# Writers last, so that a permitted change cannot hide a denial checked after it.
ROLE_ORDER = [VIEWER, MEMBER, HR, DEPT_LEAD, CX_OFFICE, EXECUTIVE, ADMIN]


def build_data():
    """One of each role, a department with a lead, a spare department and a target user."""
    make_organisation()
    dept = make_department("CS")
    users = {role: make_user(f"{role}@example.com", roles=[role], department=dept) for role in ROLES}
    cycle = make_cycle([dept], state="published")
    draft = make_cycle([dept])
    draft_respondent = next(r for r in draft.respondents if r.user_id == users[MEMBER].id)
    dept.lead_id = users[DEPT_LEAD].id
    open_target_window()
    return SimpleNamespace(dept=dept, spare=make_department("TMP"), target_user=make_user("target@example.com"),
                           target=make_target(dept),
                           this_month=make_target(dept, clock.today().strftime("%Y-%m")),
                           users=users, cycle=cycle, draft=draft, draft_respondent=draft_respondent)


def expect(status: int, location: str, who, role: str | None) -> None:
    """Check one response against the table's rule."""
    signed_in_denial = status == 403
    to_login = status == 302 and location.startswith("/login")
    if who == PUBLIC:
        assert status < 500 and not signed_in_denial
    elif role is None:
        assert to_login, f"anonymous got {status} {location}"
    elif role in who:
        assert status in (200, 302) and not to_login, f"{role} got {status} {location}"
    else:
        assert status == 403, f"{role} got {status}, expected 403"


@pytest.mark.parametrize("method,rule", sorted(TABLE), ids=lambda v: v)
def test_role_access(app, method, rule):
    url_for_data, who = TABLE[(method, rule)]
    data = build_data()
    url = url_for_data(data)
    if isinstance(who, Api):
        check_api(app, method, url, who, data)
        return
    for role in [None] + ROLE_ORDER:
        client = app.test_client()
        if role:
            client.login(data.users[role].email)
        response = client.get(url) if method == "GET" else client.submit(url, {})
        expect(response.status_code, response.location or "", who, role)


def check_api(app, method, url, rule: Api, data) -> None:
    """No token: 401; a signed-in cookie without a token: 401; each role's token: 200/201 or 403."""
    assert app.test_client().open(url, method=method).status_code == 401
    cookie_client = app.test_client()
    cookie_client.login(data.users[ADMIN].email)
    assert cookie_client.open(url, method=method).status_code == 401
    for role in ROLE_ORDER:
        _row, plain = create_token(data.users[role], "access table")
        db.session.commit()
        body = rule.body(data) if rule.body else None
        response = app.test_client().open(url, method=method, json=body, headers={"Authorization": f"Bearer {plain}"})
        expected = (rule.status or (201 if method == "POST" else 200)) if role in rule.who else 403
        assert response.status_code == expected, f"{role} token got {response.status_code}: {response.get_data()}"


def unlisted_routes(app) -> str:
    """'' when TABLE has every route of the URL map (HTML and API, every method) and no other; else what to fix."""
    routes = {(method, rule.rule) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    missing, gone = sorted(routes - set(TABLE)), sorted(set(TABLE) - routes)
    return "; ".join(message + ", ".join(f"{method} {rule}" for method, rule in listed) for message, listed in (
        ("add to TABLE (tests/web/test_access.py) who may use: ", missing),
        ("TABLE lists routes that no longer exist: ", gone)) if listed)


def test_every_route_is_in_the_table(app):
    assert unlisted_routes(app) == ""


def test_every_documented_api_operation_is_in_the_table(app):
    paths = app.test_client().get("/api/v1/openapi.json").get_json()["paths"]
    operations = {(method.upper(), path) for path, item in paths.items() for method in item
                  if method in ("get", "post", "put", "patch", "delete")}
    listed = {(method, re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)) for method, rule in TABLE}
    assert len(operations) > 20 and operations - listed == set()


@pytest.mark.fresh_app
def test_a_route_added_without_an_entry_fails_naming_it(app):
    app.add_url_rule("/probe/<int:probe_id>", "probe", lambda probe_id: "", methods=["GET", "POST"])
    message = unlisted_routes(app)
    assert message.startswith("add to TABLE (tests/web/test_access.py) who may use: ")
    assert "GET /probe/<int:probe_id>" in message and "POST /probe/<int:probe_id>" in message
