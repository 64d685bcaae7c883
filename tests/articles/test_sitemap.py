"""The sitemap: its index, its pages of articles, and the page summary the
database keeps for the index (articles/sitemap_pages.py)."""

import xml.etree.ElementTree as ElementTree
from datetime import timedelta

import pytest
import time_machine
from django.core import serializers
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from articles import sitemap_pages
from articles.models import Article, Category, SitemapPage
from tests.helpers.factories import hanoi_time, make_article

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PUBLISHED, DRAFT = Article.Status.PUBLISHED, Article.Status.DRAFT
# Ids on the first three pages, at their edges and inside. High enough that
# no article made by a migration or another helper takes them.
IDS = [10, 11, 999, 1000, 1001, 1998, 1999, 2000, 2001, 2500]


def sitemap_entries(client, url):
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    return [
        (
            entry.findtext("s:loc", namespaces=SITEMAP).removeprefix("http://testserver"),
            entry.findtext("s:lastmod", namespaces=SITEMAP),
        )
        for entry in root
    ]


def article_pages(client):
    return [
        (url, lastmod)
        for url, lastmod in sitemap_entries(client, "/sitemap.xml")
        if "sitemap-articles" in url
    ]


def summary():
    """{page: entries} as the triggers keep it (empty pages left out)."""
    return dict(SitemapPage.objects.filter(entries__gt=0).values_list("number", "entries"))


def expected_summary():
    """{page: entries} counted from the articles themselves."""
    pages = {}
    for pk in Article.objects.filter(status=PUBLISHED).values_list("pk", flat=True):
        number = pk // sitemap_pages.PAGE_SIZE + 1
        pages[number] = pages.get(number, 0) + 1
    return pages


@pytest.mark.django_db
def test_index_lists_each_page_of_articles_with_when_it_last_changed(client):
    section = Category.objects.first()
    with time_machine.travel(hanoi_time(2021, 3, 1), tick=False):
        on_first = make_article(pk=10, category=section, published_at=hanoi_time(2016, 1, 5))
        on_third = make_article(pk=2100, category=section, published_at=hanoi_time(2020, 1, 1))
    with time_machine.travel(hanoi_time(2024, 6, 1), tick=False):
        also_first = make_article(pk=500, category=section, published_at=hanoi_time(2024, 3, 1))
        make_article(pk=600, category=section, status=DRAFT)

    index = sitemap_entries(client, "/sitemap.xml")

    assert [url for url, _ in index] == [
        "/sitemap-home.xml",
        "/sitemap-categories.xml",
        "/sitemap-articles.xml",
        "/sitemap-articles.xml?p=3",  # page 2 holds no article: not listed
    ]
    assert [lastmod[:10] for url, lastmod in index if "articles" in url] == [
        "2024-06-01",  # the newest change of an entry of page 1
        "2021-03-01",
    ]
    # Oldest first in each page; drafts left out; each entry with its lastmod.
    assert sitemap_entries(client, "/sitemap-articles.xml") == [
        (on_first.get_absolute_url(), "2021-03-01T01:00:00Z"),
        (also_first.get_absolute_url(), "2024-06-01T01:00:00Z"),
    ]
    assert sitemap_entries(client, "/sitemap-articles.xml?p=3") == [
        (on_third.get_absolute_url(), "2021-03-01T01:00:00Z")
    ]


@pytest.mark.django_db
def test_every_published_article_is_listed_once_across_the_pages(client):
    section = Category.objects.first()
    published = [
        make_article(
            pk=pk, category=section, published_at=hanoi_time(2020, 1, 1) + timedelta(hours=pk)
        )
        for pk in [1, 999, 1000, 1999, 2000, 5432]
    ]
    make_article(pk=3000, category=section, status=DRAFT)
    make_article(pk=3001, category=section, published_at=timezone.now() + timedelta(days=1))

    listed = [url for page, _ in article_pages(client) for url, _ in sitemap_entries(client, page)]

    assert listed == [article.get_absolute_url() for article in published]


@pytest.mark.django_db
def test_removing_an_article_marks_its_page_changed_now(client):
    section = Category.objects.first()
    with time_machine.travel(hanoi_time(2021, 3, 1), tick=False):
        make_article(pk=10, category=section)
        gone = make_article(pk=11, category=section)
    before_removal = timezone.now() - timedelta(seconds=5)  # the database's clock may lag

    gone.delete()

    [(_, lastmod)] = article_pages(client)
    assert lastmod[:10] != "2021-03-01"
    changed_at = SitemapPage.objects.get(number=1).changed_at
    assert changed_at >= before_removal
    assert summary() == {1: 1}


@pytest.mark.django_db
def test_unknown_or_empty_pages_are_not_found(client):
    section = Category.objects.first()
    make_article(pk=10, category=section)
    make_article(pk=1500, category=section, status=DRAFT)

    assert client.get("/sitemap-articles.xml?p=1").status_code == 200
    for page in ["2", "3", "0", "-1", "abc", "١", "99999999999999999999"]:
        assert client.get(f"/sitemap-articles.xml?p={page}").status_code == 404, page
    assert client.get("/sitemap-khong-co.xml").status_code == 404


@pytest.mark.django_db
def test_home_and_sections_have_their_own_sitemaps(client):
    section = Category.objects.first()

    assert sitemap_entries(client, "/sitemap-home.xml")[0][0] == "/"
    sections = [url for url, _ in sitemap_entries(client, "/sitemap-categories.xml")]
    assert section.get_absolute_url() in sections


@pytest.mark.django_db
def test_pages_are_rebuilt_after_migrate_whatever_the_triggers_missed(client):
    section = Category.objects.first()
    for pk in [10, 20, 1500]:
        make_article(pk=pk, category=section)
    with connection.cursor() as cursor:  # as if written while the triggers were gone
        cursor.execute("DELETE FROM articles_sitemappage")
        cursor.execute("UPDATE articles_sitemappage SET entries = 7")

    sitemap_pages.install()

    assert summary() == {1: 2, 2: 1}
    assert SitemapPage.objects.get(number=1).changed_at is not None


@pytest.mark.django_db
def test_loaddata_and_bulk_writes_count(tmp_path):
    section = Category.objects.first()
    Article.objects.bulk_create(
        Article(
            pk=pk,
            title=f"Thông báo {pk}",
            slug=f"thong-bao-{pk}",
            category=section,
            lead="Văn phòng UBND thành phố thông báo.",
            status=PUBLISHED,
        )
        for pk in range(990, 1010)
    )
    fixture = tmp_path / "articles.json"
    fixture.write_text(serializers.serialize("json", Article.objects.filter(pk__gte=1000)))
    Article.objects.filter(pk__gte=1000).delete()
    assert summary() == {1: 10}

    from django.core.management import call_command

    call_command("loaddata", str(fixture), verbosity=0)

    assert summary() == {1: 10, 2: 10}


writes = st.lists(
    st.one_of(
        st.tuples(st.just("create"), st.sampled_from(IDS), st.sampled_from([PUBLISHED, DRAFT])),
        st.tuples(
            st.just("bulk_create"),
            st.sets(st.sampled_from(IDS), max_size=4),
            st.sampled_from([PUBLISHED, DRAFT]),
        ),
        st.tuples(st.just("save"), st.sampled_from(IDS), st.sampled_from([PUBLISHED, DRAFT])),
        st.tuples(
            st.just("update"),
            st.sets(st.sampled_from(IDS), max_size=4),
            st.sampled_from([PUBLISHED, DRAFT]),
        ),
        st.tuples(st.just("touch"), st.sets(st.sampled_from(IDS), max_size=4), st.integers(0, 9)),
        st.tuples(st.just("delete"), st.sets(st.sampled_from(IDS), max_size=4), st.none()),
    ),
    max_size=12,
)


class SummaryProperties(TestCase):
    """Whatever is written, however: the summary counts what the articles hold."""

    @classmethod
    def setUpTestData(cls):
        cls.section = Category.objects.first()

    def apply(self, action, ids, value):
        articles = Article.objects.filter(pk__in=ids if isinstance(ids, set) else [ids])
        if action == "create" and not Article.objects.filter(pk=ids).exists():
            make_article(pk=ids, category=self.section, status=value)
        elif action == "bulk_create":
            taken = set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
            Article.objects.bulk_create(
                Article(
                    pk=pk,
                    title=f"Thông báo số {pk} về Đại hội",
                    slug=f"thong-bao-{pk}",
                    category=self.section,
                    lead="Văn phòng UBND thành phố thông báo.",
                    status=value,
                )
                for pk in ids - taken
            )
        elif action == "save":
            for article in articles:
                article.status = value
                article.save()
        elif action == "update":
            articles.update(status=value)
        elif action == "touch":
            articles.update(updated_at=hanoi_time(2020, 1, 1) + timedelta(days=value))
        elif action == "delete":
            articles.delete()

    @settings(deadline=None)
    @given(writes)
    def test_the_summary_counts_the_published_articles_of_each_page(self, steps):
        for step in steps:
            self.apply(*step)

        assert summary() == expected_summary()
        for page in SitemapPage.objects.filter(entries__gt=0):
            first, last = sitemap_pages.pk_range(page.number)
            newest = (
                Article.objects.filter(status=PUBLISHED, pk__range=(first, last))
                .order_by("-updated_at")
                .values_list("updated_at", flat=True)
                .first()
            )
            assert page.changed_at >= newest


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plans")
def test_a_page_reads_its_range_of_ids_not_the_published_articles(client):
    section = Category.objects.first()
    make_article(pk=10, category=section)

    with CaptureQueriesContext(connection) as queries:
        client.get("/sitemap-articles.xml")

    [sql] = [q["sql"] for q in queries.captured_queries if 'FROM "articles_article"' in q["sql"]]
    with connection.cursor() as cursor:
        plan = " ".join(str(row[-1]) for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}"))
    assert "USING INTEGER PRIMARY KEY" in plan, plan
