from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Category


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
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, article):
        return article.updated_at


SITEMAPS = {"home": HomeSitemap, "categories": CategorySitemap, "articles": ArticleSitemap}
