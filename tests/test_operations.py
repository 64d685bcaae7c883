"""What operators rely on: /healthz, one log line per request, the settings
that refuse to start half-configured, and Redis by one setting."""

import json
import logging
import uuid

import pytest

from portal.operations import JsonFormatter
from tests.helpers.manage import run_manage
from tests.helpers.services import REDIS_TEST_DB, delete_redis_keys

pytestmark = pytest.mark.django_db

PRODUCTION = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "ops-test-" + "k" * 50}
# What a probe sees, asked from a fresh process with these settings.
PROBE = (
    "from django.test import Client; "
    "r = Client().get('/healthz', HTTP_HOST='10.0.0.7'); "
    "print(r.status_code, r.content.decode())"
)


def probe(**environment):
    result = run_manage(
        "shell", "-c", PROBE, **PRODUCTION, DJANGO_ALLOWED_HOSTS="congthongtin.hanoi.gov.vn",
        **environment,
    )  # fmt: skip
    status, body = result.stdout.strip().splitlines()[-1].split(" ", 1)
    return int(status), json.loads(body)


def test_healthz_answers_a_probe_by_ip_without_a_session_or_a_cache(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")

    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["oldest_queued_task_seconds"] == 0
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert client.post("/healthz").status_code == 405


def test_healthz_reports_the_oldest_queued_task(client, time_machine):
    from django.utils import timezone

    from comments.tasks import notify_editors

    time_machine.move_to(timezone.now(), tick=False)
    notify_editors.enqueue(1)
    time_machine.shift(90)

    assert client.get("/healthz").json()["oldest_queued_task_seconds"] == 90


def test_healthz_says_503_when_the_database_is_down():
    status, checks = probe(DATABASE_URL="postgres://postgres@127.0.0.1:1/portal")

    assert status == 503
    assert checks == {"database": "error: OperationalError"}


def test_healthz_checks_redis_when_it_is_configured(tmp_path):
    database = f"sqlite:///{tmp_path}/portal.sqlite3"
    run_manage("migrate", "-v0", DJANGO_DEBUG="1", DATABASE_URL=database)

    up = probe(DATABASE_URL=database, REDIS_URL=REDIS_TEST_DB)
    down = probe(DATABASE_URL=database, REDIS_URL="redis://127.0.0.1:1/0")

    assert up == (200, {"database": "ok", "oldest_queued_task_seconds": 0, "redis": "ok"})
    assert down[0] == 503
    assert down[1]["redis"] == "error: ConnectionError"


def test_redis_url_moves_the_cache_and_sessions_to_redis():
    import redis

    prefix = f"test-{uuid.uuid4().hex}"
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; from django.core.cache import cache; "
        "cache.set('probe', 'Hà Nội'); "
        "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)",
        DJANGO_DEBUG="1",
        REDIS_URL=REDIS_TEST_DB,
        DJANGO_CACHE_PREFIX=prefix,
    )

    assert result.stdout.strip().splitlines()[-1] == (
        "django.core.cache.backends.redis.RedisCache django.contrib.sessions.backends.cached_db"
    )
    keys = redis.Redis.from_url(REDIS_TEST_DB).keys(f"{prefix}:*")
    delete_redis_keys(prefix)
    assert len(keys) == 1 and keys[0].endswith(b":probe")


def test_without_redis_each_process_keeps_its_own_cache():
    result = run_manage(
        "shell", "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        DJANGO_DEBUG="1",
    )  # fmt: skip

    assert result.stdout.strip().splitlines()[-1] == (
        "django.core.cache.backends.locmem.LocMemCache"
    )


def test_production_without_allowed_hosts_refuses_to_start():
    result = run_manage("check", **PRODUCTION)

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_one_log_line_per_request_with_its_status_and_duration(client, caplog):
    with caplog.at_level(logging.INFO, logger="portal.requests"):
        client.get("/khong-co-trang-nay/", {"q": "0912 345 678"})
        client.get("/healthz")

    lines = [record for record in caplog.records if record.name == "portal.requests"]
    assert [(r.method, r.path, r.status) for r in lines] == [
        ("GET", "/khong-co-trang-nay/", 404),
        ("GET", "/healthz", 200),
    ]
    assert all(isinstance(r.duration_ms, float) and r.duration_ms >= 0 for r in lines)
    assert lines[0].getMessage().startswith("GET /khong-co-trang-nay/ 404 ")
    assert "345" not in lines[0].getMessage()  # no query string: no phone number


def test_log_lines_are_json_when_asked():
    record = logging.LogRecord(
        "portal.requests", logging.INFO, __file__, 1, "%s", ("Hà Nội",), None
    )
    record.status, record.duration_ms = 200, 3.5

    line = json.loads(JsonFormatter().format(record))

    assert line["message"] == "Hà Nội"
    assert (line["level"], line["logger"], line["status"], line["duration_ms"]) == (
        "INFO",
        "portal.requests",
        200,
        3.5,
    )


def test_the_log_format_setting_reaches_the_console():
    result = run_manage(
        "shell", "-c",
        "import logging; logging.getLogger('portal.requests').info('xin chào')",
        DJANGO_DEBUG="1", DJANGO_LOG_FORMAT="json",
    )  # fmt: skip

    [line] = [line for line in result.stderr.splitlines() if "xin chào" in line]
    assert json.loads(line)["message"] == "xin chào"
