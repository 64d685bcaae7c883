"""Real-browser tests: Debian's Chromium driven by Playwright against the live server."""

import io
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import sync_playwright

from articles.models import Article
from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS, new_page
from tests.helpers.factories import make_article
from tests.helpers.media import urls_as_make_run
from tests.helpers.paths import SEED_PATH
from tests.helpers.tasks import run_queued_tasks


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


@pytest.fixture
def photo_article(settings, tmp_path, seed_article):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (20, 110, 60)).save(buffer, "JPEG")
    article = make_article(
        category=seed_article.category,
        title="Hồ Gươm rực rỡ cờ hoa chào mừng Đại hội",
        image=SimpleUploadedFile("ho-guom.jpg", buffer.getvalue()),
        image_caption="Phố đi bộ quanh Hồ Gươm",
    )
    run_queued_tasks()
    with urls_as_make_run(settings):
        yield article
