"""Many readers at once against a real server (gunicorn, several processes).

The server runs on its own database: a SQLite file, or a new PostgreSQL
database when the suite itself runs on PostgreSQL (`make test-postgres`).
"""

import re
import sqlite3
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from django.db import connection

from tests.helpers.live import LivePortal, Reader, request, write_notices
from tests.helpers.paths import ROOT

pytestmark = [pytest.mark.live, pytest.mark.slow]

CLIENTS = 16
SUBMISSIONS_PER_CLIENT = 13  # 208 in all
NOTICES = 300
FLOOD_LIMIT = 3
REFRESH_LIMIT = 10


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    portal = LivePortal(
        tmp_path_factory.mktemp("live"),
        postgres=connection.settings_dict if connection.vendor == "postgresql" else None,
        # Day-long windows: limits count in fixed windows, and a server in
        # another process cannot have its clock frozen; a minute's window
        # could end in the middle of a test.
        DJANGO_COMMENT_RATE_LIMITS=f"{FLOOD_LIMIT}/86400",
        DJANGO_COMMENT_MIN_SECONDS="0",
        DJANGO_CAPTCHA_REFRESH_LIMIT=f"{REFRESH_LIMIT}/86400",
    )
    yield portal
    portal.stop()


def one_client(server, client_number, results):
    forms = []
    for round_number in range(SUBMISSIONS_PER_CLIENT):
        address = f"10.{client_number}.{round_number}.1"  # a reader of its own
        reader = Reader(server, address)
        forms.append((reader, reader.open_form(), f"Góp ý {client_number}-{round_number} ✓"))
    for reader, form, content in forms:
        status, page = reader.send(form, content)
        results.append((form[2]["captcha_0"], status, content, page))


def test_parallel_comments_during_an_import_are_each_stored_once(server, tmp_path):
    notices = write_notices(tmp_path / "notices", NOTICES)
    results = []
    importer = subprocess.Popen(
        [sys.executable, "manage.py", "import_notices", str(notices)],
        cwd=ROOT, env=server.environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    backup = tmp_path / "during-load.sqlite3"
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        clients = [
            pool.submit(one_client, server, client_number, results)
            for client_number in range(CLIENTS)
        ]
        if server.database.postgres is None:  # SQLite: back up during the load
            subprocess.run(
                [sys.executable, "manage.py", "backup_database", str(backup)],
                cwd=ROOT, env=server.environment, check=True, timeout=300,
                capture_output=True,
            )  # fmt: skip
    imported_out, imported_err = importer.communicate(timeout=600)
    for client in clients:
        client.result()  # a client that failed fails the test

    assert len(results) == CLIENTS * SUBMISSIONS_PER_CLIENT
    # Readers who opened the article at the same time each got a captcha of
    # their own, so every comment passed: none was spoilt by another reader.
    keys = [key for key, _, _, _ in results]
    assert len(set(keys)) == len(keys)
    assert [status for _, status, _, _ in results] == [302] * len(results)
    stored = server.database.query("SELECT content FROM comments_comment")
    assert sorted(row[0] for row in stored) == sorted(content for _, _, content, _ in results)
    assert importer.returncode == 0, imported_err
    assert f"tạo mới {NOTICES}" in imported_out
    log = server.log_text()
    assert "database is locked" not in log
    assert "Traceback" not in log
    if backup.exists():
        with sqlite3.connect(backup) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_flood_limit_holds_when_one_address_sends_at_once(server):
    address = "198.51.100.77"
    readers = [Reader(server, address) for _ in range(20)]
    forms = [reader.open_form() for reader in readers]

    statuses = at_once(
        len(readers), lambda index: readers[index].send(forms[index], f"Cùng lúc {index}")[0]
    )

    assert sorted(statuses) == [302] * FLOOD_LIMIT + [429] * (len(readers) - FLOOD_LIMIT)
    stored = server.database.query(
        "SELECT COUNT(*) FROM comments_comment WHERE ip_address = ?", address
    )
    assert stored[0][0] == FLOOD_LIMIT


def at_once(count, action):
    """Run action(index) for each index from threads released together."""
    start = threading.Barrier(count)

    def run(index):
        start.wait()
        return action(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_a_form_sent_several_times_at_once_is_stored_once(server):
    reader = Reader(server, "198.51.100.88")
    form = reader.open_form()

    statuses = at_once(5, lambda index: reader.send(form, "Bấm Gửi nhiều lần liền")[0])

    assert statuses == [302] * 5  # each click is thanked; none sees a captcha error
    stored = server.database.query(
        "SELECT COUNT(*) FROM comments_comment WHERE content = ?", "Bấm Gửi nhiều lần liền"
    )
    assert stored[0][0] == 1


def test_captcha_refresh_limit_holds_when_one_network_asks_at_once(server):
    reader = Reader(server, "2001:db8:77::1")
    _, _, values = reader.open_form()
    before = server.database.query("SELECT COUNT(*) FROM captcha_captchastore")[0][0]

    statuses = at_once(
        25,
        lambda index: request(
            server.port,
            "GET",
            f"/captcha/refresh/?{urlencode({'started': values['started']})}",
            headers={
                "X-Requested-With": "XMLHttpRequest",
                "X-Forwarded-For": f"2001:db8:77::{index + 2:x}",
            },
        )[0],
    )

    assert sorted(statuses) == [200] * REFRESH_LIMIT + [429] * (25 - REFRESH_LIMIT)
    after = server.database.query("SELECT COUNT(*) FROM captcha_captchastore")[0][0]
    assert after - before <= REFRESH_LIMIT


def test_static_files_are_served_by_the_app_server(server):
    status, page, _ = request(server.port, "GET", "/")
    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]+\.css)"', page).group(1)

    assert request(server.port, "GET", stylesheet)[0] == 200


def test_gunicorn_log_has_no_errors(server):
    assert "Traceback" not in server.log_text()
