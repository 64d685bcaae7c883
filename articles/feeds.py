from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import escape

from .models import Article, Category

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    title = settings.SITE_NAME
    link = "/"
    description = f"Tin bài mới đăng trên {settings.SITE_NAME}."
    language = "vi"

    def items(self):
        return Article.objects.published().listed()[:FEED_SIZE]

    # Feed readers show titles and descriptions as HTML: what a notice says is
    # text, so a "<b>" typed in it must reach them as "&lt;b&gt;".
    def item_title(self, item):
        return escape(item.title)

    def item_description(self, item):
        return escape(item.lead)

    # In Hanoi time, as the portal shows it.
    def item_pubdate(self, item):
        return timezone.localtime(item.published_at)

    def item_updateddate(self, item):
        return timezone.localtime(item.updated_at)

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return f"{category.name} - {settings.SITE_NAME}"

    def link(self, category):
        return category.get_absolute_url()

    def description(self, category):
        return f"Tin bài mới đăng trong chuyên mục {category.name}."

    def items(self, category):
        return Article.objects.published().in_category(category).listed()[:FEED_SIZE]
