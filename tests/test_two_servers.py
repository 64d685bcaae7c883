"""Two app servers, one site: two gunicorn servers on different ports share
one PostgreSQL database and one Redis, as two machines behind a load
balancer would. What a reader or an editor does on one is what the other
shows, and the limits count across both."""

import re
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from tests.helpers.live import LivePortal, Reader, free_port, request, wait_until_up, write_notices
from tests.helpers.paths import ROOT
from tests.helpers.services import POSTGRES, REDIS_TEST_DB, delete_redis_keys

pytestmark = [pytest.mark.live, pytest.mark.slow]

FLOOD_LIMIT = 3
EDITOR_PASSWORD = "mat-khau-rat-dai-2026"


class SecondServer:
    """Another gunicorn on the same settings: another machine of the site."""

    def __init__(self, portal, tmp_path):
        self.port = free_port()
        self.database, self.article_path = portal.database, portal.article_path
        self.log = open(tmp_path / "second.log", "w+")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", "2", "--threads", "2"],
            cwd=ROOT, env=portal.environment, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_until_up(self.port)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two-servers")
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    first = LivePortal(
        folder,
        postgres=POSTGRES,
        workers=2,
        threads=2,
        REDIS_URL=REDIS_TEST_DB,
        DJANGO_CACHE_PREFIX=prefix,
        DJANGO_COMMENT_RATE_LIMITS=f"{FLOOD_LIMIT}/86400",
        DJANGO_COMMENT_MIN_SECONDS="0",
    )
    second = SecondServer(first, folder)
    first.manage(
        "shell", "-c",
        "from django.contrib.auth.models import Group, User; "
        f"u = User.objects.create_user('bientap', password={EDITOR_PASSWORD!r}, is_staff=True); "
        "u.groups.add(Group.objects.get(name='Biên tập viên'))",
    )  # fmt: skip
    yield first, second
    second.stop()
    first.stop()
    delete_redis_keys(prefix)


class Editor:
    """An editor's browser on one server's admin: a session and its CSRF token."""

    def __init__(self, port):
        self.port = port
        status, page, cookie = request(port, "GET", "/quan-tri/login/")
        self.cookies = {"csrftoken": re.search(r"csrftoken=([^;]+)", cookie).group(1)}
        status, _, cookie = self.post(
            "/quan-tri/login/",
            {"username": "bientap", "password": EDITOR_PASSWORD, "next": "/quan-tri/"},
            page,
        )
        assert status == 302, "login refused"
        self.cookies["sessionid"] = re.search(r"sessionid=([^;]+)", cookie).group(1)

    def header(self):
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def get(self, path):
        return request(self.port, "GET", path, headers={"Cookie": self.header()})

    def post(self, path, fields, page):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return request(
            self.port, "POST", path,
            body=urlencode({**fields, "csrfmiddlewaretoken": token}),
            headers={"Cookie": self.header(), "Content-Type": "application/x-www-form-urlencoded",
                     "Referer": f"http://127.0.0.1:{self.port}/quan-tri/"},
        )  # fmt: skip


def test_a_comment_posted_on_one_is_approved_on_the_other_and_shown_on_the_first(site):
    first, second = site
    reader = Reader(first, "10.20.30.40")
    form = reader.open_form()  # the captcha drawn by the first server
    reader.port = second.port  # ...answered on the second
    status, page = reader.send(form, "Đề nghị lát lại vỉa hè phố Huế. ✓")
    assert status == 302, page
    [(comment_id,)] = first.database.query(
        "SELECT id FROM comments_comment WHERE content = ?", "Đề nghị lát lại vỉa hè phố Huế. ✓"
    )
    before = request(first.port, "GET", first.article_path)[1]  # cached on the first
    assert "vỉa hè phố Huế" not in before

    editor = Editor(second.port)
    _, page, _ = editor.get(f"/quan-tri/comments/comment/{comment_id}/change/")
    status, _, _ = editor.post(
        f"/quan-tri/comments/comment/{comment_id}/quyet-dinh/",
        {"_approve": "Duyệt", "trang_thai_da_xem": "pending"},
        page,
    )
    assert status == 302
    assert first.database.query("SELECT status FROM comments_comment WHERE id = ?", comment_id) == [
        ("approved",)
    ]

    after = request(first.port, "GET", first.article_path)[1]
    assert "Đề nghị lát lại vỉa hè phố Huế. ✓" in after


def test_the_flood_limit_counts_across_both_servers(site):
    first, second = site
    statuses = []
    for number in range(FLOOD_LIMIT + 1):
        server = (first, second)[number % 2]
        reader = Reader(server, "10.99.0.1")
        statuses.append(reader.send(reader.open_form(), f"Ý kiến số {number}")[0])

    assert statuses == [302] * FLOOD_LIMIT + [429]


def test_an_import_while_both_serve_loses_nothing(site, tmp_path):
    first, second = site
    notices = write_notices(tmp_path / "notices", 120)
    (before,) = first.database.query("SELECT count(*) FROM articles_article")[0]
    importer = subprocess.Popen(
        [sys.executable, "manage.py", "import_notices", str(notices)],
        cwd=ROOT, env=first.environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    with ThreadPoolExecutor(max_workers=4) as pool:
        pages = list(
            pool.map(lambda n: request((first, second)[n % 2].port, "GET", "/")[0], range(60))
        )
    _, errors = importer.communicate(timeout=600)

    assert importer.returncode == 0, errors
    assert set(pages) == {200}
    (after,) = first.database.query("SELECT count(*) FROM articles_article")[0]
    assert after == before + 120
    [(slug,)] = first.database.query(
        "SELECT slug FROM articles_article WHERE title LIKE ?", "Thông báo số 119 %"
    )
    for server in (first, second):  # each server shows it at once
        status, page, _ = request(server.port, "GET", f"/bai-viet/{slug}/")
        assert status == 200 and "Thông báo số 119" in page
