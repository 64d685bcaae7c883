from django.db import models


class ContentVersion(models.Model):
    """One row whose (random) number changes whenever something readers see changes.

    Database triggers bump it (portal/content.py installs them), so every
    way of writing counts: saves, bulk inserts, `update()`, imports,
    `loaddata`, raw SQL. Cached pages are keyed by it, so every process and
    every server agrees on what is stale without being told.
    """

    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "phiên bản nội dung"
        verbose_name_plural = "phiên bản nội dung"

    def __str__(self):
        return str(self.version)
