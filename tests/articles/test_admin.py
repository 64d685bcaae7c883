import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Category
from tests.helpers.factories import hanoi_time, make_article, make_editor
from tests.helpers.forms import article_form
from tests.helpers.plans import table_scans

pytestmark = pytest.mark.django_db


def test_editor_writes_an_article_with_vietnamese_dates(editor_client):
    response = editor_client.post(reverse("admin:articles_article_add"), article_form())

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.published_at == hanoi_time(2020, 11, 5, 13, 1)  # 5 November, not 11 May
    assert article.slug == "dai-hoi-dang-bo-thanh-pho"
    assert article.paragraphs == ["Đoạn một.", "Đoạn hai."]


def test_the_change_form_shows_day_month_year(editor_client):
    article = make_article(published_at=hanoi_time(2020, 11, 5, 13, 1))

    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert 'value="05/11/2020"' in page.content.decode()


def test_same_title_and_time_is_refused_in_vietnamese(editor_client):
    editor_client.post(reverse("admin:articles_article_add"), article_form())

    response = editor_client.post(reverse("admin:articles_article_add"), article_form())

    assert response.status_code == 200
    assert "Đã có bài viết cùng tiêu đề và thời gian đăng." in response.content.decode()
    assert Article.objects.count() == 1


def test_admin_search_ignores_diacritics(editor_client):
    wanted = make_article(title="Đại hội Đảng bộ")
    make_article(title="Giao thông", lead="Đường phố", body="Thông suốt.")

    response = editor_client.get(reverse("admin:articles_article_changelist"), {"q": "dai hoi"})

    assert list(response.context["cl"].result_list) == [wanted]


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("admin:comments_comment_changelist", "created_at__year=9999"),
        (
            "admin:comments_comment_changelist",
            "created_at__year=1&created_at__month=1&created_at__day=1",
        ),
        ("admin:articles_article_changelist", "published_at__year=9999&published_at__month=12"),
        ("admin:articles_article_changelist", "published_at__year=0"),
    ],
)
def test_dates_no_datetime_holds_are_an_invalid_lookup_not_an_error(client, url, query):
    client.force_login(make_editor())

    response = client.get(f"{reverse(url)}?{query}")

    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_a_date_filter_before_year_one_in_utc_is_no_error(client):
    """0001-01-01 in Hanoi is before year 1 in UTC: SQLite's adapter cannot
    hold it (an invalid lookup, ?e=1), PostgreSQL can (an empty list)."""
    client.force_login(make_editor())

    response = client.get(
        reverse("admin:articles_article_changelist"), {"published_at__gte": "0001-01-01"}
    )

    assert response.status_code in {200, 302}
    if response.status_code == 302:
        assert response["Location"].endswith("?e=1")


@pytest.mark.parametrize("value", ["9999-12-31", "99999999999999999999", "-1x", ""])
def test_a_bad_initial_value_in_the_add_url_is_left_out(client, value):
    client.force_login(make_editor())

    response = client.get(
        reverse("admin:articles_article_add"), {"category": value, "title": "Tin"}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.initial.get("category") is None
    assert response.context["adminform"].form.initial["title"] == "Tin"


def test_the_date_drill_down_offers_years_then_months_between_first_and_last(client):
    client.force_login(make_editor())
    section = Category.objects.first()
    make_article(category=section, published_at=hanoi_time(2018, 3, 5))
    make_article(category=section, published_at=hanoi_time(2020, 11, 14))
    changelist = reverse("admin:articles_article_changelist")

    years = client.get(changelist).context["cl"]
    months = client.get(changelist, {"published_at__year": "2020"})

    html = client.get(changelist).content.decode()
    assert all(f"published_at__year={year}" in html for year in (2018, 2019, 2020))
    assert "published_at__year=2021" not in html
    assert "published_at__month=11" in months.content.decode()
    assert years.result_count == 2


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plans")
@pytest.mark.parametrize(
    "query", ["", "?published_at__year=2020", "?published_at__year=2020&published_at__month=11"]
)
def test_the_article_list_and_its_drill_down_never_scan_the_archive(client, query):
    client.force_login(make_editor())
    section = Category.objects.first()
    Article.objects.bulk_create(
        Article(
            title=f"Tin {number}",
            slug=f"tin-{number}",
            category=section,
            lead="Tin",
            published_at=hanoi_time(2020, 11, number % 28 + 1, number % 24),
        )
        for number in range(150)  # more than a page of the list
    )

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("admin:articles_article_changelist") + query)

    assert table_scans([q["sql"] for q in queries.captured_queries]) <= {"articles_category"}
