"""A portal served by gunicorn on a database of its own, and readers to load it.

Used by the concurrency tests and by `make bench`.
"""

import http.client
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from urllib.parse import urlencode

from tests.helpers.paths import ROOT, SEED_PATH

ARTICLE_PATH = re.compile(r'href="(/bai-viet/tap-trung[^"]+)"')


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Database:
    """The server's own database, and a way to read captcha answers from it.

    A SQLite file, or a new PostgreSQL database on the server that
    `postgres` (Django's settings dict of a PostgreSQL connection) points to.
    """

    def __init__(self, tmp_path, postgres=None):
        self.postgres = postgres
        if postgres is None:
            self.path = tmp_path / "portal.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            self.name = f"portal_live_{uuid.uuid4().hex[:8]}"
            self.url = (
                f"postgres://{postgres['USER']}@{postgres['HOST'] or '127.0.0.1'}:"
                f"{postgres['PORT'] or 5432}/{self.name}"
            )
            self.admin(f'CREATE DATABASE "{self.name}"')

    def admin(self, statement):
        import psycopg

        with psycopg.connect(
            host=self.postgres["HOST"] or "127.0.0.1",
            port=self.postgres["PORT"] or 5432,
            user=self.postgres["USER"],
            dbname="postgres",
            autocommit=True,
        ) as admin_connection:
            admin_connection.execute(statement)

    def query(self, sql, *params):
        if self.postgres is None:
            with sqlite3.connect(self.path, timeout=30) as reader:
                return reader.execute(sql, params).fetchall()
        import psycopg

        with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as reader:
            return reader.execute(sql.replace("?", "%s"), params).fetchall()

    def captcha_answer(self, key):
        """The answer a person reads off the form's own captcha."""
        (row,) = self.query("SELECT response FROM captcha_captchastore WHERE hashkey = ?", key)
        return row[0]

    def drop(self):
        if self.postgres is not None:
            self.admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class LivePortal:
    """Migrate, import the seed, serve with gunicorn."""

    def __init__(self, tmp_path, postgres=None, workers=4, threads=4, **settings):
        self.database = Database(tmp_path, postgres)
        self.environment = {
            **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "live-portal-" + "s3cr3t" * 10,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": self.database.url,
            "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            # One proxy in front: each simulated reader may have its own address.
            "DJANGO_TRUSTED_PROXY_COUNT": "1",
            **settings,
        }
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")
        self.manage("import_notices", str(SEED_PATH))
        self.port = free_port()
        self.log = open(tmp_path / "gunicorn.log", "w+")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--threads", str(threads), "--timeout", "120"],
            cwd=ROOT, env=self.environment, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_until_up(self.port)
        self.article_path = ARTICLE_PATH.search(request(self.port, "GET", "/")[1]).group(1)

    def manage(self, *args, **options):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.environment, check=True,
            capture_output=True, text=True, timeout=600, **options,
        )  # fmt: skip

    def log_text(self):
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()
        self.database.drop()


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
    """One HTTP exchange: (status, body text, Set-Cookie)."""
    conversation = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conversation.request(method, path, body=body, headers=headers or {})
        response = conversation.getresponse()
        return response.status, response.read().decode(), response.getheader("Set-Cookie", "")
    finally:
        conversation.close()


class Reader:
    """One browser: opens the article, writes, solves the captcha, sends."""

    def __init__(self, portal, address):
        self.port = portal.port
        self.database = portal.database
        self.article_path = portal.article_path
        self.address = address

    def open_form(self):
        """Open the article (the page every reader shares), then start to
        write: the page's script fetches the form's token and captcha."""
        status, page, _ = request(
            self.port, "GET", self.article_path, headers={"X-Forwarded-For": self.address}
        )
        assert status == 200
        session_path = re.search(r'data-comment-session="([^"]+)"', page).group(1)
        status, body, cookie = request(
            self.port,
            "GET",
            session_path,
            headers={"X-Forwarded-For": self.address, "X-Requested-With": "XMLHttpRequest"},
        )
        assert status == 200, body
        session = json.loads(body)
        values = {
            "csrfmiddlewaretoken": session["csrf_token"],
            "captcha_0": session["key"],
            "started": session["started"],
        }
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
