"""Sign-in throttling per account and per address: stored in the database, counted atomically, never reset for an
address by someone signing in to their own account, and fed by proxy headers only from a configured proxy."""
import re
import threading
from datetime import timedelta

from flask.testing import FlaskClient

from cxgov import create_app
from cxgov.auth import throttle
from cxgov.auth.models import LoginAttempt, LoginThrottle
from cxgov.config import TestConfig
from cxgov.extensions import db
from cxgov.models_base import utcnow
from tests.conftest import FormClient
from tests.factories import PASSWORD, make_user

WRONG = "The e-mail or password is not correct"
LOCKED = "Too many failed attempts"


def guess(client, email: str, password: str = "wrong-password", **kwargs):
    """One sign-in attempt; returns (status, what the page says)."""
    response = client.login(email, password) if not kwargs else client.submit(
        "/login", {"email": email, "password": password}, **kwargs)
    return response.status_code, response.get_data(as_text=True)


def evaluated_failures() -> int:
    """Attempts whose password was actually checked and was wrong."""
    return db.session.scalar(db.select(db.func.count(LoginAttempt.id)).where(LoginAttempt.success.is_(False)))


def test_signing_in_to_ones_own_account_does_not_reset_the_addresss_count(client, app):
    make_user("attacker@example.com")
    address_limit = app.config["CXGOV_LOGIN_MAX_FAILURES"] * throttle.IP_FACTOR  # 20
    for n in range(address_limit - 1):
        assert WRONG in guess(client, f"victim{n}@example.com")[1]
    assert client.login("attacker@example.com").status_code == 302  # own account, right password
    client.submit("/logout")
    assert WRONG in guess(client, "victim-last@example.com")[1]  # the 20th guess
    status, page = guess(client, "one-more@example.com")
    assert status == 429 and LOCKED in page
    assert evaluated_failures() == address_limit
    assert db.session.get(LoginThrottle, "address:127.0.0.1").failures == address_limit


def test_a_locked_account_refuses_even_the_right_password_from_anywhere(app):
    make_user("ann@example.com")
    for n in range(app.config["CXGOV_LOGIN_MAX_FAILURES"]):
        guess(app.test_client(), "ann@example.com", environ_base={"REMOTE_ADDR": f"10.0.0.{n}"})
    status, page = guess(app.test_client(), "ann@example.com", PASSWORD, environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert status == 429 and LOCKED in page
    assert db.session.get(LoginThrottle, "account:ann@example.com").failures == 5
    # The refused attempt took no guess from its address.
    assert db.session.get(LoginThrottle, "address:10.9.9.9").failures == 0


def test_the_count_survives_a_restart_and_is_shared_by_another_instance(app, database_url):
    make_user("ann@example.com")
    for _ in range(app.config["CXGOV_LOGIN_MAX_FAILURES"]):
        guess(app.test_client(), "ann@example.com")
    db.session.commit()
    other = create_app(TestConfig(database_url))  # a restarted process, or a second instance
    other.test_client_class = FormClient
    try:
        status, page = guess(other.test_client(), "ann@example.com", PASSWORD)
    finally:
        with other.app_context():
            db.engine.dispose()
    assert status == 429 and LOCKED in page


def test_the_account_may_try_again_once_the_window_has_passed(client, app, monkeypatch):
    make_user("ann@example.com")
    for _ in range(app.config["CXGOV_LOGIN_MAX_FAILURES"]):
        guess(client, "ann@example.com")
    assert guess(client, "ann@example.com", PASSWORD)[0] == 429
    later = utcnow() + timedelta(minutes=app.config["CXGOV_LOGIN_LOCK_MINUTES"], seconds=1)
    monkeypatch.setattr(throttle, "utcnow", lambda: later)
    assert client.login("ann@example.com").status_code == 302
    assert db.session.get(LoginThrottle, "account:ann@example.com") is None  # the success cleared it


def parallel_sign_ins(app, email: str, passwords: list[str]) -> list[int]:
    """Post one sign-in per password at the same moment, each from its own browser; their status codes."""
    clients = [app.test_client() for _ in passwords]
    tokens = [c.csrf_token() for c in clients]
    start, statuses = threading.Barrier(len(passwords)), [0] * len(passwords)

    def attempt(i: int) -> None:
        start.wait()
        # Flask's own open: a thread has no test context to commit or isolate from (each request has its own).
        response = FlaskClient.open(clients[i], "/login", method="POST", data={
            "email": email, "password": passwords[i], "csrf_token": tokens[i]})
        statuses[i] = response.status_code

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(len(passwords))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return statuses


def test_parallel_guesses_never_evaluate_more_than_the_limit(app):
    make_user("ann@example.com")
    workers, limit = 16, app.config["CXGOV_LOGIN_MAX_FAILURES"]
    statuses = parallel_sign_ins(app, "ann@example.com", [f"guess-{i:02d}-wrong" for i in range(workers)])
    assert sorted(statuses) == [200] * limit + [429] * (workers - limit)
    assert evaluated_failures() == limit
    assert db.session.get(LoginThrottle, "account:ann@example.com").failures == limit


def test_forwarded_addresses_are_ignored_without_a_configured_proxy(client, app):
    for n in range(app.config["CXGOV_LOGIN_MAX_FAILURES"] * throttle.IP_FACTOR):
        guess(client, f"victim{n}@example.com", headers={"X-Forwarded-For": f"203.0.113.{n}"})
    status, _page = guess(client, "next@example.com", headers={"X-Forwarded-For": "198.51.100.1"})
    assert status == 429  # a client cannot pick a new address to count against
    keys = set(db.session.scalars(db.select(LoginThrottle.key).where(LoginThrottle.key.like("address:%"))))
    assert keys == {"address:127.0.0.1"}


def test_behind_a_configured_proxy_each_client_address_is_counted_apart(app, database_url):
    config = TestConfig(database_url)
    config.CXGOV_PROXY_COUNT = 1
    proxied = create_app(config)
    proxied.test_client_class = FormClient
    try:
        office = proxied.test_client()
        for n in range(20):
            guess(office, f"victim{n}@example.com", headers={"X-Forwarded-For": "203.0.113.5"})
        assert guess(office, "x@example.com", headers={"X-Forwarded-For": "203.0.113.5"})[0] == 429
        status, page = guess(office, "y@example.com", headers={"X-Forwarded-For": "203.0.113.6"})
    finally:
        with proxied.app_context():
            db.engine.dispose()
    assert status == 200 and WRONG in page  # the neighbour behind the same proxy is not locked out
    keys = set(db.session.scalars(db.select(LoginThrottle.key).where(LoginThrottle.key.like("address:%"))))
    assert keys == {"address:203.0.113.5", "address:203.0.113.6"}


def test_the_lock_message_names_the_wait(client, app):
    make_user("ann@example.com")
    for _ in range(app.config["CXGOV_LOGIN_MAX_FAILURES"]):
        guess(client, "ann@example.com")
    page = guess(client, "ann@example.com", PASSWORD)[1]
    assert re.search(r"wait 15 minutes", page)


def test_simultaneous_sign_ins_to_one_account_all_succeed(app):
    make_user("ann@example.com")
    # Signing in is no edit of the account: no 409 between them (the issue measured one for two at once).
    assert parallel_sign_ins(app, "ann@example.com", [PASSWORD] * 4) == [302] * 4
    assert db.session.scalar(db.select(db.func.count(LoginAttempt.id)).where(LoginAttempt.success.is_(True))) == 4


def test_a_locked_sign_in_says_when_to_come_back(client, app):
    make_user("someone@example.com")
    for _ in range(app.config["CXGOV_LOGIN_MAX_FAILURES"]):
        guess(client, "someone@example.com")
    response = client.submit("/login", {"email": "someone@example.com", "password": "still wrong"})
    assert response.status_code == 429 and LOCKED in response.get_data(as_text=True)
    assert response.headers["Retry-After"] == str(app.config["CXGOV_LOGIN_LOCK_MINUTES"] * 60)
