"""The sitemap: an index of the home page, the sections, and the articles'
pages (articles/sitemap_pages.py: a page per range of ids, at most
PAGE_SIZE entries, oldest first).

Oldest first keeps every full page the same as articles are added (only the
last one grows), so search engines re-read one page, not all of them. Each
page's `lastmod` in the index is when it last changed (each entry carries
its own in the page). The index reads one summary row per page and a page
reads its range of ids: both cost the same at 1,000 and at 100,000 articles.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db.models import BooleanField, CharField, ExpressionWrapper, Func
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.html import escape

from portal.pagecache import cached_page

from .models import Article, Category, SitemapPage, is_public
from .sitemap_pages import pk_range


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


SECTIONS = {"home": HomeSitemap, "categories": CategorySitemap}
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Written here rather than by Django's sitemap templates: a page of 1,000
# entries took 140 ms through them and takes a few here, and the index's
# cost per page of articles is what grows with the archive.
ARTICLE_ENTRY = (
    "<url><loc>{location}</loc><lastmod>{lastmod}</lastmod>"
    "<changefreq>weekly</changefreq><priority>0.8</priority></url>"
)


class W3CDateTime(Func):
    """A time as the sitemap protocol writes it, in UTC, made by the
    database: converting each row to a datetime and back cost more than the
    rest of the index (measured at 100,000 articles)."""

    output_field = CharField()
    # SQLite keeps 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC; no strftime(): its
    # % signs would meet Django's parameter style.
    SQLITE = "substr(%(expressions)s, 1, 10) || 'T' || substr(%(expressions)s, 12, 8) || 'Z'"
    POSTGRESQL = """to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""

    def as_sqlite(self, compiler, connection):
        return self.as_sql(compiler, connection, template=self.SQLITE)

    def as_postgresql(self, compiler, connection):
        return self.as_sql(compiler, connection, template=self.POSTGRESQL)


def xml_response(root, lines):
    document = "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<{root} xmlns="{NAMESPACE}">',
            *lines,
            f"</{root}>",
        ]
    )
    return HttpResponse(document, content_type="application/xml; charset=utf-8")


def sitemap_index(request):
    def render_index():
        location = request.build_absolute_uri
        sections = [location(reverse("sitemap-section", args=[name])) for name in SECTIONS]
        lines = [f"<sitemap><loc>{escape(url)}</loc></sitemap>" for url in sections]
        page_url = escape(location(reverse("sitemap-articles")))
        pages = SitemapPage.objects.filter(entries__gt=0).values_list(
            "number", W3CDateTime("changed_at")
        )
        for number, changed_at in pages:
            url = page_url if number == 1 else f"{page_url}?p={number}"
            lastmod = f"<lastmod>{changed_at}</lastmod>" if changed_at else ""
            lines.append(f"<sitemap><loc>{url}</loc>{lastmod}</sitemap>")
        return xml_response("sitemapindex", lines)

    return cached_page(request, render_index)


def sitemap_section(request, section):
    return cached_page(request, lambda: sitemap(request, SECTIONS, section=section))


def sitemap_articles(request):
    """One page of the articles' sitemap (`?p=N`, 1 by default): its
    published articles, oldest first; a 404 for a page the index does not list."""

    def render_page():
        number = request.GET.get("p", "1")
        if not number.isascii() or not number.isdigit():
            raise Http404("Không có trang này.")
        number = int(number)
        if not SitemapPage.objects.filter(number=number, entries__gt=0).exists():
            raise Http404("Không có trang này.")
        # The range of ids alone in WHERE: given the publication condition
        # too, SQLite walks the (status, time) index over the whole archive.
        shown = ExpressionWrapper(is_public(), output_field=BooleanField())
        articles = (
            Article.objects.filter(pk__range=pk_range(number))
            .order_by("pk")
            .values_list("slug", W3CDateTime("updated_at"), shown)
        )
        # One reverse() for the page, not one per entry: a slug needs no escaping.
        marker = "--slug--"
        address = escape(request.build_absolute_uri(reverse("articles:detail", args=[marker])))
        return xml_response(
            "urlset",
            [
                ARTICLE_ENTRY.format(location=address.replace(marker, slug), lastmod=updated_at)
                for slug, updated_at, is_shown in articles
                if is_shown
            ],
        )

    return cached_page(request, render_page, allowed_parameters={"p"})
