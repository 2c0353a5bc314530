"""Two instances of cxgov (gunicorn) and two task consumers on one PostgreSQL and one Redis behave as one system:
a session started on one is valid on the other, sign-in throttling and rate limits count across both, a queued job
runs once, and a scheduled period runs once however many ticks reach the consumers (README: Several instances)."""
import re
import time

import psycopg
import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from cxgov import create_app
from cxgov.config import TestConfig
from cxgov.extensions import db
from cxgov.rhythm.runs import JobRun
from tests.factories import PASSWORD, make_user
from tests.instances import Client, Processes, environment, zone_at_hour
from tests.web.test_api import new_token

pytestmark = pytest.mark.xdist_group("instances")

SETTINGS = {  # what the instances share besides the database, Redis and the secret (tests/instances.py)
    "CXGOV_BASE_URL": "http://127.0.0.1:8080", "CXGOV_PROXY_COUNT": "1", "CXGOV_LOGIN_MAX_FAILURES": "3",
    "CXGOV_RATELIMIT_SIGN_IN": "8 per minute", "CXGOV_RATELIMIT_API": "5 per minute",
    "CXGOV_TIMEZONE": zone_at_hour(4),  # 04:xx: the months are closed (after 00:30), nothing else is due yet
}


class System:
    """The running instances, and the database's app to make people and read what was stored."""

    def __init__(self, hosts: tuple[str, str], processes: Processes, app) -> None:
        self.hosts, self.processes, self.app = hosts, processes, app

    def user(self, email: str, roles=("member",)) -> None:
        with self.app.app_context():
            make_user(email, roles=roles)

    def token(self, email: str) -> str:
        with self.app.app_context():
            return new_token(make_user(email))

    def runs(self, job: str) -> list[tuple[str, str]]:
        with self.app.app_context():
            rows = db.session.scalars(sa.select(JobRun).where(JobRun.job == job).order_by(JobRun.id)).all()
            return [(row.trigger, row.state) for row in rows]


def own_database(postgres_url: str) -> str:
    """A database of its own on the suite's PostgreSQL (the other tests empty theirs after each test)."""
    server = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS cxgov_instances")
        connection.execute("CREATE DATABASE cxgov_instances")
    return postgres_url.rsplit("/", 1)[0] + "/cxgov_instances"


@pytest.fixture(scope="module")
def system(postgres_url, redis_url):
    url = own_database(postgres_url)
    processes, app = Processes(environment(url, redis_url, **SETTINGS)), create_app(TestConfig(url))
    try:
        hosts = processes.web("web-a"), processes.web("web-b")  # they start while the schema is made
        processes.worker("worker-a")
        processes.worker("worker-b")
        with app.app_context():
            upgrade()
        processes.wait_for(*hosts)
        yield System(hosts, processes, app)
    finally:
        processes.stop()
        with app.app_context():
            db.engine.dispose()


def test_a_session_started_on_one_instance_is_valid_on_the_other_and_ends_on_both(system):
    a, b = system.hosts
    system.user("ann@example.com")
    browser = Client(a, "10.1.0.1")
    assert browser.submit("/login", {"email": "ann@example.com", "password": PASSWORD}).status == 302
    copied = dict(browser.cookies)
    on_b = browser.on(b)
    page = on_b.get("/")
    assert page.status == 200 and "Ann" in page.text
    assert on_b.submit("/logout", {}, token_from="/").status == 302  # signed out on B, with A's form token
    stale = Client(a, "10.1.0.1")
    stale.cookies = copied
    assert stale.get("/").status == 302  # the copied cookie no longer works on A either


def test_sign_in_guesses_on_one_instance_count_on_the_other(system):
    a, b = system.hosts
    system.user("bob@example.com")
    one, two = Client(a, "10.1.0.2"), Client(b, "10.1.0.2")
    for client in (one, two, one):  # CXGOV_LOGIN_MAX_FAILURES = 3
        answer = client.submit("/login", {"email": "bob@example.com", "password": "wrong-password"})
        assert answer.status == 200 and "The e-mail or password is not correct" in answer.text
    refused = two.submit("/login", {"email": "bob@example.com", "password": PASSWORD})
    assert refused.status == 429 and "Too many failed attempts" in refused.text


def test_the_rate_limits_are_one_budget_across_the_instances(system):
    a, b = system.hosts
    bearer = {"Authorization": f"Bearer {system.token('carol@example.com')}"}
    assert [Client(host, "10.1.0.3").get("/api/v1/me", headers=bearer).status for host in (a, b, a, b, a)] == [200] * 5
    for host in (b, a):  # CXGOV_RATELIMIT_API = 5 per minute, spent on A and B together
        over = Client(host, "10.1.0.3").get("/api/v1/me", headers=bearer)
        assert over.status == 429 and over.json()["error"]["code"] == "too_many_requests"
        assert 0 < int(over.headers["Retry-After"]) <= 60
    guesses = [Client(host, "10.1.0.4").submit("/login", {"email": f"x{n}@example.com", "password": "wrong"})
               for n, host in enumerate((a, b) * 4)]  # CXGOV_RATELIMIT_SIGN_IN = 8 per minute, per address
    assert [answer.status for answer in guesses] == [200] * 8
    over = Client(a, "10.1.0.4").submit("/login", {"email": "x9@example.com", "password": "wrong"})
    assert over.status == 429 and "Please wait a moment and try again." in over.text and over.headers["Retry-After"]
    assert Client(b, "10.1.0.40").submit("/login", {"email": "x9@example.com", "password": "wrong"}).status == 200


def wait_for_runs(system, job: str, count: int, timeout: float = 20) -> list[tuple[str, str]]:
    """The job's runs once `count` of them have ended, and a moment longer (a second run would show by then)."""
    deadline = time.monotonic() + timeout
    while sum(state != "running" for _trigger, state in system.runs(job)) < count:
        assert time.monotonic() < deadline, system.processes.output("worker-a") + system.processes.output("worker-b")
        time.sleep(0.1)
    time.sleep(0.5)
    return system.runs(job)


def test_a_job_queued_on_either_instance_runs_once(system):
    a, b = system.hosts
    system.user("admin@example.com", roles=("admin",))
    admin = Client(a, "10.1.0.5")
    assert admin.submit("/login", {"email": "admin@example.com", "password": PASSWORD}).status == 302
    for host in (a, b):  # "Run now" on each instance: two runs, each by one of the two consumers
        answer = admin.on(host).submit("/admin/jobs/chat_digests/run", {}, token_from="/admin/jobs")
        assert answer.status == 302
    assert wait_for_runs(system, "chat_digests", 2) == [("admin", "ok"), ("admin", "ok")]


def ticks_done(system) -> int:
    """Ticks the two consumers have finished (as their logs say; Huey keeps no result of a periodic task)."""
    logs = system.processes.output("worker-a", whole=True) + system.processes.output("worker-b", whole=True)
    return len(re.findall(r"schedule\.tick: \S+ executed", logs))


def test_a_scheduled_period_runs_once_however_many_ticks_the_consumers_get(system):
    # Six ticks at once, as six consumers' schedulers would queue them at the same minute; four run together.
    before = ticks_done(system)
    system.processes.run("import cxgov.worker; from cxgov.rhythm.schedule import tick; [tick() for _ in range(6)]")
    deadline = time.monotonic() + 20
    while ticks_done(system) < before + 6:
        assert time.monotonic() < deadline, system.processes.output("worker-a") + system.processes.output("worker-b")
        time.sleep(0.1)
    assert system.runs("close_months") == [("schedule", "ok")]
