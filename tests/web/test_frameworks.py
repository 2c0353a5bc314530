"""Framework files: import with path-numbered problems, export, versioning when a cycle used a version."""
import io
import json

import sqlalchemy as sa
import yaml

from cxgov.assessments.models import Framework
from cxgov.extensions import db
from tests.factories import make_cycle, make_department, make_user


def upload(client, name, body: bytes):
    return client.submit("/assessments/frameworks/import", {"file": (io.BytesIO(body), name)},
                         content_type="multipart/form-data")


def exported(client, framework_id, fmt="yaml"):
    return client.get(f"/assessments/frameworks/{framework_id}/export.{fmt}").data


def test_export_then_import_round_trips_and_a_used_version_gets_a_new_version(client):
    make_user("cxo@example.com", roles=["cx_office"])
    cycle = make_cycle([make_department("CS")])
    client.login("cxo@example.com")
    spec = yaml.safe_load(exported(client, cycle.framework_id))
    assert len(spec["dimensions"]) == 8 and all(len(p["levels"]) == 5 for d in spec["dimensions"]
                                                 for p in d["practices"])
    spec["dimensions"][0]["practices"][0]["statement"]["en"] = "Changed wording"
    response = upload(client, "framework.yaml", yaml.safe_dump(spec, allow_unicode=True).encode())
    assert response.status_code == 302
    versions = db.session.scalars(sa.select(Framework).order_by(Framework.version)).all()
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].dimensions[0].practices[0].statement_en != "Changed wording"  # the used version is frozen
    assert versions[1].dimensions[0].practices[0].statement_en == "Changed wording"


def test_an_unused_version_is_updated_in_place(client):
    make_user("cxo@example.com", roles=["cx_office"])
    client.login("cxo@example.com")
    client.get("/assessments/frameworks")  # loads the shipped framework
    framework = db.session.scalar(sa.select(Framework))
    spec = json.loads(exported(client, framework.id, "json"))
    spec["name"]["en"] = "Our instrument"
    upload(client, "framework.json", json.dumps(spec).encode())
    assert [(f.version, f.name_en) for f in db.session.scalars(sa.select(Framework))] == [(1, "Our instrument")]


def test_a_malformed_file_lists_every_problem_with_its_path_and_writes_nothing(client):
    make_user("cxo@example.com", roles=["cx_office"])
    client.login("cxo@example.com")
    bad = {"key": "Bad Key", "name": {"en": "X"}, "description": {"en": "d", "zh": "d"},
           "levels": [{"en": "a", "zh": "b"}] * 4,
           "dimensions": [{"code": "LEAD", "name": {"en": "L", "zh": "领"}, "description": {"en": "", "zh": "x"},
                           "weight": -1, "practices": [{"code": "L1", "statement": {"en": "s", "zh": "s"},
                                                        "levels": [{"en": "x", "zh": "y"}] * 3}]}]}
    page = upload(client, "bad.yaml", yaml.safe_dump(bad).encode()).get_data(as_text=True)
    for path, reason in [("key", "has an invalid format"), ("name.zh", "is required"),
                         ("levels", "needs exactly 5 entries"), ("dimensions[0].description.en", "must not be empty"),
                         ("dimensions[0].weight", "must be greater than 0"),
                         ("dimensions[0].practices[0].levels", "needs exactly 5 entries")]:
        assert f"<code>{path}</code>" in page and reason in page
    assert db.session.scalar(sa.select(sa.func.count(Framework.id))) == 0


def test_a_file_that_is_not_yaml_is_refused(client):
    make_user("cxo@example.com", roles=["cx_office"])
    client.login("cxo@example.com")
    page = upload(client, "x.json", b"{not json").get_data(as_text=True)
    assert "cannot be read as JSON" in page
    assert db.session.scalar(sa.select(sa.func.count(Framework.id))) == 0


def test_the_shipped_framework_reads_in_both_languages(client):
    make_user("m@example.com")
    client.login("m@example.com")
    client.get("/assessments/frameworks")
    framework = db.session.scalar(sa.select(Framework))
    page = client.text(f"/assessments/frameworks/{framework.id}")
    assert "Leadership" in page or "leadership" in page.lower()
    client.submit("/language/zh")
    assert "引领" in client.text(f"/assessments/frameworks/{framework.id}")


def test_members_cannot_import(client):
    make_user("m@example.com")
    client.login("m@example.com")
    assert upload(client, "x.yaml", b"key: x").status_code == 403
