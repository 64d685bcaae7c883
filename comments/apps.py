from django.apps import AppConfig


class CommentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "comments"
    verbose_name = "Bình luận"

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_migrate

        from .audio import check_program
        from .search import ensure_search_index

        checks.register(check_program)
        post_migrate.connect(ensure_search_index, sender=self)
