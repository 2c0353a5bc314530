"""Rate limits on signing in and on the API: 429 with Retry-After, the API's JSON error body or the translated error
page, a budget per user on the API, and one budget for several instances when the counts are kept in Redis."""
import pytest
import redis

from cxgov import create_app
from cxgov.config import Config, TestConfig
from cxgov.ratelimit import limiter_of
from tests.conftest import FormClient
from tests.factories import make_user
from tests.web.test_api import assert_error, bearer, new_token

# The limits count in memory or Redis, never in the database: one backend shows them (the instances test runs on
# PostgreSQL).
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def limited_config(database_url: str, **settings) -> TestConfig:
    """The tests' settings with the rate limits on (the suite runs without them: cxgov/config.py)."""
    config = TestConfig(database_url)
    config.RATELIMIT_ENABLED = True
    for key, value in settings.items():
        setattr(config, key, value)
    return config


@pytest.fixture(scope="module")
def limited_app(database_url):
    application = create_app(limited_config(database_url))
    application.test_client_class = FormClient
    return application


@pytest.fixture
def limited(app, limited_app):
    """An app with the limits on, small budgets and fresh counts, on the test's database."""
    saved = dict(limited_app.config)
    limited_app.config.update(CXGOV_RATELIMIT_API="3 per minute", CXGOV_RATELIMIT_SIGN_IN="2 per minute")
    limiter_of(limited_app).reset()
    yield limited_app
    limited_app.config.clear()
    limited_app.config.update(saved)


@pytest.fixture
def client(limited):
    return limited.test_client()


def retry_after(response) -> int:
    seconds = int(response.headers["Retry-After"])
    assert 0 < seconds <= 60
    return seconds


def test_the_api_answers_429_with_its_json_error_and_retry_after_once_a_users_budget_is_spent(limited, client):
    ann, bob = make_user("ann@example.com"), make_user("bob@example.com")
    first, second, bobs = new_token(ann, "one"), new_token(ann, "two"), new_token(bob)
    statuses = [client.get("/api/v1/me", headers=bearer(token)).status_code for token in (first, second, first)]
    assert statuses == [200, 200, 200]
    response = client.get("/api/v1/me", headers=bearer(second))  # another token of the same person: one budget
    error = assert_error(response, 429, "too_many_requests")
    assert error["message"] == "Too many requests; wait a moment and try again."
    retry_after(response)
    assert client.get("/api/v1/me", headers=bearer(bobs)).status_code == 200  # another person's budget
    chinese = client.get("/api/v1/me", headers={**bearer(first), "Accept-Language": "zh"})
    assert assert_error(chinese, 429, "too_many_requests")["message"] == "请求过于频繁，请稍后再试。"


def test_requests_without_a_usable_token_are_counted_per_address(limited, client):
    for _ in range(3):
        assert client.get("/api/v1/me").status_code == 401
    response = client.get("/api/v1/me", headers=bearer("cxg_" + "x" * 43))
    assert_error(response, 429, "too_many_requests")
    retry_after(response)
    other = client.get("/api/v1/me", environ_overrides={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 401


def test_sign_in_attempts_over_the_budget_get_the_translated_page_with_retry_after(limited, client):
    user = make_user("ann@example.com")
    assert [client.login(user.email, "wrong-password").status_code for _ in range(2)] == [200, 200]
    response = client.login(user.email)  # the right password, but over the address's budget: not even checked
    assert response.status_code == 429
    retry_after(response)
    page = response.get_data(as_text=True)
    assert "Too many requests" in page and "Please wait a moment and try again." in page
    assert client.get("/login").status_code == 200  # reading the form costs nothing
    chinese = client.submit("/login", {"email": user.email, "password": "x"}, headers={"Accept-Language": "zh"})
    assert chinese.status_code == 429 and "请求过于频繁" in chinese.get_data(as_text=True)
    elsewhere = client.submit("/login", {"email": user.email, "password": "correct-horse-1"},
                              environ_overrides={"REMOTE_ADDR": "10.0.0.9"})
    assert elsewhere.status_code == 302  # another address has its own budget


def test_the_limits_are_on_unless_turned_off(app, monkeypatch):
    assert Config().RATELIMIT_ENABLED
    monkeypatch.setenv("CXGOV_RATELIMIT_ENABLED", "false")
    assert not Config().RATELIMIT_ENABLED
    app.config["CXGOV_RATELIMIT_API"] = "1 per minute"  # the suite's app has them off
    assert [app.test_client().get("/api/v1/me").status_code for _ in range(3)] == [401, 401, 401]


@pytest.fixture(scope="module")
def redis_apps(database_url, redis_url):
    """Two apps (two instances of cxgov) whose limits count in one Redis."""
    apps = []
    for _ in range(2):
        application = create_app(limited_config(database_url, CXGOV_REDIS_URL=redis_url, CXGOV_RATELIMIT_API="4 per "
                                                "minute", CXGOV_RATELIMIT_SIGN_IN="3 per minute"))
        application.test_client_class = FormClient
        apps.append(application)
    return apps


@pytest.mark.xdist_group("redis")
def test_instances_on_one_redis_share_the_api_and_sign_in_budgets(app, redis_apps, redis_url):
    redis.Redis.from_url(redis_url).flushdb()
    one, two = (application.test_client() for application in redis_apps)
    token = new_token(make_user("ann@example.com"))
    assert [c.get("/api/v1/me", headers=bearer(token)).status_code for c in (one, two, one, two)] == [200] * 4
    assert_error(one.get("/api/v1/me", headers=bearer(token)), 429, "too_many_requests")
    assert_error(two.get("/api/v1/me", headers=bearer(token)), 429, "too_many_requests")
    assert [c.login("ann@example.com", "wrong").status_code for c in (one, two, one)] == [200, 200, 200]
    response = two.login("ann@example.com")
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert any(b"cxgov-rl" in key for key in redis.Redis.from_url(redis_url).keys())
