"""Real-browser tests: Debian's Chromium driven by Playwright against the live server."""

import shutil

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from articles.models import Article
from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS, new_page
from tests.helpers.paths import SEED_PATH


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
