"""What a page costs in CSS: every stylesheet it links, summed, under 40 KB
before compression (the issue's budget; Bootstrap alone was 232 KB)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse

from tests.helpers.factories import make_article, make_comment
from tests.helpers.html import tags

pytestmark = pytest.mark.django_db

CSS_BUDGET = 40 * 1024


def linked_css_bytes(html):
    """The size of every stylesheet the page links, as the static files finders serve it."""
    sizes = {}
    for link in tags(html, "link", rel="stylesheet"):
        name = link["href"].removeprefix("/" + settings.STATIC_URL.lstrip("/"))
        found = finders.find(name)
        assert found, f"{link['href']} is linked but no static file has that name"
        sizes[name] = Path(found).stat().st_size
    return sizes


def reader_pages(client):
    article = make_article(title="Đại hội lần thứ XIII")
    make_comment(article, status="approved")
    failed_comment = client.post(
        reverse("comments:post", kwargs={"article_id": article.pk}),
        {"name": "", "phone": "123", "title": "", "content": "", "captcha_0": "x", "captcha_1": ""},
    )
    return {
        "home": client.get("/").content,
        "section": client.get(article.category.get_absolute_url()).content,
        "article": client.get(article.get_absolute_url()).content,
        "comment errors": failed_comment.content,
        "search": client.get("/tim-kiem/?q=dai+hoi").content,
        "archive": client.get("/luu-tru/?ngay=2020-11-14").content,
        "not found": client.get("/khong-co-trang-nay/").content,
        "server error": render_to_string("500.html").encode(),
    }


def test_every_page_loads_less_than_40_kb_of_css(client):
    for name, html in reader_pages(client).items():
        sizes = linked_css_bytes(html.decode())

        assert sizes, f"{name}: no stylesheet linked"
        assert sum(sizes.values()) < CSS_BUDGET, f"{name}: {sizes}"


def test_pages_link_only_our_own_stylesheets(client):
    for name, html in reader_pages(client).items():
        names = linked_css_bytes(html.decode())

        assert set(names) == {"css/base.css", "css/portal.css"}, name
