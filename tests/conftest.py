"""Fixtures: every database-backed test runs on SQLite and on a throw-away PostgreSQL.

The schema is built by running the migrations (never create_all), once per
backend; each test then starts from empty tables.
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
    """Remove every row so the next test starts from nothing."""
    # Only tables the migrations created: a model without its migration is test_migrations' finding, not ours.
    existing = set(sa.inspect(db.engine).get_table_names())
    tables = [t.name for t in db.metadata.sorted_tables if t.name in existing]
    if db.engine.dialect.name == "postgresql":
        db.session.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    else:
        db.session.execute(sa.text("PRAGMA foreign_keys=OFF"))
        for name in tables:
            db.session.execute(sa.text(f"DELETE FROM {name}"))
        db.session.execute(sa.text("PRAGMA foreign_keys=ON"))
    db.session.commit()


@pytest.fixture
def app(database_url):
    """A fresh app on the backend's database, emptied after the test."""
    application = create_app(TestConfig(database_url))
    application.test_client_class = FormClient
    with application.app_context():
        yield application
        db.session.rollback()
        _empty_tables()
        db.session.remove()
        db.engine.dispose()


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
