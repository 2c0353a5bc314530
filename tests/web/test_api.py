"""The REST API: personal tokens, Bearer authentication, pagination, errors and the OpenAPI document."""
import re

import pytest

from cxgov.api.auth import token_required
from cxgov.api.blueprint import api_blueprint
from cxgov.api.operations import create_token, hash_token
from cxgov.api.tokens import ApiToken
from cxgov.audit.models import AuditEntry
from cxgov.extensions import db
from cxgov.org import operations as org_operations
from cxgov.permissions import can_use_api
from tests.factories import make_department, make_user

TOKEN_PATTERN = re.compile(r"cxg_[A-Za-z0-9_-]{43}")


def bearer(token: str) -> dict:
    """The header a program sends."""
    return {"Authorization": f"Bearer {token}"}


def new_token(user, name: str = "script") -> str:
    """A plain token for the user, created through the operation."""
    _row, plain = create_token(user, name)
    db.session.commit()
    return plain


def assert_error(response, status: int, code: str) -> dict:
    """The one JSON error body: {"error": {"code", "message", ...}}."""
    assert response.status_code == status
    assert response.is_json
    error = response.get_json()["error"]
    assert error["code"] == code and error["message"]
    return error


def test_a_token_created_in_the_ui_is_shown_once_and_only_its_hash_is_stored(client):
    user = make_user("ann@example.com")
    client.login(user.email)
    response = client.submit("/account/tokens", {"name": "BI dashboard"})
    page = response.get_data(as_text=True)
    plain = TOKEN_PATTERN.search(page).group(0)
    assert response.headers["Cache-Control"] == "no-store"
    row = db.session.scalar(db.select(ApiToken))
    assert (row.user_id, row.name, row.prefix) == (user.id, "BI dashboard", plain[:8])
    assert row.token_hash == hash_token(plain) and plain not in repr(db.session.execute(
        db.select(ApiToken.__table__)).all())
    listing = client.text("/account/tokens")
    assert "BI dashboard" in listing and plain[:8] in listing and plain not in listing
    assert client.get("/api/v1/me", headers=bearer(plain)).get_json()["email"] == "ann@example.com"


def test_creating_a_token_is_audited_without_its_hash(client):
    user = make_user("ann@example.com")
    client.login(user.email)
    client.submit("/account/tokens", {"name": "export"})
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.table_name == "api_tokens"))
    assert entry.action == "create" and entry.actor_id == user.id
    assert "token_hash" not in entry.changes and entry.changes["name"] == [None, "export"]


def test_a_token_needs_a_name(client):
    client.login(make_user("ann@example.com").email)
    page = client.submit("/account/tokens", {"name": "  "}).get_data(as_text=True)
    assert not TOKEN_PATTERN.search(page)
    assert db.session.scalar(db.select(db.func.count(ApiToken.id))) == 0


def test_the_cli_prints_a_working_token_once(app):
    make_user("bot@example.com", roles=["viewer"])
    result = app.test_cli_runner().invoke(args=["cxgov", "create-token", "--email", "Bot@Example.com",
                                                "--name", "nightly export"])
    assert result.exit_code == 0, result.output
    plain = TOKEN_PATTERN.search(result.output).group(0)
    row = db.session.scalar(db.select(ApiToken))
    assert row.name == "nightly export" and row.token_hash == hash_token(plain)
    assert app.test_client().get("/api/v1/me", headers=bearer(plain)).get_json()["roles"] == ["viewer"]


def test_the_cli_refuses_an_unknown_or_inactive_user(app):
    user = make_user("gone@example.com")
    org_operations.set_active(user, False)
    db.session.commit()
    runner = app.test_cli_runner()
    for email in ("nobody@example.com", "gone@example.com"):
        result = runner.invoke(args=["cxgov", "create-token", "--email", email, "--name", "x"])
        assert result.exit_code != 0 and "no active user" in result.output
    assert db.session.scalar(db.select(db.func.count(ApiToken.id))) == 0


def test_me_describes_the_tokens_user(client):
    dept = make_department("CS", name_en="Customer service", name_zh="客户服务部")
    user = make_user("lead@example.com", roles=["member", "dept_lead"], department=dept, name="Lead")
    body = client.get("/api/v1/me", headers=bearer(new_token(user))).get_json()
    assert body["id"] == user.id and body["name"] == "Lead" and body["roles"] == ["dept_lead", "member"]
    assert body["department"]["code"] == "CS" and body["department"]["name_zh"] == "客户服务部"


def test_using_a_token_records_when_it_was_last_used(client):
    plain = new_token(make_user())
    assert db.session.scalar(db.select(ApiToken.last_used_at)) is None
    client.get("/api/v1/me", headers=bearer(plain))
    assert db.session.scalar(db.select(ApiToken.last_used_at)) is not None
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id)).where(
        AuditEntry.table_name == "api_tokens", AuditEntry.action == "update")) == 0


def test_a_revoked_token_gets_401_with_the_json_error_body(client):
    user = make_user("ann@example.com")
    plain = new_token(user, "old script")
    assert client.get("/api/v1/me", headers=bearer(plain)).status_code == 200
    client.login(user.email)
    token_id = db.session.scalar(db.select(ApiToken.id))
    assert client.submit(f"/account/tokens/{token_id}/revoke").status_code == 302
    assert "Revoked" in client.text("/account/tokens")
    error = assert_error(client.get("/api/v1/me", headers=bearer(plain)), 401, "unauthorized")
    assert error["details"] == {"reason": "invalid_token"}


def test_nobody_else_may_revoke_my_token(client):
    owner = make_user("owner@example.com")
    plain = new_token(owner)
    client.login(make_user("admin@example.com", roles=["admin"]).email)
    token_id = db.session.scalar(db.select(ApiToken.id))
    assert client.submit(f"/account/tokens/{token_id}/revoke").status_code == 403
    assert client.get("/api/v1/me", headers=bearer(plain)).status_code == 200


@pytest.mark.parametrize("header,reason", [
    (None, "missing_token"),
    ("Bearer", "missing_token"),
    ("Basic YW5uOnNlY3JldA==", "missing_token"),
    ("Bearer not-a-cxgov-token", "malformed_token"),
    ("Bearer cxg_" + "x" * 43, "invalid_token"),
])
def test_a_missing_or_malformed_token_gets_401(client, header, reason):
    response = client.get("/api/v1/departments", headers={"Authorization": header} if header else {})
    error = assert_error(response, 401, "unauthorized")
    assert error["details"] == {"reason": reason}
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_inactive_users_token_gets_401(client):
    user = make_user()
    plain = new_token(user)
    org_operations.set_active(user, False)
    db.session.commit()
    assert_error(client.get("/api/v1/me", headers=bearer(plain)), 401, "unauthorized")


def test_a_cookie_session_alone_cannot_use_the_api(client):
    client.login(make_user("ann@example.com").email)
    assert client.get("/").status_code == 200
    assert_error(client.get("/api/v1/me"), 401, "unauthorized")
    assert_error(client.get("/api/v1/departments"), 401, "unauthorized")


def test_token_requests_set_no_cookie_and_ignore_the_session(client):
    ann, bob = make_user("ann@example.com"), make_user("bob@example.com")
    plain = new_token(bob)
    assert client.get("/api/v1/me", headers=bearer(plain)).headers.getlist("Set-Cookie") == []
    client.login(ann.email)
    response = client.get("/api/v1/me", headers=bearer(plain))
    assert response.get_json()["email"] == "bob@example.com"
    assert response.headers.getlist("Set-Cookie") == [] and "Cookie" not in response.headers.get("Vary", "")
    assert client.get("/api/v1/nothing-here", headers=bearer(plain)).headers.getlist("Set-Cookie") == []
    assert "ann@example.com" in client.text("/")  # the page session is untouched


@pytest.mark.fresh_app  # registers a blueprint of its own
def test_api_writes_need_a_token_not_a_cookie_or_a_csrf_token(app):
    blueprint = api_blueprint("api_test_writes", __name__, "/test")

    @blueprint.route("/echo", methods=["POST"])
    @token_required(can_use_api)
    def echo():
        return {"ok": True}

    app.extensions["flask-smorest"]["apis"][""]["ext_obj"].register_blueprint(blueprint)
    user = make_user("ann@example.com")
    plain = new_token(user)
    client = app.test_client()
    assert client.post("/api/v1/test/echo", headers=bearer(plain)).get_json() == {"ok": True}
    client.login(user.email)
    assert_error(client.post("/api/v1/test/echo"), 401, "unauthorized")
    assert_error(client.submit("/api/v1/test/echo"), 401, "unauthorized")


def test_departments_are_paginated_and_archived_ones_filtered(client):
    for n in range(24):
        make_department(f"D{n:02}")
    org_operations.archive_department(make_department("ZZ-OLD"))
    db.session.commit()
    headers = bearer(new_token(make_user(roles=["viewer"])))
    first = client.get("/api/v1/departments?page_size=10", headers=headers).get_json()
    assert (first["page"], first["page_size"], first["total"], first["pages"]) == (1, 10, 24, 3)
    assert [d["code"] for d in first["items"]][:2] == ["D00", "D01"] and len(first["items"]) == 10
    last = client.get("/api/v1/departments?page=3&page_size=10", headers=headers).get_json()
    assert [d["code"] for d in last["items"]] == ["D20", "D21", "D22", "D23"]
    assert client.get("/api/v1/departments?page=9", headers=headers).get_json()["items"] == []
    everything = client.get("/api/v1/departments?include_archived=true&page_size=100", headers=headers).get_json()
    assert everything["total"] == 25 and everything["items"][-1]["code"] == "ZZ-OLD"
    assert everything["items"][-1]["archived"] is True and everything["items"][-1]["archived_at"].endswith("+00:00")


def test_invalid_query_values_answer_422_with_details(client):
    headers = bearer(new_token(make_user()))
    error = assert_error(client.get("/api/v1/departments?page_size=500&page=0", headers=headers), 422,
                         "validation_failed")
    assert set(error["details"]["query"]) == {"page", "page_size"}


def test_one_department_and_the_404_body(client):
    dept = make_department("CS")
    headers = bearer(new_token(make_user()))
    assert client.get(f"/api/v1/departments/{dept.id}", headers=headers).get_json()["code"] == "CS"
    assert_error(client.get("/api/v1/departments/99999", headers=headers), 404, "not_found")
    assert_error(client.get("/api/v1/no-such-resource", headers=headers), 404, "not_found")
    response = client.post("/api/v1/departments", headers=headers)
    assert_error(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


def test_pages_keep_their_html_error_pages(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_the_openapi_document_lists_the_paths_and_the_bearer_scheme(client):
    response = client.get("/api/v1/openapi.json")
    spec = response.get_json()
    assert response.status_code == 200 and spec["openapi"] == "3.0.3"
    assert spec["info"]["title"] == "cxgov API" and spec["info"]["version"] == "v1"
    assert {"/api/v1/departments", "/api/v1/departments/{department_id}", "/api/v1/me"} <= set(spec["paths"])
    scheme = spec["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert spec["security"] == [{"bearerAuth": []}]
    error_schema = spec["components"]["schemas"]["Error"]
    assert {"code", "message"} <= set(error_schema["required"])
    parameters = {p["name"] for p in spec["paths"]["/api/v1/departments"]["get"]["parameters"]}
    assert {"page", "page_size", "include_archived"} <= parameters
