from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project package, installed only for its management commands."""

    name = "portal"
    verbose_name = "Cổng"
