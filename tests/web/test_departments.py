"""Departments: create, edit, validate, archive, delete only without history."""
from cxgov.auth.models import User
from cxgov.extensions import db
from cxgov.org.models import Department
from tests.factories import make_department, make_user


def admin_client(client):
    """A client signed in as an administrator."""
    make_user("admin@example.com", roles=["admin"])
    client.login("admin@example.com")
    return client


def count_departments() -> int:
    return db.session.scalar(db.select(db.func.count(Department.id)))


def form(**overrides):
    data = {"code": "CS", "name_en": "Customer Service", "name_zh": "客户服务部", "kind": "customer_facing",
            "lead_id": "0", "parent_id": "0"}
    data.update(overrides)
    return data


def test_admin_creates_a_department_with_both_names(client):
    admin_client(client)
    response = client.submit("/admin/departments/new", form())
    assert response.status_code == 302
    dept = db.session.scalar(db.select(Department).where(Department.code == "CS"))
    assert (dept.name_en, dept.name_zh, dept.kind, dept.lead_id) == ("Customer Service", "客户服务部",
                                                                      "customer_facing", None)
    assert "客户服务部" in client.text("/admin/departments")


def test_duplicate_code_is_refused_whatever_the_case(client):
    admin_client(client)
    make_department("CS")
    page = client.submit("/admin/departments/new", form(code="cs")).get_data(as_text=True)
    assert "Another department already uses this code." in page
    assert count_departments() == 1


def test_missing_and_overlong_fields_give_the_form_back_with_errors(client):
    admin_client(client)
    page = client.submit("/admin/departments/new", form(name_en="", name_zh="长" * 121, code="bad code!")) \
        .get_data(as_text=True)
    assert "This field is required." in page
    assert "Field cannot be longer than 120 characters." in page
    assert "Use 1–20 letters, digits" in page
    assert count_departments() == 0


def test_an_unknown_kind_or_lead_is_refused(client):
    admin_client(client)
    page = client.submit("/admin/departments/new", form(kind="secret", lead_id="999")).get_data(as_text=True)
    assert page.count("Not a valid choice") == 2
    assert count_departments() == 0


def test_lead_and_parent_are_saved(client):
    admin_client(client)
    parent = make_department("OPS")
    lead = make_user("lead@example.com", roles=["dept_lead"])
    client.submit("/admin/departments/new", form(lead_id=str(lead.id), parent_id=str(parent.id)))
    dept = db.session.scalar(db.select(Department).where(Department.code == "CS"))
    assert dept.lead_id == lead.id and dept.parent_id == parent.id


def test_a_department_cannot_be_put_under_its_own_child(client):
    admin_client(client)
    top = make_department("TOP")
    child = make_department("KID", parent_id=top.id)
    page = client.submit(f"/admin/departments/{top.id}/edit",
                         form(code="TOP", parent_id=str(child.id), version=str(top.version))).get_data(as_text=True)
    assert "cannot sit under itself" in page
    assert db.session.get(Department, top.id).parent_id is None


def test_a_stale_edit_is_refused_and_the_newer_value_kept(client):
    admin_client(client)
    dept = make_department("CS", name_en="Service")
    old_version = dept.version
    client.submit(f"/admin/departments/{dept.id}/edit", form(name_en="First save", version=str(old_version)))
    response = client.submit(f"/admin/departments/{dept.id}/edit",
                             form(name_en="Second, stale save", version=str(old_version)), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Someone else saved this department after you opened it" in page
    assert 'value="First save"' in page
    assert db.session.get(Department, dept.id).name_en == "First save"


def test_archiving_keeps_the_department_and_hides_it_from_the_directory(client):
    admin_client(client)
    dept = make_department("CS", name_en="Customer Service")
    client.submit(f"/admin/departments/{dept.id}/archive")
    assert db.session.get(Department, dept.id).archived_at is not None
    assert "Customer Service" not in client.text("/departments")
    client.submit(f"/admin/departments/{dept.id}/restore")
    assert db.session.get(Department, dept.id).archived_at is None


def test_a_department_with_members_is_never_hard_deleted(client):
    admin_client(client)
    dept = make_department("CS")
    make_user("agent@example.com", department=dept)
    page = client.submit(f"/admin/departments/{dept.id}/delete", follow_redirects=True).get_data(as_text=True)
    assert "cannot be deleted" in page
    assert db.session.get(Department, dept.id) is not None


def test_an_unused_department_can_be_deleted(client):
    admin_client(client)
    dept_id = make_department("TMP").id
    client.submit(f"/admin/departments/{dept_id}/delete")
    assert db.session.get(Department, dept_id) is None


def test_everyone_signed_in_sees_the_directory_and_a_department_page(client):
    dept = make_department("CS", name_en="Customer Service", name_zh="客户服务部")
    member = make_user("agent@example.com", department=dept, name="Ann Agent")
    client.login(member.email)
    assert "Customer Service" in client.text("/departments")
    assert "Ann Agent" in client.text(f"/departments/{dept.id}")
    assert client.get("/departments/9999").status_code == 404


def test_department_lead_cannot_edit_departments(client):
    dept = make_department("CS")
    lead = make_user("lead@example.com", roles=["dept_lead"], department=dept)
    client.login(lead.email)
    assert client.submit(f"/admin/departments/{dept.id}/edit", form()).status_code == 403
    assert db.session.get(User, lead.id).department_id == dept.id
