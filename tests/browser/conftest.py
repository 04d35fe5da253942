"""Browser tests: Debian's Chromium, driven by Playwright, against the app that pytest-django's
``live_server`` serves on 127.0.0.1 from the test database, with the real dataset in it.

Each test module loads the dataset once (``live_site``) and starts one browser (``browser``).
A journey gets a fresh browser context (``context``, ``page``), so no cookie, cache entry or
download carries over from one test to the next; the page surveys, which only read, share
one per module (``module_context``).
"""

import os
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.db.backends.base.creation import TEST_DATABASE_PREFIX
from django.test.utils import modify_settings
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

# survey.py holds the asserts of the page checks: rewritten, so failures show their values.
pytest.register_assert_rewrite("tests.browser.survey")

from .support import CHROMIUM, VIEWPORT, RequestLog  # noqa: E402

# The address the app is served on in these tests: IPv4 loopback, which ALLOWED_HOSTS holds,
# rather than "localhost", which may resolve to ::1. --liveserver still overrides it.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")


@pytest.fixture(autouse=True)
def _live_server_helper() -> None:
    """Stands in for pytest-django's helper of this name, which makes every test that uses
    ``live_server`` transactional. A transactional test empties every table when it ends (so
    the dataset would be loaded again for each test), and it queries the database from this
    thread while Playwright runs here, which Django refuses. ``live_site`` loads the dataset
    once per module instead, puts the database back as it was afterwards, and lets the server's
    host through ALLOWED_HOSTS as the helper would."""


@pytest.fixture(scope="module")
def live_site(django_db_setup, live_server: LiveServer, django_db_blocker) -> Iterator[str]:
    """The app's address, serving the real dataset to every test of the module; afterwards the
    test database is as the other test files expect it: as the migrations left it."""
    host = urlsplit(live_server.url).hostname
    with django_db_blocker.unblock(), modify_settings(ALLOWED_HOSTS={"append": host}):
        # The tables are emptied at the end: never those of a database that is not a test's.
        assert _is_test_database(), f"not a test database: {connection.settings_dict['NAME']}"
        # The Viewers and Editors groups, permissions and content types the migrations made.
        before = connection.creation.serialize_db_to_string()
        # Committed, not inside a test's transaction: the server's threads must see it.
        call_command("load_dataset", "--force", verbosity=0)
        try:
            yield live_server.url
        finally:
            # No post_migrate signal: it would make permissions and content types anew, and
            # the restore puts back the very rows that were there.
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            connection.creation.deserialize_db_from_string(before)
            # The server runs in this process: what it cached came from records now gone.
            caches["default"].clear()


def _is_test_database() -> bool:
    """Whether the connection is to a database pytest-django made for this run: SQLite's in
    memory, or another engine's test_… database."""
    if connection.vendor == "sqlite":
        return connection.is_in_memory_db()
    return connection.settings_dict["NAME"].startswith(TEST_DATABASE_PREFIX)


@pytest.fixture(scope="module")
def browser(live_site: str) -> Iterator[Browser]:
    """One Chromium for the module. It asks for ``live_site`` so that it starts after the
    dataset is loaded and closes before it is removed: while Playwright's event loop runs in
    this thread, Django refuses database queries from it (SynchronousOnlyOperation)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Browser, live_site: str) -> Iterator[BrowserContext]:
    """A fresh browser profile: no cookies, cache or downloads from an earlier test."""
    context = browser.new_context(base_url=live_site, viewport=VIEWPORT, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def request_log(context: BrowserContext, live_site: str) -> RequestLog:
    """Every request the browser makes in this test, from every page and frame."""
    log = RequestLog(live_site)
    context.on("request", log.record)
    return log


@pytest.fixture(scope="module")
def module_context(browser: Browser, live_site: str) -> Iterator[BrowserContext]:
    """One browser profile for the module's page surveys, which only read pages: its cache
    keeps plotly.js, so each page is not slowed by fetching and compiling it again."""
    context = browser.new_context(base_url=live_site, viewport=VIEWPORT)
    yield context
    context.close()
