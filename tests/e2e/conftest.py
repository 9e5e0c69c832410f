"""A real browser for the end-to-end tests: Debian's Chromium driven by Playwright.

Playwright's sync API runs an asyncio event loop in this thread for as long as the
browser is open, and Django refuses database access from a thread with a running loop.
The tests only touch the database between browser calls, never concurrently with them,
so the check is switched off for this process.
"""

import os
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
# Playwright would otherwise look for a browser build of its own, which cannot be
# downloaded here; these flags keep Debian's build quiet and headless in a container.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's with `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page with JavaScript switched off: every page must work without it."""
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        java_script_enabled=False,
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def smtp(settings, live_server):
    """A real SMTP server; Django's mail and the links in mail point at the live server."""
    from tests.mailserver import SmtpServer

    server = SmtpServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = False
    settings.SITE_URL = live_server.url
    # One sending connection: the test database is SQLite in memory with a shared cache,
    # where a second thread's write fails at once with "table is locked" instead of
    # waiting its turn (several connections are tested in tests/network/workers.py).
    settings.NOTIFY_CONNECTIONS = 1
    yield server
    server.stop()
