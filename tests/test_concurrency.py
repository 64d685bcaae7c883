"""Many readers at once against a real server (gunicorn, several processes).

The server runs on its own database: a SQLite file, or a new PostgreSQL
database when the suite itself runs on PostgreSQL (`make test-scale`).
"""

import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from django.db import connection

from tests.conftest import ROOT, SEED_PATH

pytestmark = pytest.mark.slow

CLIENTS = 16
SUBMISSIONS_PER_CLIENT = 13  # 208 in all
NOTICES = 300
FLOOD_LIMIT = 3
MIN_SECONDS = 1
ARTICLE_PATH = re.compile(r'href="(/bai-viet/tap-trung[^"]+)"')
FORM_VALUES = {
    name: re.compile(rf'name="{name}" value="([^"]*)"')
    for name in ("csrfmiddlewaretoken", "captcha_0", "started")
}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Database:
    """The server's own database, and a way to read captcha answers from it."""

    def __init__(self, tmp_path):
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.path = tmp_path / "portal.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            base = connection.settings_dict
            self.name = f"portal_live_{uuid.uuid4().hex[:8]}"
            self.url = (
                f"postgres://{base['USER']}@{base['HOST'] or '127.0.0.1'}:"
                f"{base['PORT'] or 5432}/{self.name}"
            )
            self.admin(f'CREATE DATABASE "{self.name}"')

    def admin(self, statement):
        import psycopg

        base = connection.settings_dict
        with psycopg.connect(
            host=base["HOST"] or "127.0.0.1",
            port=base["PORT"] or 5432,
            user=base["USER"],
            dbname="postgres",
            autocommit=True,
        ) as admin_connection:
            admin_connection.execute(statement)

    def query(self, sql, *params):
        if self.vendor == "sqlite":
            with sqlite3.connect(self.path, timeout=30) as reader:
                return reader.execute(sql, params).fetchall()
        import psycopg

        with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as reader:
            return reader.execute(sql.replace("?", "%s"), params).fetchall()

    def captcha_answer(self, key):
        """The answer, or "" once another reader who drew the same pooled
        captcha has used it up (the image is gone for this reader too)."""
        rows = self.query("SELECT response FROM captcha_captchastore WHERE hashkey = ?", key)
        return rows[0][0] if rows else ""

    def drop(self):
        if self.vendor != "sqlite":
            self.admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("live")
    database = Database(tmp_path)
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "concurrency-test-" + "s3cr3t" * 10,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database.url,
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        # One proxy in front: each simulated reader gets its own address.
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
        "DJANGO_COMMENT_RATE_LIMITS": f"{FLOOD_LIMIT}/60,1000/86400",
        "DJANGO_COMMENT_MIN_SECONDS": str(MIN_SECONDS),
    }

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, check=True,
            capture_output=True, timeout=600,
        )  # fmt: skip

    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")
    manage("import_notices", str(SEED_PATH))
    manage("captcha_create_pool", "--pool-size", "5000")
    port = free_port()
    log = open(tmp_path / "gunicorn.log", "w+")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "4", "--threads", "4", "--timeout", "120"],
        cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    wait_until_up(port)
    article_path = ARTICLE_PATH.search(request(port, "GET", "/")[1]).group(1)
    yield {
        "port": port,
        "database": database,
        "environment": environment,
        "log": log,
        "article_path": article_path,
    }
    process.terminate()
    process.wait(timeout=30)
    log.close()
    database.drop()


def wait_until_up(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start")


def request(port, method, path, body=None, headers=None):
    conversation = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conversation.request(method, path, body=body, headers=headers or {})
        response = conversation.getresponse()
        return response.status, response.read().decode(), response.getheader("Set-Cookie", "")
    finally:
        conversation.close()


class Reader:
    """One browser: opens the article, writes, solves the captcha, sends."""

    def __init__(self, server, address):
        self.port = server["port"]
        self.database = server["database"]
        self.article_path = server["article_path"]
        self.address = address

    def open_form(self):
        status, page, cookie = request(
            self.port, "GET", self.article_path, headers={"X-Forwarded-For": self.address}
        )
        assert status == 200
        values = {name: pattern.search(page).group(1) for name, pattern in FORM_VALUES.items()}
        csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)
        comment_path = re.search(r'action="(/binh-luan/\d+/)#viet-binh-luan"', page).group(1)
        return comment_path, csrf_cookie, values

    def send(self, form, content):
        comment_path, csrf_cookie, values = form
        body = urlencode({
            **values,
            "captcha_1": self.database.captcha_answer(values["captcha_0"]),
            "name": "Bạn đọc Hà Nội",
            "title": "Ý kiến về công tác phục vụ Đại hội",
            "content": content,
        })  # fmt: skip
        status, page, _ = request(
            self.port,
            "POST",
            comment_path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={csrf_cookie}",
                "X-Forwarded-For": self.address,
            },
        )
        return status, page


def write_notices(folder, count):
    folder.mkdir()
    for number in range(count):
        minute = f"{number % 60:02d}"
        (folder / f"{number:04d}.txt").write_text(
            f"Thông báo số {number} của Văn phòng UBND thành phố (08:{minute} 02/12/2020)\n\n"
            f"HNP - Ngày 1/12, Văn phòng UBND thành phố ban hành thông báo số {number}.\n\n"
            "Các sở, ngành triển khai thực hiện nghiêm túc.\n\nMinh Anh\n",
            encoding="utf-8",
        )
    return folder


def one_client(server, client_number, results):
    forms = []
    for round_number in range(SUBMISSIONS_PER_CLIENT):
        address = f"10.{client_number}.{round_number}.1"  # a reader of its own
        reader = Reader(server, address)
        forms.append((reader, reader.open_form(), f"Góp ý {client_number}-{round_number} ✓"))
    time.sleep(MIN_SECONDS + 0.2)  # people take time to write
    for reader, form, content in forms:
        status, page = reader.send(form, content)
        results.append((status, content, page))


def test_parallel_comments_during_an_import_are_each_stored_once(server, tmp_path):
    notices = write_notices(tmp_path / "notices", NOTICES)
    results = []
    importer = subprocess.Popen(
        [sys.executable, "manage.py", "import_notices", str(notices)],
        cwd=ROOT, env=server["environment"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    backup = tmp_path / "during-load.sqlite3"
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        clients = [
            pool.submit(one_client, server, client_number, results)
            for client_number in range(CLIENTS)
        ]
        if server["database"].vendor == "sqlite":
            subprocess.run(
                [sys.executable, "manage.py", "backup_database", str(backup)],
                cwd=ROOT, env=server["environment"], check=True, timeout=300,
                capture_output=True,
            )  # fmt: skip
    imported_out, imported_err = importer.communicate(timeout=600)
    for client in clients:
        client.result()  # a client that failed fails the test

    assert len(results) == CLIENTS * SUBMISSIONS_PER_CLIENT
    statuses = [status for status, _, _ in results]
    assert all(status < 500 for status in statuses), statuses
    accepted = [content for status, content, _ in results if status == 302]
    # A pooled captcha drawn by two readers answers the first one only.
    assert len(accepted) >= 0.9 * len(results)
    stored = server["database"].query("SELECT content FROM comments_comment")
    assert sorted(row[0] for row in stored) == sorted(accepted)
    for status, _, page in results:
        if status != 302:
            assert status == 400
            assert "Mã xác nhận" in page
    assert importer.returncode == 0, imported_err
    assert f"tạo mới {NOTICES}" in imported_out
    server["log"].seek(0)
    log = server["log"].read()
    assert "database is locked" not in log
    assert "Traceback" not in log
    if backup.exists():
        with sqlite3.connect(backup) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_flood_limit_holds_when_one_address_sends_at_once(server):
    address = "198.51.100.77"
    readers = [Reader(server, address) for _ in range(20)]
    forms = [reader.open_form() for reader in readers]
    time.sleep(MIN_SECONDS + 0.2)
    start = threading.Barrier(len(readers))

    def send(index):
        start.wait()
        return readers[index].send(forms[index], f"Cùng lúc {index}")[0]

    with ThreadPoolExecutor(max_workers=len(readers)) as pool:
        statuses = list(pool.map(send, range(len(readers))))

    assert sorted(statuses) == [302] * FLOOD_LIMIT + [429] * (len(readers) - FLOOD_LIMIT)
    stored = server["database"].query(
        "SELECT COUNT(*) FROM comments_comment WHERE ip_address = ?", address
    )
    assert stored[0][0] == FLOOD_LIMIT


def test_static_files_are_served_by_the_app_server(server):
    status, page, _ = request(server["port"], "GET", "/")
    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]+\.css)"', page).group(1)

    assert request(server["port"], "GET", stylesheet)[0] == 200


def test_gunicorn_log_has_no_errors(server):
    server["log"].seek(0)
    assert "Traceback" not in server["log"].read()
