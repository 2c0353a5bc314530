"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against a live server."""
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from cxgov import demo
from cxgov.extensions import db

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling out to a network this machine does not have.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live_server(app):
    """The app with the demo company, served on a free local port in a thread."""
    demo.load(publish_reports=False)  # no journey needs last year's published PDFs; they take seconds to render
    db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


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
