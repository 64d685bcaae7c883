"""Speed discipline: a fixed number of queries per page view, whatever the
size of the archive; no write for reading; plans that never scan the archive."""

import pytest
from captcha.models import CaptchaStore
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Category
from articles.sitemap_pages import PAGE_SIZE
from comments.models import Comment
from tests.helpers.factories import (
    hanoi_time,
    make_article,
    make_category,
    make_comment,
    make_editor,
)
from tests.helpers.plans import range_walks, table_scans

pytestmark = pytest.mark.django_db

# The content version; then the article with its section, its neighbours,
# a page of approved comments with their count, the menu.
ARTICLE_PAGE_QUERIES = 5


@pytest.fixture
def section():
    return make_category()


def add_articles(section, count, first=0):
    Article.objects.bulk_create(
        Article(
            title=f"Thông báo số {number} về giao thông",
            slug=f"bai-{section.pk}-{number}",
            category=section,
            lead="Ngày 11/11, Văn phòng UBND thành phố thông báo.",
            body="Đoạn một.\n\nĐoạn hai.",
            status=Article.Status.PUBLISHED,
            published_at=hanoi_time(2016 + number % 10, number % 12 + 1, number % 28 + 1, 8),
        )
        for number in range(first, first + count)
    )


def count_queries(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


@pytest.mark.parametrize("siblings", [0, 1, 30])
@pytest.mark.parametrize("approved_comments", [0, 200])
def test_article_page_runs_a_fixed_number_of_queries_then_one(
    client, django_assert_num_queries, section, siblings, approved_comments
):
    article = make_article(category=section)
    add_articles(section, siblings)
    Comment.objects.bulk_create(
        Comment(
            article=article,
            name="Độc giả",
            title=f"Ý kiến {number}",
            content="Nội dung",
            status=Comment.Status.APPROVED,
        )
        for number in range(approved_comments)
    )

    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        first = client.get(article.get_absolute_url())
    with django_assert_num_queries(1):  # the content version: the page is kept
        again = client.get(article.get_absolute_url())

    assert f"Ý kiến bạn đọc ({approved_comments})" in first.content.decode()
    assert again.content == first.content


def public_urls(section, article):
    return [
        "/",
        section.get_absolute_url(),
        f"{section.get_absolute_url()}?page=3",
        article.get_absolute_url(),
        "/tim-kiem/?q=giao+thong",
        "/luu-tru/?ngay=2020-11-14",
        "/rss/",
        f"/rss/{section.slug}/",
        "/sitemap.xml",
        f"/sitemap-articles.xml?p={article.pk // PAGE_SIZE + 1}",
    ]


def test_every_public_page_costs_the_same_with_ten_or_a_thousand_articles(client, section):
    article = make_article(category=section, published_at=hanoi_time(2020, 11, 14, 9))
    add_articles(section, 10)
    small = {url: count_queries(client, url) for url in public_urls(section, article)}
    cache.clear()

    add_articles(section, 1000, first=10)
    large = {url: count_queries(client, url) for url in public_urls(section, article)}

    assert large == small


def test_admin_lists_cost_the_same_with_ten_or_a_thousand_rows(client, section):
    client.force_login(make_editor())
    article = make_article(category=section)
    add_articles(section, 10)
    urls = [
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_changelist") + "?q=giao",
        reverse("admin:articles_article_changelist") + "?published_at__year=2020",
        reverse("admin:comments_comment_changelist"),
        reverse("admin:comments_comment_changelist") + "?status=all&q=an",
    ]
    small = {url: count_queries(client, url) for url in urls}

    add_articles(section, 1000, first=10)
    Comment.objects.bulk_create(
        Comment(article=article, name="An", title="Ý kiến", content="Nội dung") for _ in range(1000)
    )
    large = {url: count_queries(client, url) for url in urls}

    assert large == small


def writes_of(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, headers=headers).status_code == 200
    statements = [query["sql"] for query in queries.captured_queries]
    assert statements
    # PostgreSQL reads big lists through a cursor (DECLARE).
    return [sql for sql in statements if sql.split()[0].upper() not in {"SELECT", "DECLARE"}]


def test_reading_writes_nothing_and_starting_a_comment_writes_one_captcha(client, section):
    article = make_article(category=section)
    make_comment(article, status=Comment.Status.APPROVED)

    for url in public_urls(section, article):
        assert writes_of(client, url) == [], url
    session_url = reverse("comments:session", kwargs={"article_id": article.pk})
    writes = writes_of(client, session_url, x_requested_with="XMLHttpRequest")

    tables = sorted(sql.split('"')[1] for sql in writes)
    # The form's captcha, and the per-network count of new captchas (in
    # Redis instead when REDIS_URL names one: make test-scale).
    counted = [] if settings.REDIS_URL else ["comments_ratecount"]
    assert tables == ["captcha_captchastore", *counted]
    assert CaptchaStore.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plans")
def test_list_pages_never_scan_the_archive(client, section):
    article = make_article(category=section)
    add_articles(section, 300)
    make_comment(article, status=Comment.Status.APPROVED)
    urls = ["/", section.get_absolute_url(), f"{section.get_absolute_url()}?page=12"]
    urls += [article.get_absolute_url(), "/rss/", f"/rss/{section.slug}/"]

    for url in urls:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        sql = [query["sql"] for query in queries.captured_queries]
        assert table_scans(sql) <= {Category._meta.db_table}, url


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plans")
def test_the_article_page_reads_its_neighbours_by_id_not_the_whole_section(client, section):
    add_articles(section, 300)
    article = Article.objects.published().in_category(section).order_by("pk")[150]

    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())

    sql = [query["sql"] for query in queries.captured_queries]
    assert range_walks(sql, "articles_article") == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plans")
def test_every_page_views_content_state_reads_indexes_only(client, section):
    """Asked on every view, cached or not: no walk over articles, however
    many were scheduled or featured over the years."""
    article = make_article(category=section)

    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())

    [sql] = [q["sql"] for q in queries.captured_queries if "portal_contentversion" in q["sql"]]
    with connection.cursor() as cursor:
        plan = [str(row[-1]) for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}")]
    articles = [line for line in plan if "articles_article" in line]
    assert articles == [
        "SEARCH articles_article USING COVERING INDEX article_status_time "
        "(status=? AND published_at>?)",
        "SEARCH articles_article USING INDEX article_featured_end (featured_until>?)",
    ]
