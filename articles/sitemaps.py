"""The sitemap: an index of pages of at most PAGE_SIZE entries, oldest first.

Oldest first keeps every full page the same as articles are added (only the
last one grows), so search engines re-read one page, not all of them. Each
page's `lastmod` is the newest change among its own entries. A page holds
1,000 entries whatever the size of the archive: a page costs the same at
1,000 and at 100,000 articles.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from portal.pagecache import cached_page

from .models import Article, Category

PAGE_SIZE = 1000
OLDEST_FIRST = ["published_at", "pk"]


class HomeSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:home"]

    def location(self, item):
        return reverse(item)


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return Category.objects.all()


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = PAGE_SIZE

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by(*OLDEST_FIRST)

    def lastmod(self, article):
        return article.updated_at


SITEMAPS = {"home": HomeSitemap, "categories": CategorySitemap, "articles": ArticleSitemap}


def article_pages():
    """[(page number, newest updated_at on it)] for the articles' sitemap, in
    one query (the database numbers the rows and groups them by page)."""
    numbered = Article.objects.published().annotate(
        position=Window(RowNumber(), order_by=[F(name).asc() for name in OLDEST_FIRST])
    )
    inner, params = numbered.values("position", "updated_at").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (position - 1) / {PAGE_SIZE} + 1 AS page, MAX(updated_at) "
            f"FROM ({inner}) numbered GROUP BY 1 ORDER BY 1",
            params,
        )
        rows = cursor.fetchall()
    field = Article._meta.get_field("updated_at")
    return [(page, as_datetime(newest, field)) for page, newest in rows]


def as_datetime(value, field):
    """A datetime as the ORM would give it (SQLite hands back text here)."""
    for converter in connection.ops.get_db_converters(field.get_col(field.model._meta.db_table)):
        value = converter(value, field, connection)
    if isinstance(value, str):
        value = timezone.make_aware(parse_datetime(value), timezone.UTC)
    return value


def sitemap_index(request):
    def render_index():
        location = request.build_absolute_uri
        entries = [
            {"location": location(reverse("sitemap-section", args=[section])), "last_mod": None}
            for section in ("home", "categories")
        ]
        page_url = location(reverse("sitemap-section", args=["articles"]))
        for page, newest in article_pages():
            url = page_url if page == 1 else f"{page_url}?p={page}"
            entries.append({"location": url, "last_mod": newest})
        return TemplateResponse(
            request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
        )

    return cached_page(request, render_index)


def sitemap_section(request, section):
    return cached_page(
        request, lambda: sitemap(request, SITEMAPS, section=section), allowed_parameters={"p"}
    )
