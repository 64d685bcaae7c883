from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project package: its management commands, and what ties the site together."""

    name = "portal"
    verbose_name = "Cổng"

    def ready(self):
        from django.contrib import admin

        from .admin_base import harden_registered_admins

        harden_registered_admins(admin.site)
