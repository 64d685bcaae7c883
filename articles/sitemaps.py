"""The sitemap: an index of pages of at most PAGE_SIZE entries, oldest first.

Oldest first keeps every full page the same as articles are added (only the
last one grows), so search engines re-read one page, not all of them. Each
page's `lastmod` in the index is its newest entry's (each entry carries its
own in the page). A page holds 1,000 entries whatever the size of the
archive: a page costs the same at 1,000 and at 100,000 articles.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.template.response import TemplateResponse
from django.urls import reverse

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
    """[(page number, its lastmod)] for the articles' sitemap: a page's lastmod
    is its newest entry's. Costs one walk of the (status, time) index for the
    ids, and one look-up of a row per page."""
    ids = list(Article.objects.published().order_by(*OLDEST_FIRST).values_list("pk", flat=True))
    newest_ids = [
        ids[min(start + PAGE_SIZE, len(ids)) - 1] for start in range(0, len(ids), PAGE_SIZE)
    ]
    changed = dict(Article.objects.filter(pk__in=newest_ids).values_list("pk", "updated_at"))
    return [(number, changed[pk]) for number, pk in enumerate(newest_ids, 1)]


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
