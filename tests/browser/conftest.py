"""Real Chromium (Playwright, the Debian package) against the real CMS and frontend.

* the CMS is pytest-django's ``live_server`` (a thread of this process, so the
  tests can read the database and run management commands);
* the frontend is the real Starlette app under uvicorn on a free port
  (``tests/frontend/servers.py``), reading the CMS over HTTP; the CMS's
  ``FRONTEND_URL`` points at it, so preview frames and purges reach it;
* Chromium is ``shutil.which("chromium")``, headless; ``playwright install`` is
  never used.

Playwright's sync API keeps an event loop in the test thread, which Django would
take for async code: ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set while a browser runs
(the ORM calls here are plain synchronous test code).
"""

import contextlib
import io
import shutil
import threading
from types import SimpleNamespace

import pytest
from django.db.backends.signals import connection_created

from tests.frontend.servers import serve_frontend

PASSWORDS = {"editor": "herald-editor", "moderator": "herald-moderator"}


@pytest.fixture
def frontend_server(live_server, settings):
    """The frontend on a free port reading the live CMS; the CMS links and purges to it."""
    with serve_frontend(live_server, settings) as server:
        yield server.url


@pytest.fixture
def newsroom(home, frontend_server):
    """Demo users and roles, a World section with a published story, and a photo."""
    from cms.delivery.factories import ImageFactory
    from home.demo import editorial as demo_editorial
    from home.demo import furniture as demo
    from news.factories import ArticlePageFactory, SectionPageFactory, WireSourceFactory

    command = SimpleNamespace(stdout=io.StringIO())
    demo.load(command)
    world = SectionPageFactory(parent=home, title="World", slug="world")
    WireSourceFactory(name="EFE", slug="efe")
    story = ArticlePageFactory(parent=world, title="Putin, Erdogan to Boost Dialogue on Idlib")
    demo_editorial.load(command)
    demo_editorial.finish(command)
    photo = ImageFactory(title="Caracas skyline at dusk", credit="EFE/Miguel Gutiérrez")
    return SimpleNamespace(home=home, world=world, story=story, photo=photo)


@contextlib.contextmanager
def chromium(monkeypatch):
    """Debian's Chromium under Playwright; at the end, the database connections this
    thread opened meanwhile are closed.

    Django keeps connections per context (asgiref ``Local``), and Playwright's sync API
    runs its event loop in this thread: an ORM call of the test body while it runs gets
    a connection of its own, which no teardown closes. Left open, it keeps PostgreSQL
    from dropping the test database at the end of the run.
    """
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed: run `make browser`")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread
    thread, opened = threading.get_ident(), []

    def remember(sender, connection, **kwargs):
        if threading.get_ident() == thread:  # the live server's threads close their own
            opened.append(connection)

    connection_created.connect(remember, weak=False)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, headless=True)
            try:
                yield browser
            finally:
                browser.close()
    finally:
        connection_created.disconnect(remember)
        for connection in opened:
            if not connection.in_atomic_block:
                connection.close()


@pytest.fixture
def browser(monkeypatch):
    with chromium(monkeypatch) as browser:
        yield browser


@pytest.fixture
def new_page(browser):
    """A fresh browser context (no cookies) per call: one per user."""
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def reader_page(browser):
    """A reader's page with JavaScript off: what the frontend serves must work without it."""
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def log_in(page, cms_url, username):
    page.goto(cms_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORDS[username])
    page.click("button[type=submit]")
    page.wait_for_url(cms_url + "/admin/")
