import pytest
from django.core.management import call_command

from tests.helpers.factories import make_article
from tests.helpers.manage import run_manage

pytestmark = pytest.mark.django_db


def test_production_without_secret_key_refuses_to_start():
    result = run_manage("check", DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "DJANGO_DEBUG=1" in result.stderr


def test_production_with_secret_key_starts():
    result = run_manage(
        "check",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="congthongtin.hanoi.gov.vn",
    )

    assert result.returncode == 0, result.stderr


def test_database_url_selects_the_database(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection as c; print(c.vendor, c.settings_dict['NAME'])",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path}/other.sqlite3",
    )

    assert result.stdout.splitlines()[-1] == f"sqlite {tmp_path}/other.sqlite3"


def test_sqlite_is_set_up_for_concurrent_writers(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection as c; cursor = c.cursor(); "
        "print(c.settings_dict['OPTIONS']['transaction_mode'], "
        "cursor.execute('PRAGMA journal_mode').fetchone()[0], "
        "cursor.execute('PRAGMA synchronous').fetchone()[0], "
        "cursor.execute('PRAGMA busy_timeout').fetchone()[0])",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path}/portal.sqlite3",
    )

    # IMMEDIATE transactions, write-ahead log, NORMAL (1) sync, 20 s of patience.
    assert result.stdout.splitlines()[-1] == "IMMEDIATE wal 1 20000"


def test_pages_render_with_debug_off_after_collectstatic(client, settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    article = make_article()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/css/base." in html
    assert "/static/css/base.css" not in html  # the hashed name is used
    assert (tmp_path / "static" / "css" / "base.css").exists()
