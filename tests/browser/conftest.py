"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against a live server.

Every journey starts from the pristine demo company in a database of its own. Loading the demo goes through
every gate and takes 15-25 s, so it is loaded once per backend into a template, and each journey gets a copy
(SQLite: a copy of the file; PostgreSQL: CREATE DATABASE … TEMPLATE), which takes well under a second.
"""
import itertools
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade
from werkzeug.serving import make_server

from cxgov import create_app, demo
from cxgov.config import TestConfig
from cxgov.extensions import db

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling out to a network this machine does not have.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# Names unique per xdist worker, in case the workers share one server (CXGOV_TEST_POSTGRES_URL).
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
TEMPLATE = f"cxgov_demo_{WORKER}"
_copies = itertools.count(1)


def pytest_collection_modifyitems(items):
    """With `--dist loadgroup` (make test), one worker runs every journey of a backend: one demo load each."""
    for item in items:
        backend = item.callspec.params.get("database_url") if hasattr(item, "callspec") else None
        if backend and item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group(f"browser-{backend}"))


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _load_demo_into(url: str) -> None:
    """Migrate an empty database and load the demo company into it, then let go of every connection."""
    app = create_app(TestConfig(url))
    with app.app_context():
        upgrade()
        demo.load(publish_reports=False)  # no journey needs last year's published PDFs; they take seconds to render
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


class _PostgresCopies:
    """Databases on the suite's PostgreSQL server, created from the demo template and dropped afterwards."""

    def __init__(self, server_url: str) -> None:
        self.url = sa.engine.make_url(server_url)
        self.admin = sa.create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)

    def _run(self, statement: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE refuse to run inside one)."""
        with self.admin.connect() as connection:
            connection.execute(sa.text(statement))

    def url_of(self, name: str) -> str:
        """The URL of a database on the same server."""
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, name: str, template: str | None = None) -> str:
        """A new database (a copy of `template` if given); returns its URL."""
        self._run(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self._run(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return self.url_of(name)

    def drop(self, name: str) -> None:
        """Drop a database, closing any connection a journey left open."""
        self._run(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def demo_template(database_url):
    """The demo company loaded once per backend: how to make a fresh copy of it, and how to throw one away."""
    if database_url.startswith("sqlite"):
        folder = Path(tempfile.mkdtemp(prefix="cxgov-demo-"))
        template = folder / "template.sqlite"
        _load_demo_into(f"sqlite:///{template}")

        def copy() -> tuple[str, Callable[[], None]]:
            path = folder / f"journey-{next(_copies)}.sqlite"
            shutil.copyfile(template, path)
            return f"sqlite:///{path}", path.unlink

        yield copy
        shutil.rmtree(folder, ignore_errors=True)
    else:
        server = _PostgresCopies(database_url)
        _load_demo_into(server.create(TEMPLATE))

        def copy() -> tuple[str, Callable[[], None]]:
            name = f"cxgov_journey_{WORKER}_{next(_copies)}"
            return server.create(name, template=TEMPLATE), lambda: server.drop(name)

        yield copy
        server.drop(TEMPLATE)
        server.admin.dispose()


@pytest.fixture
def live_server(demo_template):
    """A fresh app on a fresh copy of the demo company, served on a free local port in a thread.

    The test runs inside the app's context, so it can read or set up data with db.session as other tests do.
    """
    url, throw_away = demo_template()
    application = create_app(TestConfig(url))
    with application.app_context():
        server = make_server("127.0.0.1", 0, application, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_port}"
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
        db.session.remove()
        db.engine.dispose()
    throw_away()


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context with the given locale."""
    contexts = []

    def open_page(locale: str = "en-GB"):
        context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        contexts.append(context)
        context.set_default_timeout(15000)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
