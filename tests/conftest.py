from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client
from django.test.client import MULTIPART_CONTENT

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "seeds" / "000_39ba539a738d8007.txt"


def pytest_collection_modifyitems(items):
    """Mark tests by what they start, so that `make test-fast` can leave them out."""
    for item in items:
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
        if {"live_server", "browser"} & set(item.fixturenames):
            item.add_marker(pytest.mark.live)


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with no page kept by another (the cache lives in memory)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mail_via(settings):
    """Point Django's SMTP backend at a local port (see tests/mailserver.py)."""

    def point_at(port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        # A silent server would hold the worker this long per attempt.
        settings.EMAIL_TIMEOUT = 1

    return point_at


@pytest.fixture
def seed_bytes():
    return SEED_PATH.read_bytes()


@pytest.fixture
def seed_text(seed_bytes):
    return seed_bytes.decode("utf-8")


class BrowserLikeClient(Client):
    """Posts a dict as browsers post a form: application/x-www-form-urlencoded."""

    def post(self, path, data=None, content_type=None, **extra):
        if content_type is None and isinstance(data, dict):
            encoded = urlencode(data, doseq=True)
            return super().post(path, encoded, "application/x-www-form-urlencoded", **extra)
        return super().post(path, data, content_type or MULTIPART_CONTENT, **extra)


@pytest.fixture
def client():
    return BrowserLikeClient()
