from datetime import UTC, datetime

import pytest
from django.urls import reverse

from articles.models import Article
from tests.helpers.factories import make_article
from tests.helpers.html import text_of, visible_text
from tests.helpers.paths import SEED_PATH

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_article():
    from django.core.management import call_command

    call_command("import_notices", str(SEED_PATH), verbosity=0)
    return Article.objects.get()


def test_article_page_shows_the_notice(client, seed_article):
    response = client.get(seed_article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert text_of(html, "h1") == (
        "Tập trung thực hiện tốt công tác tổ chức phục vụ Đại hội lần thứ XIII của Đảng"
        " (13:01 14/11/2020)"
    )
    assert text_of(html, "p", class_="article-lead").startswith("HNP - Ngày 11/11, Văn phòng")
    body = visible_text(html)
    for paragraph in seed_article.paragraphs:
        assert paragraph in body
    assert text_of(html, "p", class_="article-author") == "Quốc Bảo"


def test_times_are_shown_in_hanoi_time(client):
    article = make_article(title="Họp báo", published_at=datetime(2020, 11, 14, 6, 1, tzinfo=UTC))

    response = client.get(article.get_absolute_url())

    assert "(13:01 14/11/2020)" in text_of(response.content.decode(), "h1")


def test_draft_answers_404(client):
    draft = make_article(status=Article.Status.DRAFT)

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_unknown_article_answers_404(client):
    response = client.get(reverse("articles:detail", kwargs={"slug": "khong-co-bai-nay"}))

    assert response.status_code == 404


def test_home_lists_the_newest_published_articles(client, seed_article):
    draft = make_article(title="Bản nháp chưa đăng", status=Article.Status.DRAFT)

    response = client.get(reverse("articles:home"))

    html = response.content.decode()
    assert seed_article.get_absolute_url() in html
    assert seed_article.title in visible_text(html)
    assert draft.title not in html
