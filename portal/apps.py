from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project package: its management commands, and what ties the site together."""

    name = "portal"
    verbose_name = "Cổng"

    def ready(self):
        from django.contrib import admin
        from django.db.models.signals import post_migrate

        from .admin_base import harden_registered_admins
        from .content import install_triggers

        harden_registered_admins(admin.site)
        post_migrate.connect(install_triggers, sender=self)
