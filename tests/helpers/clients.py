from urllib.parse import urlencode

from django.test import Client
from django.test.client import MULTIPART_CONTENT


class BrowserLikeClient(Client):
    """Posts a dict as browsers post a form: application/x-www-form-urlencoded."""

    def post(self, path, data=None, content_type=None, **extra):
        if content_type is None and isinstance(data, dict):
            encoded = urlencode(data, doseq=True)
            return super().post(path, encoded, "application/x-www-form-urlencoded", **extra)
        return super().post(path, data, content_type or MULTIPART_CONTENT, **extra)
