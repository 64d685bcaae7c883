"""Public pages read the replica; writes, the admin, the comment path and a
client that has just posted read the primary. A second PostgreSQL database
stands in for the replica: each database holds a different article, so a
page shows which one it read."""

import pytest

from portal import replica
from portal.replica import RECENT_WRITE_COOKIE, ReplicaRouter
from tests.helpers.live import Database
from tests.helpers.manage import run_manage
from tests.helpers.services import POSTGRES

SETTINGS = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "replica-" + "r" * 50}
SETTINGS["DJANGO_ALLOWED_HOSTS"] = "testserver"
SETTINGS["DJANGO_SECURE_COOKIES"] = "0"
# The test settings: static files without `collectstatic`.
SETTINGS["DJANGO_SETTINGS_MODULE"] = "tests.settings"

WRITE_ARTICLE = (
    "from articles.models import Article, Category; from django.utils import timezone; "
    "Article.objects.create(title={title!r}, slug={slug!r}, lead='Tin', "
    "category=Category.objects.first(), published_at=timezone.now(), status='published')"
)
# What a reader, a reader who has just posted, and an editor see, in one process.
VISITS = """
from django.contrib.auth.models import User
from django.test import Client
from portal.replica import RECENT_WRITE_COOKIE
def shows(response):
    text = response.content.decode()
    return ",".join(w for w in ("chính", "sao") if f"Tin bản {w}" in text)
reader = Client()
print("reader", shows(reader.get("/")))
poster = Client()
poster.cookies[RECENT_WRITE_COOKIE] = "1"
print("poster", shows(poster.get("/")))
editor = Client()
editor.force_login(User.objects.create_superuser("bientap", password="x" * 20))
print("editor", shows(editor.get("/quan-tri/articles/article/")))
"""


@pytest.fixture
def primary_and_replica(tmp_path):
    primary, stand_in = Database(tmp_path, POSTGRES), Database(tmp_path, POSTGRES)
    try:
        for database, title, slug in (
            (primary, "Tin bản chính", "tin-ban-chinh"),
            (stand_in, "Tin bản sao", "tin-ban-sao"),
        ):
            for step in (["migrate", "-v0"], ["shell", "-c", WRITE_ARTICLE.format(
                title=title, slug=slug
            )]):  # fmt: skip
                result = run_manage(*step, DJANGO_DEBUG="1", DATABASE_URL=database.url)
                assert result.returncode == 0, result.stderr
        yield primary, stand_in
    finally:
        primary.drop()
        stand_in.drop()


@pytest.mark.slow
def test_public_pages_read_the_replica_and_everything_else_the_primary(primary_and_replica):
    primary, stand_in = primary_and_replica

    result = run_manage(
        "shell", "-c", VISITS,
        **SETTINGS, DATABASE_URL=primary.url, DATABASE_REPLICA_URL=stand_in.url,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-3:] == [
        "reader sao",  # the home page, from the replica
        "poster chính",  # just posted: the primary, for a few seconds
        "editor chính",  # the admin: always the primary
    ]
    # The user was written to the primary, never to the replica.
    assert primary.query("SELECT count(*) FROM auth_user") == [(1,)]
    assert stand_in.query("SELECT count(*) FROM auth_user") == [(0,)]


def test_without_a_replica_there_is_no_router():
    result = run_manage(
        "shell", "-c",
        "from django.conf import settings; print(sorted(settings.DATABASES), "
        "settings.DATABASE_ROUTERS)",
        DJANGO_DEBUG="1",
    )  # fmt: skip

    assert result.stdout.splitlines()[-1] == "['default'] []"


def test_a_request_that_wrote_reads_the_primary_after():
    router = ReplicaRouter()
    token = replica._reads_from_replica.set(True)
    try:
        assert router.db_for_read(None) == "replica"
        assert router.db_for_write(None) == "default"
        assert router.db_for_read(None) == "default"
    finally:
        replica._reads_from_replica.reset(token)
    assert router.db_for_read(None) == "default"  # outside a public page
    assert router.allow_migrate("replica", "articles") is False


@pytest.mark.parametrize(
    ("method", "path", "cookies", "public"),
    [
        ("GET", "/", {}, True),
        ("HEAD", "/bai-viet/tin/", {}, True),
        ("GET", "/", {RECENT_WRITE_COOKIE: "1"}, False),
        ("POST", "/binh-luan/1/", {}, False),
        ("GET", "/binh-luan/1/phien/", {}, False),
        ("GET", "/captcha/refresh/", {}, False),
        ("GET", "/quan-tri/", {}, False),
    ],
)
def test_which_requests_read_the_replica(rf, method, path, cookies, public):
    request = rf.generic(method, path)
    request.COOKIES.update(cookies)
    assert replica.reads_public_page(request) is public
