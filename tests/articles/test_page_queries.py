"""Speed discipline: a fixed number of queries per page view, and no write but
the one captcha of a comment form."""

import pytest
from captcha.models import CaptchaStore
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from tests.factories import make_article, make_category, make_comment

pytestmark = pytest.mark.django_db

# Article with its section, menu, newer, older, approved comments, one new captcha.
ARTICLE_PAGE_QUERIES = 6


@pytest.fixture
def section():
    return make_category()


def get_article_page(client, django_assert_num_queries, article):
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("siblings", [0, 1, 30])
@pytest.mark.parametrize("approved_comments", [0, 200])
def test_article_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, section, siblings, approved_comments
):
    article = make_article(category=section)
    for _ in range(siblings):
        make_article(category=section)
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

    response = get_article_page(client, django_assert_num_queries, article)

    assert f"Ý kiến bạn đọc ({approved_comments})" in response.content.decode()


def writes_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    statements = [query["sql"] for query in queries.captured_queries]
    assert statements
    # PostgreSQL reads big lists through a cursor (DECLARE).
    return [sql for sql in statements if sql.split()[0].upper() not in {"SELECT", "DECLARE"}]


def test_viewing_pages_writes_nothing_but_the_forms_captcha(client, section):
    article = make_article(category=section)
    make_comment(article, status=Comment.Status.APPROVED)
    readers_pages = [
        "/",
        section.get_absolute_url(),
        "/tim-kiem/?q=dai+hoi",
        "/luu-tru/?ngay=2020-11-14",
        "/rss/",
        "/sitemap.xml",
    ]

    for url in readers_pages:
        assert writes_of(client, url) == []
    (write,) = writes_of(client, article.get_absolute_url())
    assert write.startswith('INSERT INTO "captcha_captchastore"')
    assert CaptchaStore.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_list_pages_use_the_category_time_index(section):
    plan = (
        connection.cursor()
        .execute(
            "EXPLAIN QUERY PLAN SELECT id FROM articles_article "
            "WHERE category_id = %s ORDER BY published_at DESC LIMIT 10",
            [section.pk],
        )
        .fetchall()
    )

    assert "article_category_time" in " ".join(str(row) for row in plan)
