"""Images in a real browser: the renditions load, in WebP, at a width the
screen needs, with their size known before they arrive."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.helpers.factories import make_article
from tests.helpers.media import urls_as_make_run
from tests.helpers.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


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


def loaded_images(page, selector):
    return page.eval_on_selector_all(
        selector,
        """images => images.map(image => ({
            src: image.currentSrc, loaded: image.complete && image.naturalWidth > 0,
            width: image.getAttribute('width'), height: image.getAttribute('height'),
            alt: image.alt, shown: image.getBoundingClientRect().width}))""",
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_home_page_features_the_photo_and_shows_thumbnails(
    page, live_server, photo_article, viewport
):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/")

    [featured] = loaded_images(page, ".featured img")
    assert featured["loaded"], featured
    assert featured["src"].endswith(".webp")  # Chromium takes the WebP source
    assert featured["alt"] == ""
    assert (featured["width"], featured["height"]) == ("640", "360")
    # The width the slot needs at 1x (360 or 640 CSS px): not the 1280 made.
    assert featured["src"].endswith("/640.webp"), featured["src"]
    # The seed notice has no image: its card is drawn, not loaded.
    assert page.locator(".thumb-card").count() >= 1
    assert page.locator(".right-column").is_visible() == (viewport is DESKTOP)

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_article_shows_its_photo_with_caption(page, live_server, photo_article):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}{photo_article.get_absolute_url()}")

    [image] = loaded_images(page, ".article-figure img")
    assert image["loaded"] and image["src"].endswith(".webp"), image
    assert image["alt"] == "Phố đi bộ quanh Hồ Gươm"
    assert page.locator(".article-figure figcaption").inner_text() == "Phố đi bộ quanh Hồ Gươm"
    # Its box is reserved before it loads: the text below does not move.
    box = page.evaluate(
        "(() => { const r = document.querySelector('.article-figure img').getBoundingClientRect();"
        " return r.width / r.height; })()"
    )
    assert abs(box - 16 / 9) < 0.02


def test_a_section_page_lists_the_photo_as_a_thumbnail(page, live_server, photo_article):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{photo_article.category.get_absolute_url()}")

    [thumbnail] = loaded_images(page, ".article-list .thumb img")
    assert thumbnail["loaded"] and thumbnail["alt"] == "", thumbnail
    assert thumbnail["shown"] < 200  # a thumbnail beside the title, not a banner
