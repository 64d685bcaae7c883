"""Real-browser tests: Debian's Chromium driven by Playwright against the live server."""

import shutil

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from articles.models import Article
from tests.conftest import SEED_PATH

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a headless Chromium on a machine without outside network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package.")
    with pytest.MonkeyPatch.context() as monkeypatch:
        # Playwright's sync API runs an event loop in the tests' thread; the
        # tests' own ORM calls (and database set-up) are still plain
        # synchronous code.
        monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


def new_page(browser, **options):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.console_errors = []
    page.on(
        "console", lambda message: message.type == "error" and page.console_errors.append(message)
    )
    return page


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def page_without_js(browser):
    page = new_page(browser, java_script_enabled=False)
    yield page
    page.context.close()


@pytest.fixture
def seed_article(transactional_db):
    call_command("import_notices", str(SEED_PATH), verbosity=0)
    return Article.objects.get()
