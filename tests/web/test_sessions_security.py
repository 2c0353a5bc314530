"""Sessions end on the server, their cookies live no longer than the session policy, and what a signed-in person
reads is never cached; headers, secure cookies and absolute links (issue 14, "Headers and sessions")."""
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from flask import url_for

from cxgov.api.operations import create_token
from cxgov.api.tokens import ApiToken
from cxgov.auth.models import User
from cxgov.config import Config
from cxgov.extensions import db
from cxgov.rhythm.calendar_models import CalendarFeed
from cxgov.rhythm.calendar_tokens import renew_person_feed
from tests.factories import PASSWORD, make_action, make_user

SESSION, REMEMBER = "session", "remember_token"


def sign_in(app, email: str, remember: bool = False):
    """A browser signed in through the form (remembered on the device when asked)."""
    browser = app.test_client()
    data = {"email": email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert browser.submit("/login", data).status_code == 302
    return browser


def copy_of(app, browser, *names: str):
    """Another browser holding copies of some of the first one's cookies, as a thief would."""
    thief = app.test_client()
    for name in names:
        cookie = browser.get_cookie(name)
        assert cookie is not None, f"no {name} cookie to copy"
        thief.set_cookie(name, cookie.value)
    return thief


def signed_in(browser) -> bool:
    """True when the home page opens instead of sending the browser to sign in."""
    return browser.get("/").status_code == 200


def test_signing_out_ends_copies_of_the_session_and_remember_me_cookies(app):
    make_user("ann@example.com")
    browser = sign_in(app, "ann@example.com", remember=True)
    session_copy, remember_copy = copy_of(app, browser, SESSION), copy_of(app, browser, REMEMBER)
    assert signed_in(session_copy) and signed_in(remember_copy)  # the copies worked before

    browser.submit("/logout")

    assert not signed_in(browser) and not signed_in(session_copy) and not signed_in(remember_copy)
    assert "Please sign in" in session_copy.get("/", follow_redirects=True).get_data(as_text=True)


def test_changing_the_password_ends_copied_cookies_but_keeps_this_browser(app):
    make_user("ann@example.com")
    browser = sign_in(app, "ann@example.com", remember=True)
    session_copy, remember_copy = copy_of(app, browser, SESSION), copy_of(app, browser, REMEMBER)
    response = browser.submit("/account/password", {"current": PASSWORD, "new": "a-brand-new-pass",
                                                    "confirm": "a-brand-new-pass"})
    assert response.status_code == 302
    assert signed_in(browser)
    assert not signed_in(session_copy) and not signed_in(remember_copy)
    # The browser's own remember-me cookie was renewed with the new token: it alone still signs in.
    assert signed_in(copy_of(app, browser, REMEMBER))


def test_the_remember_me_cookie_lasts_no_longer_than_the_session_policy(app):
    make_user("ann@example.com")
    browser = app.test_client()
    response = browser.submit("/login", {"email": "ann@example.com", "password": PASSWORD, "remember": "y"})
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith(REMEMBER + "="))
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    hours = app.config["PERMANENT_SESSION_LIFETIME"]
    assert hours == timedelta(hours=12)
    assert expires <= datetime.now(UTC) + hours + timedelta(minutes=1)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_sign_in_older_than_the_session_policy_is_refused_by_the_server(app, monkeypatch):
    make_user("ann@example.com")
    browser = sign_in(app, "ann@example.com", remember=True)
    remember_copy = copy_of(app, browser, REMEMBER)
    from cxgov.auth import session as sessions

    later = sessions.now_seconds() + 12 * 3600 + 60
    monkeypatch.setattr(sessions, "now_seconds", lambda: later)
    # The cookies themselves are still well signed; the server refuses them for their age.
    assert not signed_in(browser) and not signed_in(remember_copy)


def test_a_session_cookie_from_before_this_release_is_refused(app):
    user = make_user("ann@example.com")
    browser = app.test_client()
    with browser.session_transaction() as session:
        session["_user_id"] = f"{user.id}:{user.session_token}"  # the old "<id>:<token>" form, without a start
        session["_fresh"] = True
    assert not signed_in(browser)


def test_deactivation_revokes_api_tokens_and_the_calendar_feed_and_reactivation_revives_neither(app):
    admin = make_user("admin@example.com", roles=["admin"])
    ann = make_user("ann@example.com", roles=["viewer"])
    _row, plain = create_token(ann, "dashboard")
    db.session.commit()
    ann_browser = sign_in(app, "ann@example.com")
    assert ann_browser.submit("/account/calendar/reset").status_code in (200, 302)
    assert db.session.scalar(db.select(db.func.count(CalendarFeed.id))) == 1
    api = app.test_client()
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {plain}"}).status_code == 200

    admin_browser = sign_in(app, admin.email)
    admin_browser.submit(f"/admin/users/{ann.id}/deactivate")
    admin_browser.submit(f"/admin/users/{ann.id}/activate")

    assert db.session.get(User, ann.id).active
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {plain}"}).status_code == 401
    assert db.session.scalar(db.select(ApiToken.revoked_at).where(ApiToken.user_id == ann.id)) is not None
    assert db.session.scalar(db.select(db.func.count(CalendarFeed.id))) == 0
    assert not signed_in(ann_browser)  # and the session open before deactivation stays ended


def test_every_signed_in_answer_is_not_stored_and_static_files_keep_their_caching(app):
    ann = make_user("ann@example.com", roles=["admin"])
    _row, plain = create_token(ann, "dashboard")
    feed = renew_person_feed(ann)
    db.session.commit()
    browser = sign_in(app, "ann@example.com")
    answers = {"page": browser.get("/"), "export": browser.get("/actions/export.csv"),
               "template": browser.get("/admin/users/template.csv"),
               "api": app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {plain}"}),
               "feed": app.test_client().get(f"/calendar/{feed}.ics"),
               "login page": app.test_client().get("/login")}
    for what, response in answers.items():
        assert response.status_code == 200, what
        assert "no-store" in response.headers.get("Cache-Control", ""), what
    static = browser.get("/static/css/app.css")
    assert static.status_code == 200 and "no-store" not in static.headers.get("Cache-Control", "")


def test_security_headers_stay_and_hsts_is_sent_only_over_https(app):
    headers = app.test_client().get("/login").headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers
    app.config["SESSION_COOKIE_SECURE"] = True
    make_user("ann@example.com")
    response = app.test_client().submit("/login", {"email": "ann@example.com", "password": PASSWORD})
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Secure" in next(c for c in response.headers.getlist("Set-Cookie") if c.startswith(SESSION + "="))


def test_an_https_base_url_makes_cookies_secure_unless_told_otherwise(monkeypatch):
    monkeypatch.setenv("CXGOV_BASE_URL", "https://cx.example.com")
    assert Config().SESSION_COOKIE_SECURE and Config().REMEMBER_COOKIE_SECURE
    monkeypatch.setenv("CXGOV_SECURE_COOKIES", "false")
    assert not Config().SESSION_COOKIE_SECURE
    monkeypatch.delenv("CXGOV_BASE_URL")
    monkeypatch.delenv("CXGOV_SECURE_COOKIES")
    assert not Config().SESSION_COOKIE_SECURE and Config().CXGOV_PROXY_COUNT == 0


def test_absolute_links_come_from_the_base_url_not_the_host_header(app):
    app.config["CXGOV_BASE_URL"] = "https://cx.example.com/gov/"
    owner = make_user("ann@example.com", roles=["admin"])
    action = make_action(owner, source="assessment", source_id=7)
    _row, plain = create_token(owner, "dashboard")
    db.session.commit()
    api = app.test_client()
    body = api.get(f"/api/v1/actions/{action.id}", headers={"Authorization": f"Bearer {plain}",
                                                            "Host": "evil.example"}).get_json()
    assert body["source_url"] == "https://cx.example.com/gov/assessments/7/results"
    browser = sign_in(app, "ann@example.com")
    token = browser.csrf_token()
    browser.set_cookie(SESSION, browser.get_cookie(SESSION).value, domain="evil.example")  # the same browser
    page = browser.post("/account/calendar/reset", data={"csrf_token": token},
                        headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "https://cx.example.com/gov/calendar/" in page and "evil.example" not in page
    with app.test_request_context("/", headers={"Host": "evil.example"}):
        assert url_for("main.home", _external=True) == "https://cx.example.com/gov/"
        assert url_for("main.home") == "/"  # relative links are untouched


def test_without_a_base_url_absolute_links_use_a_fixed_address_never_the_host_header(app):
    app.config["CXGOV_BASE_URL"] = ""
    with app.test_request_context("/", headers={"Host": "evil.example"}):
        assert url_for("auth.login", _external=True) == "http://localhost/login"


def test_a_task_or_command_without_a_request_builds_links_under_the_base_url(app):
    app.config["CXGOV_BASE_URL"] = "https://cx.example.com"
    assert url_for("auth.login") == "https://cx.example.com/login"  # the test holds an app context, no request


def test_a_redirect_back_to_the_same_page_never_repeats_the_host_header(app):
    from cxgov.webtools import this_page

    with app.test_request_context("/targets/3/edit?month=2026-12", headers={"Host": "evil.example"}):
        assert this_page() == "/targets/3/edit?month=2026-12"
    with app.test_request_context("/targets/3/edit", headers={"Host": "evil.example"}):
        assert this_page() == "/targets/3/edit"


def test_signing_out_keeps_the_chosen_language_but_nothing_else_of_the_session(app):
    make_user("ann@example.com")
    browser = sign_in(app, "ann@example.com")
    browser.submit("/language/zh")
    browser.submit("/logout")
    with browser.session_transaction() as session:
        assert session.get("locale") == "zh" and "_user_id" not in session and "csrf_token" not in session
