"""Hostile input × door: every integer past what the database holds, and every other unreadable value, is
answered (404 or 422, a form's own message) and writes nothing, never a 500, on SQLite and PostgreSQL.

The path door is derived from the URL map: a new route with an `<int:…>` is covered without an entry here.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from cxgov.api.operations import create_token
from cxgov.bounds import DB_INT_MAX, FIRST_YEAR, LAST_YEAR, BoundedIntConverter
from cxgov.extensions import db
from cxgov.targets import closing
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

HUGE = [2**31, 2**63, -(2**63) - 1, 10**30]  # past PostgreSQL's INTEGER, past SQLite's, below both, past both
YEARS = [0, FIRST_YEAR - 1, LAST_YEAR + 1, 99999]
ROLES = ("admin", "cx_office", "executive", "hr")


@dataclass
class World:
    """Records the doors' URLs and bodies refer to, and the signed-in caller's API token."""

    dept: object
    action: object
    target: object
    token: str


@pytest.fixture
def world(client):
    """An organisation with a department, an action and a target; the client signed in with every role."""
    make_organisation()
    dept = make_department("CS")
    user = make_user("boss@example.com", roles=ROLES, department=dept)
    _row, token = create_token(user, "bounds")
    world = World(dept, make_action(user, dept), make_target(dept), token)
    open_target_window()
    client.login(user.email)
    return world


def row_counts() -> dict[str, int]:
    """Rows per table: what 'nothing was written' compares."""
    tables = sa.inspect(db.engine).get_table_names()
    return {name: db.session.scalar(sa.text(f"SELECT COUNT(*) FROM {name}")) for name in tables}


def send(client, world: World, method: str, url: str, json=None, data=None):
    """A request through the door its URL names: a token under /api/, the signed-in session elsewhere."""
    headers = {"Authorization": f"Bearer {world.token}"} if url.startswith("/api/") else {}
    if data is not None:
        data = {"csrf_token": client.csrf_token(), **data}
    return client.open(url, method=method, json=json, data=data, headers=headers)


@dataclass(frozen=True)
class Door:
    """A way in for one hostile value: `{n}` in the URL or in the body is replaced by it."""

    method: str
    url: str
    status: int
    json: dict | None = None
    form: dict | None = None
    says: str = ""  # what a form's page says instead of a status of its own


def _fill(value, n, world: World):
    """The value with '{n}' and the record placeholders filled."""
    if isinstance(value, dict):
        return {key: _fill(item, n, world) for key, item in value.items()}
    fills = {"{n}": n, "{owner}": world.action.owner_id, "{month}": next_month(),
             "{settings_version}": closing.settings().version}
    fills["{dept}"] = world.dept.id
    return fills.get(value, value)


def _url(door: Door, world: World, n) -> str:
    """The door's URL for this world and value."""
    return door.url.format(n=n, action=world.action.id, target=world.target.id, dept=world.dept.id)


TARGET_FORM = {"department_id": "{dept}", "month": "{month}", "title": "Answer within 2 hours", "description": "",
               "kind": "numeric", "unit": "%", "direction": "higher", "baseline": "78", "target_value": "88",
               "owner_id": "0", "dimension_code": "", "points": "10", "evidence": ""}
SETTINGS_FORM = {"max_per_department": "5", "min_per_department": "1", "window_opens_day": "1",
                 "window_closes_day": "28", "close_day": "5", "points_cap": "30", "points_cap_month": "40",
                 "points_allowed": "", "version": "{settings_version}"}

# Query arguments and body fields (the path door is every `<int:…>` of the URL map, below).
DOORS = {
    "html query: action list department": Door("GET", "/actions/?department={n}", 404),
    "html query: action list page": Door("GET", "/actions/?page={n}", 200),  # no page number: the first page
    "html query: user list department": Door("GET", "/admin/users?department={n}", 404),
    "html query: target list department": Door("GET", "/targets/?department={n}", 404),
    "html query: report year": Door("GET", "/reports/annual?year={n}", 404),
    "html form: action department": Door("POST", "/actions/new", 200, form={
        "title": "Call back", "owner_id": "{owner}", "department_id": "{n}", "due_on": "2099-01-01"},
        says="There is no such department"),
    "html form: action owner": Door("POST", "/actions/new", 200, form={
        "title": "Call back", "owner_id": "{n}", "due_on": "2099-01-01"}, says="An action needs an owner"),
    "html form: target points": Door("POST", "/targets/new", 200, form=dict(TARGET_FORM, points="{n}"),
                                     says="must be a whole number from 0 to 1000"),
    "html form: target owner": Door("POST", "/targets/new", 200, form=dict(TARGET_FORM, owner_id="{n}"),
                                    says="The owner must be an active user"),
    "html form: points cap": Door("POST", "/targets/settings", 200, form=dict(SETTINGS_FORM, points_cap="{n}"),
                                  says="must be a whole number from 0 to 1000"),
    "api query: action department": Door("GET", "/api/v1/actions?department={n}", 422),
    "api query: action owner": Door("GET", "/api/v1/actions?owner={n}", 422),
    "api query: page": Door("GET", "/api/v1/departments?page={n}", 422),
    "api query: target department": Door("GET", "/api/v1/targets?department={n}", 422),
    "api body: new action's department": Door("POST", "/api/v1/actions", 422, json={
        "title": "Call back", "owner_id": "{owner}", "department_id": "{n}", "due_on": "2099-01-01"}),
    "api body: new action's owner": Door("POST", "/api/v1/actions", 422, json={
        "title": "Call back", "owner_id": "{n}", "due_on": "2099-01-01"}),
    "api body: version of a change": Door("PATCH", "/api/v1/actions/{action}", 422, json={
        "version": "{n}", "title": "Changed"}),
    "api body: new target's department": Door("POST", "/api/v1/targets", 422, json={
        "department_id": "{n}", "month": "2099-01", "title": "T", "kind": "numeric"}),
    "api body: corrected update": Door("POST", "/api/v1/targets/{target}/updates", 422, json={
        "on_date": "2026-12-01", "value": 1, "corrects": "{n}", "reason": "typo"}),
}


def _body(template, world: World, n):
    """The door's body with the value and the records filled in."""
    return None if template is None else _fill(template, n, world)


@pytest.mark.parametrize("n", HUGE)
@pytest.mark.parametrize("name", DOORS)
def test_a_number_past_the_database_is_answered_and_writes_nothing(client, world, name, n):
    door = DOORS[name]
    before = row_counts()
    json = _body(door.json, world, n)
    form = {key: str(value) for key, value in _body(door.form, world, n).items()} if door.form else None
    response = send(client, world, door.method, _url(door, world, n), json=json, data=form)
    assert response.status_code == door.status, response.get_data(as_text=True)[:500]
    if door.url.startswith("/api/"):
        assert response.get_json()["error"]["code"] in ("not_found", "validation_failed")
    if door.says:
        page = response.get_data(as_text=True)
        assert "Nothing has been saved." in page and door.says in page
    assert row_counts() == before


# --- the path door: every rule of the URL map with an <int:…> -------------------------------------------------

_ARG = re.compile(r"<(?:([a-z]+)(?:\([^)]*\))?:)?([a-z_]+)>")
OTHER_ARGS = {"fmt": "csv", "code": "en", "token": "x", "name": "x"}  # plain text in a path: any word routes


def int_rules(app) -> list:
    """Every rule with at least one bounded integer argument, and its methods a client would send."""
    return [(rule, sorted(rule.methods - {"HEAD", "OPTIONS"})) for rule in app.url_map.iter_rules()
            if any(isinstance(c, BoundedIntConverter) for c in rule._converters.values())]


def hostile_urls(rule) -> list[str]:
    """The rule's URL with each hostile number in its integer arguments (a year's own bounds for a year)."""
    urls = []
    converters = rule._converters
    years = any(c.max == LAST_YEAR for c in converters.values() if isinstance(c, BoundedIntConverter))
    for n in [*HUGE, *(YEARS if years else [0]), "-1", "9" * 5000]:
        def value(match, n=n):
            name = match.group(2)
            return str(n) if isinstance(converters[name], BoundedIntConverter) else OTHER_ARGS.get(name, "x")
        urls.append(_ARG.sub(value, rule.rule))
    return urls


def test_every_integer_in_a_path_is_bounded_404_beyond(app, client, world):
    rules = int_rules(app)
    assert len(rules) > 100  # the URL map was read
    before, wrong = row_counts(), []
    for rule, methods in rules:
        for url in hostile_urls(rule):
            for method in methods:
                status = send(client, world, method, url).status_code
                if status != 404:
                    wrong.append((method, url[:80], status))
    assert wrong == [], "\n".join(map(str, wrong))
    assert row_counts() == before


def test_the_openapi_document_states_the_bounds_and_the_required_version(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    path = spec["paths"]["/api/v1/actions/{action_id}"]["parameters"][0]["schema"]
    assert path == {"type": "integer", "minimum": 1, "maximum": DB_INT_MAX}
    action = spec["components"]["schemas"]["Action"]["properties"]["department_id"]
    assert action["maximum"] == DB_INT_MAX
    for schema in ("ActionPatch", "TargetPatch"):
        assert "version" in spec["components"]["schemas"][schema]["required"]


# --- other unreadable values: unknown records, months, years, deep JSON, a huge CSV cell ---------------------

def test_an_unknown_department_on_an_action_is_a_field_error(client, world):
    owner = world.action.owner_id
    before = row_counts()
    response = send(client, world, "POST", "/api/v1/actions", json={
        "title": "Call back", "owner_id": owner, "department_id": world.dept.id + 1000, "due_on": "2099-01-01"})
    assert response.status_code == 422
    assert "department_id" in response.get_json()["error"]["details"]["json"]
    assert row_counts() == before


@pytest.mark.parametrize("url", ["/targets/?month=0000-01", "/targets/?month=99999-01", "/targets/?month=2026-13",
                                 "/targets/company?month=0000-01", "/api/v1/targets?month=0000-01",
                                 "/reports/annual?year=99999", "/reports/annual?year=0"])
def test_a_month_or_year_no_calendar_has_reads_as_none(client, world, url):
    response = send(client, world, "GET", url)
    assert response.status_code in (200, 404, 422)  # the page's own month, nothing found, or refused
    if response.status_code == 200 and url.startswith("/api/"):
        assert response.get_json()["items"] == []


@pytest.mark.parametrize("month", ["0000-01", "99999-01", "2026-00", "-001-12"])
def test_a_target_of_a_month_no_calendar_has_is_refused(client, world, month):
    before = row_counts()
    response = send(client, world, "POST", "/api/v1/targets", json={
        "department_id": world.dept.id, "month": month, "title": "T", "kind": "numeric", "unit": "%",
        "baseline": 1, "target_value": 2})
    assert response.status_code == 422
    assert row_counts() == before


@pytest.mark.parametrize("value", ["9" * 5000, "²", "-1", "0", "1e9", "0x10", " 7 "])
@pytest.mark.parametrize("url", ["/actions/?page={v}", "/targets/company?page={v}", "/workshops/culture?page={v}",
                                 "/reports/annual?cards={v}", "/targets/?department={v}",
                                 "/admin/users?department={v}", "/actions/?owner={v}"])
def test_a_number_no_list_has_shows_a_page_or_404(client, world, url, value):
    assert send(client, world, "GET", url.format(v=value)).status_code in (200, 404)


@pytest.mark.parametrize("body", [
    '{"title": ' + "[" * 100_000 + "]" * 100_000 + "}",  # nested past Python's recursion limit
    '{"department_id": ' + "9" * 5000 + ', "month": "2099-01", "title": "T", "kind": "numeric"}',  # int() refuses
    '{"department_id": {dept}, "month": "2099-01", "title": "T", "kind": "numeric", "baseline": ' + "9" * 400 + "}",
    '{"title": "T", "owner_id": 1, "due_on": "2099-01-01"',  # cut short
    b'{"title": "\xff\xfe"}',  # not UTF-8
])
def test_a_json_body_that_cannot_be_read_is_a_bad_request(client, world, body):
    before = row_counts()
    url = "/api/v1/actions" if "department_id" not in str(body) else "/api/v1/targets"
    data = body.replace("{dept}", str(world.dept.id)) if isinstance(body, str) else body
    response = client.post(url, data=data, content_type="application/json",
                           headers={"Authorization": f"Bearer {world.token}"})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_request"
    assert row_counts() == before


def test_a_csv_cell_of_megabytes_is_refused_in_words(client, world):
    before = row_counts()
    csv = "code,name_en,name_zh,kind\nXX," + "A" * 4_900_000 + ",名,customer_facing\n"
    response = send(client, world, "POST", "/admin/departments/import",
                    data={"file": (io.BytesIO(csv.encode()), "departments.csv")})
    assert response.status_code == 200
    assert "longer than" in response.get_data(as_text=True)
    assert row_counts() == before


@pytest.mark.parametrize("version", ["9" * 5000, "99999999999999999999", "-1"])
def test_a_hidden_version_no_record_has_saves_nothing(client, world, version):
    action = world.action
    response = send(client, world, "POST", f"/actions/{action.id}/edit", data={
        "title": "Changed", "owner_id": str(action.owner_id), "department_id": str(world.dept.id),
        "due_on": "2099-01-01", "version": version})
    assert response.status_code in (200, 302)
    db.session.refresh(action)
    assert action.title != "Changed"


@pytest.mark.parametrize("value", ["²", "9" * 5000, "2147483648"])
def test_a_calibration_page_reads_an_impossible_department_as_none(client, world, value):
    cycle = make_cycle([world.dept], state="calibration")
    assert send(client, world, "GET", f"/assessments/{cycle.id}/calibrate?department={value}").status_code == 200


@pytest.mark.parametrize("position", ["²", "9" * 5000, "2147483648"])
def test_an_agenda_position_that_is_no_number_leaves_the_section_out(client, world, position):
    response = send(client, world, "POST", "/reviews/agenda", data={
        "on_targets": "y", "pos_targets": position, "on_actions": "y", "pos_actions": "1", "version": ""})
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("n", HUGE)
def test_a_ticked_target_no_id_can_have_is_ignored(client, world, n):
    before = row_counts()
    response = send(client, world, "POST", "/inbox/approvals", data={"target_id": str(n)})
    assert response.status_code == 302 and row_counts() == before
