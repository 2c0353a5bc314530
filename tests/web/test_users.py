"""User administration: create, edit roles, deactivate, reset password."""
import re

from cxgov.auth.models import User
from cxgov.extensions import db
from tests.factories import make_department, make_user


def admin_client(client):
    admin = make_user("admin@example.com", roles=["admin"])
    client.login("admin@example.com")
    return admin


def user_by_email(email):
    return db.session.scalar(db.select(User).where(User.email == email))


def test_admin_creates_a_user_with_several_roles_and_a_generated_password(client, app):
    admin_client(client)
    dept = make_department("CS")
    page = client.submit("/admin/users/new", {"email": "Li.Na@Example.com", "name": "李娜", "job_title": "客服总监",
                                              "department_id": str(dept.id), "roles": ["dept_lead", "member"],
                                              "locale": "zh"}).get_data(as_text=True)
    user = user_by_email("li.na@example.com")
    assert user.roles == {"dept_lead", "member"} and user.department_id == dept.id and user.locale == "zh"
    password = re.search(r'id="new-password">([^<]+)<', page).group(1)
    assert app.test_client().login("li.na@example.com", password).status_code == 302


def test_duplicate_email_and_no_role_are_refused(client):
    admin_client(client)
    make_user("taken@example.com")
    page = client.submit("/admin/users/new", {"email": "TAKEN@example.com", "name": "X", "department_id": "0",
                                              "locale": ""}).get_data(as_text=True)
    assert "Another user already has this e-mail." in page
    assert "Choose at least one role." in page
    assert db.session.scalar(db.select(db.func.count(User.id))) == 2


def test_an_invalid_email_is_refused(client):
    admin_client(client)
    page = client.submit("/admin/users/new", {"email": "not-an-email", "name": "X", "roles": ["member"],
                                              "department_id": "0", "locale": ""}).get_data(as_text=True)
    assert "Invalid email address." in page
    assert user_by_email("not-an-email") is None


def test_editing_roles_replaces_them(client):
    admin_client(client)
    user = make_user("m@example.com", roles=["member"])
    client.submit(f"/admin/users/{user.id}/edit", {"email": "m@example.com", "name": "M", "roles": ["hr", "viewer"],
                                                   "department_id": "0", "locale": "", "version": str(user.version)})
    assert user_by_email("m@example.com").roles == {"hr", "viewer"}


def test_deactivation_signs_the_user_out_at_once(client, app):
    admin_client(client)
    target = make_user("m@example.com")
    other = app.test_client()
    other.login("m@example.com")
    assert other.get("/").status_code == 200
    client.submit(f"/admin/users/{target.id}/deactivate")
    assert user_by_email("m@example.com").active is False
    assert other.get("/").status_code == 302


def test_an_admin_cannot_deactivate_themselves(client):
    admin = admin_client(client)
    page = client.submit(f"/admin/users/{admin.id}/deactivate", follow_redirects=True).get_data(as_text=True)
    assert "You cannot deactivate your own account." in page
    assert user_by_email("admin@example.com").active is True


def test_password_reset_shows_a_new_password_once_and_the_old_one_stops_working(client, app):
    admin_client(client)
    target = make_user("m@example.com")
    page = client.submit(f"/admin/users/{target.id}/reset-password").get_data(as_text=True)
    password = re.search(r'id="new-password">([^<]+)<', page).group(1)
    assert app.test_client().login("m@example.com").status_code == 200  # the old password fails
    assert app.test_client().login("m@example.com", password).status_code == 302


def test_user_list_filters_by_role_and_search(client):
    admin_client(client)
    make_user("hr.person@example.com", roles=["hr"], name="Helen HR")
    make_user("viewer@example.com", roles=["viewer"], name="Victor Viewer")
    page = client.text("/admin/users?role=hr")
    assert "Helen HR" in page and "Victor Viewer" not in page
    page = client.text("/admin/users?q=victor")
    assert "Victor Viewer" in page and "Helen HR" not in page


def test_user_text_is_escaped(client):
    admin_client(client)
    make_user("x@example.com", name="<script>alert(1)</script>")
    page = client.text("/admin/users")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
