from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Bài viết"

    def ready(self):
        from . import sitemap_pages
        from .search_index import ensure_search_index

        post_migrate.connect(ensure_search_index, sender=self)
        post_migrate.connect(sitemap_pages.install, sender=self)
