from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "seeds" / "000_39ba539a738d8007.txt"


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # The manifest storage needs `collectstatic` first; tests render pages without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def seed_bytes():
    return SEED_PATH.read_bytes()


@pytest.fixture
def seed_text(seed_bytes):
    return seed_bytes.decode("utf-8")
