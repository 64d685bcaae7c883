"""The page cache: pages readers share are kept per content version, every
change readers can see makes them stale, and nothing of one reader is ever
kept or served to another."""

from datetime import timedelta

import pytest

from articles.models import Article, Category
from comments.models import Comment
from portal import content
from tests.helpers.clients import BrowserLikeClient
from tests.helpers.factories import (
    hanoi_time,
    make_article,
    make_category,
    make_comment,
    make_editor,
)
from tests.helpers.forms import open_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return make_category(name="Giao thông")


@pytest.fixture
def article(section):
    return make_article(category=section, title="Phân luồng giao thông dịp lễ")


def served_from_cache(client, url, django_assert_num_queries):
    """The page's text, asserting it came from the cache (one query: the version)."""
    with django_assert_num_queries(1):
        return client.get(url).content.decode()


def test_a_page_is_kept_and_served_again(client, article, django_assert_num_queries):
    first = client.get(article.get_absolute_url())

    again = served_from_cache(client, article.get_absolute_url(), django_assert_num_queries)

    assert again == first.content.decode()


NEW = "Phân luồng giao thông dịp Tết"
OLD_COMMENT = "Ý kiến cũ"


def change_article(article):
    article.title = NEW
    article.save()


def update_article(article):
    Article.objects.filter(pk=article.pk).update(title="Phân luồng giao thông dịp Tết")


def approve_comment(article):
    comment = make_comment(article, title="Phân luồng giao thông dịp Tết")
    Comment.objects.filter(pk=comment.pk).moderate(Comment.Status.APPROVED, make_editor())


def edit_approved_comment(article):
    comment = Comment.objects.get(article=article)
    comment.title = "Phân luồng giao thông dịp Tết"
    comment.save()


def reject_approved_comment(article):
    comment = Comment.objects.get(article=article)
    Comment.objects.filter(pk=comment.pk).moderate(Comment.Status.REJECTED, make_editor())


def delete_approved_comment(article):
    Comment.objects.filter(article=article).delete()


def publish_neighbour(article):
    make_article(
        category=article.category,
        title="Phân luồng giao thông dịp Tết",
        published_at=article.published_at + timedelta(hours=1),
    )


def bulk_insert_neighbour(article):
    Article.objects.bulk_create(
        [
            Article(
                title="Phân luồng giao thông dịp Tết",
                slug="phan-luong-tet",
                category=article.category,
                lead="Tin",
                status=Article.Status.PUBLISHED,
                published_at=article.published_at - timedelta(hours=1),
            )
        ]
    )


def rename_section(article):
    Category.objects.filter(pk=article.category_id).update(name="Phân luồng giao thông dịp Tết")


@pytest.mark.parametrize(
    ("change", "with_approved_comment", "gone"),
    [
        (change_article, False, False),
        (update_article, False, False),
        (approve_comment, False, False),
        (edit_approved_comment, True, False),
        (reject_approved_comment, True, True),
        (delete_approved_comment, True, True),
        (publish_neighbour, False, False),
        (bulk_insert_neighbour, False, False),
        (rename_section, False, False),
    ],
)
def test_every_change_readers_can_see_makes_the_page_stale(
    client, article, change, with_approved_comment, gone, django_assert_num_queries
):
    if with_approved_comment:
        make_comment(article, status=Comment.Status.APPROVED, title=OLD_COMMENT)
    before = client.get(article.get_absolute_url()).content.decode()
    served_from_cache(client, article.get_absolute_url(), django_assert_num_queries)

    change(article)

    after = client.get(article.get_absolute_url()).content.decode()
    if gone:
        assert OLD_COMMENT in before and OLD_COMMENT not in after
    else:
        assert NEW not in before and NEW in after


def test_a_comment_waiting_for_an_editor_does_not_make_pages_stale(
    client, article, django_assert_num_queries
):
    client.get(article.get_absolute_url())
    version = content.state().version

    make_comment(article, title="Chờ duyệt")

    assert content.state().version == version
    served_from_cache(client, article.get_absolute_url(), django_assert_num_queries)


def test_a_scheduled_article_appears_when_its_time_comes(client, section, time_machine):
    time_machine.move_to(hanoi_time(2026, 12, 2, 8, 0), tick=False)
    make_article(category=section, title="Đang có", published_at=hanoi_time(2026, 12, 1))
    make_article(category=section, title="Sắp đăng", published_at=hanoi_time(2026, 12, 2, 9))
    assert "Sắp đăng" not in client.get(section.get_absolute_url()).content.decode()

    time_machine.move_to(hanoi_time(2026, 12, 2, 9, 1), tick=False)

    assert "Sắp đăng" in client.get(section.get_absolute_url()).content.decode()


def test_nothing_of_one_reader_is_kept_for_another(article):
    first, second = BrowserLikeClient(), BrowserLikeClient()
    first_form = open_form(first, article)
    page_after_session = first.get(article.get_absolute_url())

    second_page = second.get(article.get_absolute_url()).content.decode()
    second_form = open_form(second, article)

    assert first_form["captcha_0"] != second_form["captcha_0"]
    for value in [first_form["captcha_0"], first_form["started"], first.cookies["csrftoken"].value]:
        assert value not in second_page
        assert value not in page_after_session.content.decode()
    assert "csrfmiddlewaretoken" not in second_page
    assert not page_after_session.cookies


def test_a_reader_with_a_message_gets_a_page_of_their_own(client, article):
    client.get(article.get_absolute_url())
    client.cookies["messages"] = "something"

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "ETag" not in response


def test_unknown_parameters_are_neither_kept_nor_served(client, article):
    client.get(article.get_absolute_url())

    odd = client.get(article.get_absolute_url(), {"q": "lạ-lùng"})
    plain = BrowserLikeClient().get(article.get_absolute_url())

    assert "ETag" not in odd
    assert "lạ-lùng" in odd.content.decode()  # the search box shows it...
    assert "lạ-lùng" not in plain.content.decode()  # ...to that reader only


def test_a_cached_page_answers_304_to_its_etag(client, article):
    first = client.get(article.get_absolute_url())

    again = client.get(article.get_absolute_url(), headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""
    assert "must-revalidate" in first["Cache-Control"]
    change_article(article)
    assert (
        client.get(article.get_absolute_url(), headers={"if-none-match": first["ETag"]}).status_code
        == 200
    )


def test_a_cached_page_is_sent_compressed_to_those_who_ask(client, article):
    import gzip

    plain = client.get(article.get_absolute_url())
    packed = client.get(article.get_absolute_url(), headers={"accept-encoding": "gzip, br"})

    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < len(plain.content) / 3


def drop_a_trigger():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER portal_bump_articles_article_insert")
        else:
            cursor.execute("DROP TRIGGER portal_bump_articles_article ON articles_article")


def test_migrate_puts_back_a_trigger_a_table_rebuild_dropped():
    """SQLite drops a table's triggers when a migration rebuilds the table:
    every migrate (and flush) installs them again."""
    from django.core.management import call_command

    section = Category.objects.first()
    drop_a_trigger()
    version = content.state().version
    make_article(category=section)
    assert content.state().version == version  # proof the trigger was gone

    call_command("migrate", verbosity=0)
    make_article(category=section)

    assert content.state().version != version


def test_pages_are_not_kept_while_developing(client, article, settings):
    settings.PAGE_CACHE = False  # DJANGO_DEBUG=1 without DJANGO_PAGE_CACHE

    first = client.get(article.get_absolute_url())
    change_article(article)
    second = client.get(article.get_absolute_url())

    assert "ETag" not in first
    assert NEW in second.content.decode()
