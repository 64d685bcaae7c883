"""The home page: a featured story, each section's newest as cards, and the
right column (also on section pages)."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Category
from tests.helpers.factories import hanoi_time, make_article
from tests.helpers.html import tags, text_of, texts, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def photo():
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), (160, 20, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile("ho-guom.jpg", buffer.getvalue(), content_type="image/jpeg")


def section(slug):
    return Category.objects.get(slug=slug)


def home(client):
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    return response.content.decode()


def featured_title(html):
    found = tags(html, "article", class_="featured")
    return text_of(html, "h2", id="tin-noi-bat") if found else None


def test_each_section_shows_its_newest_four_as_cards(client):
    news = section("tintucsukien")
    for day in range(1, 7):
        make_article(
            category=news, title=f"Sự kiện ngày {day}", published_at=hanoi_time(2020, 11, day)
        )

    html = home(client)

    section_html = html.split('id="chuyen-muc-tintucsukien"', 1)[1].split("</section>", 1)[0]
    assert texts(section_html, "h3") == [
        "Sự kiện ngày 6",
        "Sự kiện ngày 5",
        "Sự kiện ngày 4",
        "Sự kiện ngày 3",
    ]
    # No image: a card in the portal's colours names the section, hidden from
    # screen readers (the title says it all).
    assert section_html.count('<div class="thumb-card" aria-hidden="true">') == 4
    assert "Tin tức - Sự kiện" in section_html
    assert featured_title(html) is None  # no featured story, no image


@time_machine.travel(hanoi_time(2026, 6, 1, 9), tick=False)
def test_the_featured_story_is_the_editors_choice_until_its_end(client):
    news = section("tintucsukien")
    chosen = make_article(
        category=news,
        title="Khai mạc Lễ hội mùa thu Hà Nội",
        published_at=hanoi_time(2020, 11, 1),
        is_featured=True,
        featured_until=hanoi_time(2026, 6, 1, 10),
    )
    make_article(category=news, title="Tin mới hơn có ảnh", image=photo())
    for not_yet in [
        {"status": "draft"},
        {"published_at": hanoi_time(2026, 6, 2)},  # scheduled
    ]:
        make_article(category=news, title="Chưa đăng", is_featured=True, **not_yet)

    html = home(client)

    assert featured_title(html) == "Khai mạc Lễ hội mùa thu Hà Nội"
    assert "Chưa đăng" not in html
    # Shown once: not again among its section's cards.
    assert visible_text(html).count("Khai mạc Lễ hội mùa thu Hà Nội") == 2  # featured + Tin mới
    assert chosen.get_absolute_url() in html

    # The same day, after its end: the page cached while it was featured is stale.
    with time_machine.travel(hanoi_time(2026, 6, 1, 10, 1), tick=False):
        later = home(client)

    assert featured_title(later) == "Tin mới hơn có ảnh"


def test_without_a_choice_the_newest_story_with_an_image_is_featured(client):
    news = section("tintucsukien")
    with_image = make_article(
        category=news,
        title="Hồ Gươm đón khách",
        image=photo(),
        image_caption="Phố đi bộ",
        published_at=hanoi_time(2020, 11, 2),
    )
    make_article(category=news, title="Tin không ảnh", published_at=hanoi_time(2020, 11, 3))
    make_article(
        category=news,
        title="Tin nổi bật đã hết hạn",
        is_featured=True,
        featured_until=timezone.now() - timedelta(minutes=1),
    )

    html = home(client)

    assert featured_title(html) == "Hồ Gươm đón khách"
    [image] = [tag for tag in tags(html, "img") if tag.get("src") == with_image.image.url]
    assert image["alt"] == ""  # the title beside it says what it shows
    assert (image["width"], image["height"]) == ("900", "600")


def test_the_right_column_lists_the_newest_articles_and_documents(client):
    documents = section("vanbanphapquy")
    for day in range(1, 10):
        make_article(
            category=section("tintucsukien"),
            title=f"Tin ngày {day}",
            published_at=hanoi_time(2021, 1, day),
        )
    make_article(
        category=documents,
        title="Quyết định số 12/2020/QĐ-UBND",
        published_at=hanoi_time(2020, 5, 1),
    )
    make_article(category=documents, title="Văn bản nháp", status="draft")

    for url in [reverse("articles:home"), section("chidaodieuhanh").get_absolute_url()]:
        html = client.get(url).content.decode()
        column = text_of(html, "aside", class_="right-column")
        latest = column.split("Tin mới", 1)[1].split("Văn bản mới", 1)[0]
        assert latest.index("Tin ngày 9") < latest.index("Tin ngày 2")
        assert "Tin ngày 1 " not in latest  # eight newest
        assert "Quyết định số 12/2020/QĐ-UBND" in column.split("Văn bản mới", 1)[1]
        assert "Văn bản nháp" not in column


def test_the_right_column_is_not_on_article_pages(client):
    article = make_article(category=section("tintucsukien"))

    html = client.get(article.get_absolute_url()).content.decode()

    assert not tags(html, "aside", class_="right-column")
