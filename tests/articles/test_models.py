from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from portal.text import fold, make_slug
from tests.helpers.factories import hanoi_time, make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đại hội lần thứ XIII", "dai-hoi-lan-thu-xiii"),
        ("đường Đê La Thành", "duong-de-la-thanh"),
        ("Tin tức - Sự kiện", "tin-tuc-su-kien"),
        ("Chỉ đạo điều hành", "chi-dao-dieu-hanh"),
        ("Ưu tiên ổn định giá cả", "uu-tien-on-dinh-gia-ca"),
    ],
)
def test_slugs_transliterate_vietnamese(title, slug):
    assert make_slug(title) == slug


def test_article_gets_a_slug_from_its_title():
    article = make_article(title="Đại hội lần thứ XIII của Đảng")

    assert article.slug == "dai-hoi-lan-thu-xiii-cua-dang"
    assert article.get_absolute_url() == "/bai-viet/dai-hoi-lan-thu-xiii-cua-dang/"


def test_same_title_on_another_day_gets_its_own_slug():
    first = make_article(title="Thông báo", published_at=hanoi_time(2020, 1, 1))
    second = make_article(title="Thông báo", published_at=hanoi_time(2020, 1, 2))
    third = make_article(title="Thông báo", published_at=hanoi_time(2020, 1, 3))

    assert [first.slug, second.slug, third.slug] == ["thong-bao", "thong-bao-2", "thong-bao-3"]


def test_long_titles_give_slugs_cut_at_a_word():
    article = make_article(title="Tập trung thực hiện tốt công tác " * 10)

    assert len(article.slug) <= 120
    assert not article.slug.endswith("-")
    assert article.slug.startswith("tap-trung-thuc-hien-tot-cong-tac-")


def test_editor_slug_is_kept():
    assert make_article(slug="thong-bao-rieng").slug == "thong-bao-rieng"


def test_published_excludes_drafts_and_future_articles():
    public = make_article()
    make_article(status=Article.Status.DRAFT)
    make_article(published_at=timezone.now() + timedelta(hours=1))

    assert list(Article.objects.published()) == [public]


def test_published_chains_with_other_filters():
    section = make_category()
    mine = make_article(category=section)
    make_article()

    assert list(Article.objects.published().in_category(section)) == [mine]
    assert list(Article.objects.in_category(section).published()) == [mine]


def test_paragraphs_split_on_blank_lines_whatever_the_line_ends():
    article = make_article(body="Một.\r\n\r\nHai\r\ndòng.\n \nBa.")

    assert article.paragraphs == ["Một.", "Hai\r\ndòng.", "Ba."]


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Đại hội", "dai hoi"), ("ĐẠI HỘI", "dai hoi"), ("Phố Hàng Đào", "pho hang dao")],
)
def test_fold(text, folded):
    assert fold(text) == folded
