"""Fixtures: every database-backed test runs on SQLite and on a throw-away PostgreSQL.

The schema is built by running the migrations (never create_all), once per
backend; each test then starts from empty tables.

Building the app takes ~0.2 s (some 350 URL rules compiled, the API's schemas), more than many tests, so each
backend has one app that the tests share, as a server's requests do: each test gets its own app context and
database session, and its changes to app.config are undone afterwards. A test that changes the app itself (adds
a route or a blueprint) is marked `fresh_app` and gets an app of its own; a shared app that was changed fails
the test that changed it.
"""
from __future__ import annotations

import contextvars
import os
import re
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.globals import _cv_app
from flask.testing import FlaskClient
from flask_migrate import upgrade

from cxgov import create_app
from cxgov.config import TestConfig
from cxgov.extensions import db
from tests.pgserver import PostgresServer

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL URL: CXGOV_TEST_POSTGRES_URL, or a server started for this run."""
    given = os.environ.get("CXGOV_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    server = PostgresServer()
    try:
        server.start()
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_url():
    """A Redis URL: a redis-server started for this run on loopback, stopped at its end (tests/redisserver.py)."""
    from tests.redisserver import RedisServer

    server = RedisServer()
    try:
        server.start()
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request):
    """A migrated, empty database per backend, shared by the tests of the session."""
    if request.param == "sqlite":
        folder = tempfile.mkdtemp(prefix="cxgov-sqlite-")
        url = f"sqlite:///{Path(folder) / 'test.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_url")
    app = create_app(TestConfig(url))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return url


def _empty_tables() -> None:
    """Remove every row, and restart the ids, so the next test starts from nothing."""
    # Only tables the migrations created: a model without its migration is test_migrations' finding, not ours.
    existing = set(sa.inspect(db.engine).get_table_names())
    tables = [t.name for t in db.metadata.sorted_tables if t.name in existing]
    # A test fills a handful of tables; asking which ones costs a few milliseconds, emptying all of them more.
    filled = db.session.execute(sa.text("SELECT " + ", ".join(f"EXISTS (SELECT 1 FROM {t})" for t in tables))).one()
    tables = [name for name, has_rows in zip(tables, filled, strict=True) if has_rows]
    if db.engine.dialect.name == "postgresql":
        _empty_postgresql(tables)
        return
    db.session.commit()
    # On one connection: PRAGMA foreign_keys applies to its connection only, and does nothing inside a
    # transaction, so it is turned back on after the deletes are committed, on the connection they ran on.
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        for name in tables:
            connection.exec_driver_sql(f"DELETE FROM {name}")
        connection.commit()
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


def _empty_postgresql(tables: list[str]) -> None:
    """Leave the tables as TRUNCATE … RESTART IDENTITY would: no rows, ids from 1, no pages.

    TRUNCATE makes new files for all ~50 tables and their indexes (50-250 ms a test). Instead: DELETE the few
    filled tables with foreign-key checks off, restart every id sequence, and VACUUM those tables, which gives
    back their now empty pages: without that, new rows would fill the freed space in no particular order and
    a query without ORDER BY would read them in another order than with TRUNCATE. Turning the checks off needs
    a superuser (the suite's own server); with a server given by CXGOV_TEST_POSTGRES_URL whose user is not one,
    TRUNCATE it is.
    """
    if db.session.scalar(sa.text("SELECT current_setting('is_superuser')")) != "on":
        if tables:
            db.session.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        db.session.commit()
        return
    db.session.execute(sa.text("SET LOCAL session_replication_role = replica"))  # this transaction only
    for name in tables:
        db.session.execute(sa.text(f"DELETE FROM {name}"))
    # Every id sequence, not only the filled tables': a row added and removed again still moved its sequence.
    db.session.execute(sa.text(
        "SELECT setval(s.oid, 1, false) FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace "
        "WHERE s.relkind = 'S' AND n.nspname = current_schema()"))
    db.session.commit()
    if tables:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(sa.text(f"VACUUM {', '.join(tables)}"))  # VACUUM refuses to run in a transaction


def _new_app(database_url: str):
    """An app on the backend's database whose test client can post forms."""
    application = create_app(TestConfig(database_url))
    application.test_client_class = FormClient
    return application


def _shape(application) -> tuple:
    """What a test must not change on a shared app: its routes, blueprints and request hooks."""
    hooks = (application.before_request_funcs, application.after_request_funcs, application.teardown_request_funcs,
             application.template_context_processors, application.error_handler_spec)
    # Flask's hook tables are defaultdicts that requests fill with empty entries: count the functions only.
    counts = [sorted((str(key), _functions(value)) for key, value in hook.items() if _functions(value))
              for hook in hooks]
    return (sorted(str(rule) for rule in application.url_map.iter_rules()), sorted(application.blueprints),
            sorted(application.view_functions), counts)


def _functions(entry) -> int:
    """How many functions a hook table's entry holds (a list, or error handlers by code and exception)."""
    return len(entry) if isinstance(entry, list) else sum(len(handlers) for handlers in entry.values())


@pytest.fixture(scope="session")
def shared_app(database_url):
    """One app per backend for the tests that only use it (see the module's docstring)."""
    application = _new_app(database_url)
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def app(request, database_url):
    """The backend's app in a fresh app context on empty tables, emptied after the test.

    Its config is restored after the test; a test marked `fresh_app` gets an app of its own.
    """
    fresh = request.node.get_closest_marker("fresh_app") is not None
    application = _new_app(database_url) if fresh else request.getfixturevalue("shared_app")
    config, shape = dict(application.config), None if fresh else _shape(application)
    with application.app_context():
        yield application
        db.session.rollback()
        _empty_tables()
        db.session.remove()
        if fresh:
            db.engine.dispose()
    application.config.clear()
    application.config.update(config)
    if shape is not None:
        assert _shape(application) == shape, "the test changed the shared app: mark it @pytest.mark.fresh_app"


@pytest.fixture
def client(app):
    """A test client that knows how to post forms with their CSRF token."""
    return app.test_client()


TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


class FormClient(FlaskClient):
    """FlaskClient plus a CSRF-aware form post, like a browser submitting a page.

    Each request runs in its own application context (its own `g` and database
    session), as in production, even though the test holds one open for its
    factories; otherwise flask-login's cached user would leak between clients.
    """

    def open(self, *args, **kwargs):
        """Commit the test's work, run the request isolated, then forget cached rows."""
        db.session.commit()
        response = contextvars.copy_context().run(self._open_isolated, *args, **kwargs)
        db.session.expire_all()
        return response

    def _open_isolated(self, *args, **kwargs):
        """Run the request with no application context inherited from the test."""
        _cv_app.set(None)
        return super().open(*args, **kwargs)

    def csrf_token(self) -> str:
        """Read a CSRF token from a page, as a browser would have it."""
        page = self.get("/login").get_data(as_text=True)
        if "csrf_token" not in page:
            page = self.get("/").get_data(as_text=True)
        match = TOKEN.search(page)
        assert match, "no CSRF token on the page"
        return match.group(1) or match.group(2)

    def submit(self, url: str, data: dict | None = None, **kwargs):
        """POST a form with a valid CSRF token."""
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token())
        return self.post(url, data=data, **kwargs)

    def login(self, email: str, password: str = "correct-horse-1"):
        """Sign in through the form."""
        return self.submit("/login", {"email": email, "password": password})

    def text(self, url: str) -> str:
        """GET a page and return its HTML."""
        return self.get(url).get_data(as_text=True)
