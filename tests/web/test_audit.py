"""Every change of a governance record lands in the audit trail, which nobody can change."""
import pytest

from cxgov.audit.models import AuditEntry
from cxgov.audit.tracking import AuditTrailIsReadOnly, audit_reason
from cxgov.extensions import db
from cxgov.org import operations
from tests.factories import make_department, make_user


def entries(table=None):
    query = db.select(AuditEntry).order_by(AuditEntry.id)
    if table:
        query = query.where(AuditEntry.table_name == table)
    return db.session.scalars(query).all()


def test_an_edit_through_the_ui_records_who_and_field_level_before_and_after(client):
    make_user("admin@example.com", roles=["admin"])
    dept = make_department("CS", name_en="Service")
    client.login("admin@example.com")
    client.submit(f"/admin/departments/{dept.id}/edit", {"code": "CS", "name_en": "Customer Service",
                                                         "name_zh": dept.name_zh, "kind": "support",
                                                         "lead_id": "0", "parent_id": "0",
                                                         "version": str(dept.version)})
    update = [e for e in entries("departments") if e.action == "update"][-1]
    assert update.actor_label == "admin@example.com"
    assert update.record_id == str(dept.id)
    assert update.changes == {"name_en": ["Service", "Customer Service"], "kind": ["customer_facing", "support"]}
    page = client.text("/audit?table=departments&action=update")  # as its reader sees it: labels, not columns
    changes = page.split('<table class="changes">')[1].split("</table>")[0]
    assert "<th>Name (English)</th>" in changes and "<th>Kind</th>" in changes and "name_en" not in changes
    assert "<span>Customer-facing</span>" in changes and "<span>Support</span>" in changes
    assert '<option value="departments" selected>Department</option>' in page
    options = page.split('name="table"')[1].split("</select>")[0]
    labels = [o.split(">")[1].split("<")[0] for o in options.split("<option")[2:]]
    assert labels == sorted(labels, key=str.casefold) and "User role" in labels


def test_create_and_delete_keep_the_whole_record(app):
    dept = make_department("TMP", name_en="Temporary")
    operations.delete_department(dept)
    db.session.commit()
    created, deleted = entries("departments")
    assert created.action == "create" and created.changes["name_en"] == [None, "Temporary"]
    assert deleted.action == "delete" and deleted.changes["code"] == ["TMP", None]


def test_secrets_are_never_copied_into_the_trail(app):
    make_user("a@example.com")
    for entry in entries("users"):
        assert "password_hash" not in entry.changes and "session_token" not in entry.changes


def test_role_changes_are_recorded(app):
    user = make_user("a@example.com", roles=["member"])
    operations.set_roles(user, ["hr"])
    db.session.commit()
    actions = [(e.action, e.record_id.split("/")[-1]) for e in entries("user_roles")]
    assert ("create", "member") in actions and ("delete", "member") in actions and ("create", "hr") in actions


def test_a_reason_is_stored_with_the_change(app):
    dept = make_department("CS")
    with audit_reason("Merged with sales support"):
        operations.archive_department(dept)
    db.session.commit()
    assert entries("departments")[-1].reason == "Merged with sales support"


def test_audit_entries_cannot_be_changed_or_deleted(app):
    make_department("CS")
    entry = entries()[0]
    entry.actor_label = "someone else"
    with pytest.raises(AuditTrailIsReadOnly):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(AuditTrailIsReadOnly):
        db.session.delete(entries()[0])
        db.session.flush()
    db.session.rollback()


def test_executives_browse_and_filter_the_trail(client):
    make_user("ceo@example.com", roles=["executive"])
    make_department("CS", name_en="Customer Service")
    make_user("someone@example.com")
    client.login("ceo@example.com")
    page = client.text("/audit?table=departments")
    assert "<br>Customer Service</td>" in page and "someone@example.com" not in page
    assert "someone@example.com" in client.text("/audit?table=users&action=create")


def test_members_cannot_see_the_trail(client):
    make_user("m@example.com")
    client.login("m@example.com")
    assert client.get("/audit").status_code == 403


def test_the_trail_pages_newest_first_with_newer_and_older_links_that_keep_the_filter(client, monkeypatch):
    from cxgov.audit import views

    monkeypatch.setattr(views, "PER_PAGE", 2)
    make_user("admin@example.com", roles=["admin"])
    for n in range(5):
        make_department(f"P{n}")
    db.session.commit()
    client.login("admin@example.com")
    page = client.text("/audit?table=departments&page=2")
    assert "Page 2 of 3" in page
    assert 'href="/audit?table=departments&amp;page=1">‹ Newer</a>' in page
    assert 'href="/audit?table=departments&amp;page=3">Older ›</a>' in page
