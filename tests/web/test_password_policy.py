"""Every door that sets a password refuses the same passwords, with the same words, and stores nothing."""
import io

from cxgov.auth.models import User
from cxgov.extensions import db
from tests.factories import PASSWORD, make_user

COMMON = "This password is one of the most common passwords"
LIKE_ACCOUNT = "The password must not be your e-mail address or your name"
SAME = "The new password is the same as the current one"


def stored_hash(email: str) -> str:
    """The password hash stored for an e-mail."""
    return db.session.scalar(db.select(User.password_hash).where(User.email == email))


def change(client, new: str, current: str = PASSWORD):
    """Submit the change-password form."""
    return client.submit("/account/password", {"current": current, "new": new, "confirm": new})


def test_changing_to_a_common_a_personal_or_the_same_password_is_refused(client):
    make_user("lena.lead@example.com", name="Lena Lead")
    client.login("lena.lead@example.com")
    before = stored_hash("lena.lead@example.com")
    for new, message in [("1234567890", COMMON), ("LenaLead2026", LIKE_ACCOUNT), (PASSWORD, SAME)]:
        response = change(client, new)
        assert response.status_code == 200 and message in response.get_data(as_text=True), new
    assert "The current password is not correct." in change(client, "a-brand-new-pass", "nope-nope-nope").get_data(
        as_text=True)
    assert stored_hash("lena.lead@example.com") == before
    assert change(client, "a-brand-new-pass").status_code == 302


def test_the_change_form_says_the_rule_before_anyone_tries(client):
    make_user("ann@example.com")
    client.login("ann@example.com")
    assert "not a common password, nor your e-mail or name" in client.text("/account/password")


def test_an_administrator_cannot_give_a_new_user_a_common_password(client):
    make_user("admin@example.com", roles=["admin"])
    client.login("admin@example.com")
    page = client.submit("/admin/users/new", {"email": "new@example.com", "name": "New", "roles": ["member"],
                                              "locale": "", "department_id": "0", "password": "qwertyuiop"})
    assert page.status_code == 200 and COMMON in page.get_data(as_text=True)
    assert stored_hash("new@example.com") is None


def test_a_user_file_with_a_common_password_imports_nothing(client):
    make_user("admin@example.com", roles=["admin"])
    client.login("admin@example.com")
    csv_text = ("email,name,roles,password\n"
                "ok@example.com,Ok,member,a-long-enough-phrase\n"
                "weak@example.com,Weak,member,1234567890\n"
                "me@example.com,Mei Zhang,member,meizhang2026\n")
    page = client.submit("/admin/users/import", {"file": (io.BytesIO(csv_text.encode()), "users.csv")},
                         content_type="multipart/form-data").get_data(as_text=True)
    assert "Nothing was imported" in page and COMMON in page and LIKE_ACCOUNT in page
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1


def test_the_set_password_command_refuses_a_weak_or_unchanged_password(app):
    make_user("ann@example.com")
    before = stored_hash("ann@example.com")
    runner = app.test_cli_runner()
    for password, message in [("1q2w3e4r5t", COMMON), (PASSWORD, SAME), ("short", "at least 10 characters")]:
        result = runner.invoke(args=["cxgov", "set-password", "--email", "ann@example.com", "--password", password])
        assert result.exit_code != 0 and message in result.output, password
    assert stored_hash("ann@example.com") == before
    result = runner.invoke(args=["cxgov", "set-password", "--email", "ann@example.com", "--password", "new-and-long!"])
    assert result.exit_code == 0 and app.test_client().login("ann@example.com", "new-and-long!").status_code == 302


def test_create_admin_refuses_a_common_password_and_creates_nobody(app):
    result = app.test_cli_runner().invoke(args=["cxgov", "create-admin", "--email", "boss@example.com",
                                                "--password", "0987654321"])
    assert result.exit_code != 0 and COMMON in result.output
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0
