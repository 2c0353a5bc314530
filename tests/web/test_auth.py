"""Sign-in, throttling, sessions and passwords, through the real forms."""
import pytest

from cxgov.auth.models import LoginAttempt, User
from cxgov.extensions import db
from cxgov.org import operations
from tests.factories import PASSWORD, make_user

WRONG = "The e-mail or password is not correct, or the account is not active."


def test_sign_in_with_the_right_password_opens_the_home_page(client):
    make_user("lead@example.com", roles=["dept_lead"], name="Lena Lead")
    response = client.login("LEAD@example.com ")
    assert response.status_code == 302 and response.location == "/"
    assert "Welcome, Lena Lead" in client.text("/")


def test_home_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.location.startswith("/login?next=")


@pytest.mark.parametrize("email,password", [("lead@example.com", "wrong-password"),
                                            ("nobody@example.com", "wrong-password")])
def test_failed_sign_in_gives_the_same_message_whether_or_not_the_email_exists(client, email, password):
    make_user("lead@example.com")
    page = client.login(email, password).get_data(as_text=True)
    assert WRONG in page
    assert "Welcome" not in client.text("/login")


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, app):
    make_user("lead@example.com")
    for _ in range(app.config["CXGOV_LOGIN_MAX_FAILURES"]):
        client.login("lead@example.com", "wrong-password")
    response = client.login("lead@example.com", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed attempts" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302  # still signed out
    failures = db.session.scalar(db.select(db.func.count(LoginAttempt.id)).where(LoginAttempt.success.is_(False)))
    assert failures == app.config["CXGOV_LOGIN_MAX_FAILURES"]


def test_a_success_resets_the_failure_count(client, app):
    make_user("lead@example.com")
    for _ in range(app.config["CXGOV_LOGIN_MAX_FAILURES"] - 1):
        client.login("lead@example.com", "wrong-password")
    assert client.login("lead@example.com").status_code == 302
    client.submit("/logout")
    for _ in range(app.config["CXGOV_LOGIN_MAX_FAILURES"] - 1):
        client.login("lead@example.com", "wrong-password")
    assert client.login("lead@example.com").status_code == 302


def test_passwords_are_stored_hashed(app):
    user = make_user("lead@example.com")
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_deactivated_user_cannot_sign_in_and_their_open_session_ends(client, app):
    user = make_user("lead@example.com")
    client.login("lead@example.com")
    assert client.get("/").status_code == 200
    operations.set_active(db.session.get(User, user.id), False)
    db.session.commit()
    assert client.get("/").status_code == 302
    assert WRONG in client.login("lead@example.com").get_data(as_text=True)


def test_changing_password_ends_other_sessions_but_not_this_one(app):
    make_user("lead@example.com")
    laptop, phone = app.test_client(), app.test_client()
    laptop.login("lead@example.com")
    phone.login("lead@example.com")
    response = laptop.submit("/account/password", {"current": PASSWORD, "new": "a-brand-new-pass",
                                                   "confirm": "a-brand-new-pass"})
    assert response.status_code == 302
    assert laptop.get("/").status_code == 200
    assert phone.get("/").status_code == 302
    assert app.test_client().login("lead@example.com", "a-brand-new-pass").status_code == 302


def test_change_password_rejects_a_wrong_current_password_and_keeps_the_old_one(client):
    make_user("lead@example.com")
    client.login("lead@example.com")
    page = client.submit("/account/password", {"current": "not-it-at-all", "new": "a-brand-new-pass",
                                               "confirm": "a-brand-new-pass"}).get_data(as_text=True)
    assert "The current password is not correct." in page
    user = db.session.scalar(db.select(User).where(User.email == "lead@example.com"))
    assert user.check_password(PASSWORD)


def test_change_password_requires_matching_and_long_enough_passwords(client):
    make_user("lead@example.com")
    client.login("lead@example.com")
    page = client.submit("/account/password", {"current": PASSWORD, "new": "short", "confirm": "other"}) \
        .get_data(as_text=True)
    assert "Field must be between 10 and 200 characters long." in page or "at least 10" in page.lower()
    assert "The two new passwords differ." in page


def test_a_form_without_csrf_token_is_refused_and_changes_nothing(client):
    make_user("lead@example.com")
    response = client.post("/login", data={"email": "lead@example.com", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/").status_code == 302


def test_sign_out_is_a_post(client):
    make_user("lead@example.com")
    client.login("lead@example.com")
    assert client.get("/logout").status_code == 405
    client.submit("/logout")
    assert client.get("/").status_code == 302


def test_next_parameter_only_follows_local_paths(client):
    make_user("lead@example.com")
    token = client.csrf_token()
    response = client.post("/login?next=https://evil.example/x",
                           data={"email": "lead@example.com", "password": PASSWORD, "csrf_token": token})
    assert response.location == "/"


def test_session_cookie_is_http_only(client):
    make_user("lead@example.com")
    response = client.login("lead@example.com")
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
