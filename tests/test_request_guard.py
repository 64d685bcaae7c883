"""Bodies in another charset and NUL characters get our 400 page, with every
security header, on any URL; so do Django's own refusals (bad Host, CSRF)
and static files."""

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from tests.helpers.factories import make_article, make_editor
from tests.helpers.html import visible_text

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = [
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
]


def assert_secured(response):
    for header in SECURITY_HEADERS:
        assert response.has_header(header), header
    assert response["X-Frame-Options"] == "DENY"


def post_urls():
    article = make_article()
    return [
        reverse("comments:post", kwargs={"article_id": article.pk}),
        reverse("admin:login"),
        reverse("admin:comments_comment_changelist"),
        reverse("articles:search"),
        "/khong-co-trang-nay/",
    ]


@pytest.mark.parametrize(
    "charset", ["ISO-8859-1", "utf-16", "UTF-16LE", "windows-1258", "no-such-charset", "utf8"]
)
@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "multipart/form-data; boundary=b"]
)
def test_a_body_declared_in_another_charset_is_refused_on_any_url(charset, content_type):
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    for url in post_urls():
        response = browser.generic(
            "POST",
            url,
            b"name=Nguy%E1%BB%85n&content=%E9",
            f"{content_type}; charset={charset}",
        )

        assert response.status_code == 400, url
        assert "Dữ liệu gửi lên phải dùng bảng mã UTF-8." in visible_text(response.content.decode())
        assert_secured(response)
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "Utf-8"])
def test_utf8_declared_is_fine(client, charset):
    response = client.generic(
        "POST", reverse("admin:login"), b"username=a&password=b",
        f"application/x-www-form-urlencoded; charset={charset}",
    )  # fmt: skip

    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/tim-kiem/?q=%00",
        "/luu-tru/?ngay=2020-11-14&chuyenmuc=a%00b",
        "/?page=1%00",
        "/bai-viet/%00/",
        "/captcha/refresh/?started=%00",
    ],
)
def test_nul_in_the_url_is_refused(client, url):
    response = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})

    assert response.status_code == 400
    assert "ký tự NUL" in visible_text(response.content.decode())
    assert_secured(response)


def test_nul_in_admin_filters_and_forms_is_refused(client):
    client.force_login(make_editor())

    changelist = client.get(reverse("admin:comments_comment_changelist"), {"status": "\x00"})
    action = client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": "1\x00"},
    )

    assert changelist.status_code == action.status_code == 400


def test_nul_in_a_header_or_cookie_is_refused(client):
    assert client.get("/", headers={"user-agent": "Mozilla\x00"}).status_code == 400
    client.cookies["sessionid"] = "abcdefgh\x00"
    assert client.get("/").status_code == 400


def test_nul_in_a_comment_field_is_the_fields_error_and_the_text_is_kept(client, comment_data):
    article = make_article()
    data = comment_data(article, content="Đường Láng\x00 hay tắc.")
    response = client.post(reverse("comments:post", kwargs={"article_id": article.pk}), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Có ký tự điều khiển không hợp lệ" in html
    assert "Đường Láng hay tắc.</textarea>" in html


@pytest.fixture
def comment_data(client):
    from tests.helpers.forms import open_form, solve

    def fill(article, **fields):
        form = open_form(client, article)
        return {
            "name": "Ngô Thị Lan",
            "title": "Góp ý",
            "content": "",
            "captcha_1": solve(form["captcha_0"]),
            **form,
            **fields,
        }

    return fill


def test_djangos_own_refusals_carry_the_security_headers(settings):
    settings.ALLOWED_HOSTS = ["congthongtin.hanoi.gov.vn"]
    browser = Client(enforce_csrf_checks=True)

    bad_host = browser.get("/", headers={"host": "evil.example"})
    settings.ALLOWED_HOSTS = ["testserver"]
    no_csrf = browser.post(reverse("admin:login"), {"username": "a", "password": "b"})

    assert bad_host.status_code == 400
    assert no_csrf.status_code == 403
    assert_secured(bad_host)
    assert_secured(no_csrf)


def test_static_files_carry_the_security_headers(settings, tmp_path):
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)

    response = Client().get("/static/css/portal.css")  # a new client: WhiteNoise reads STATIC_ROOT
    response.close()

    assert response.status_code == 200
    assert_secured(response)
