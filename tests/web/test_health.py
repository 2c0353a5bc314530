"""The health check reports the database status."""


def test_healthz_reports_database_ok(client, app):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["backend"] in {"sqlite", "postgresql"}
