import os

import hypothesis
import pytest
from django.core.cache import cache

from tests.helpers.clients import BrowserLikeClient
from tests.helpers.paths import SEED_PATH

# How hard the property tests look: `make test` tries 150 examples of each,
# `make test-fast` (HYPOTHESIS_PROFILE=fast) 20.
hypothesis.settings.register_profile("thorough", max_examples=150)
hypothesis.settings.register_profile("fast", max_examples=20)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "thorough"))


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
    """Point Django's SMTP backend at a local port (see tests/helpers/mailserver.py)."""

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


@pytest.fixture
def client():
    return BrowserLikeClient()


@pytest.fixture
def editor_client(client):
    """The test client, logged in as a member of the editors' group."""
    from tests.helpers.factories import make_editor

    client.force_login(make_editor())
    return client
