import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.helpers.factories import make_article, make_comment
from tests.helpers.manage import run_manage

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "production-like-secret-" + "k3y" * 20,
    "DJANGO_ALLOWED_HOSTS": "congthongtin.hanoi.gov.vn",
}


def test_check_deploy_warns_only_about_the_proxys_https_redirect():
    result = run_manage("check", "--deploy", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("?: (")]
    assert [line.split(")")[0] + ")" for line in warnings] == ["?: (security.W008)"]


def test_https_redirect_and_hsts_are_settings():
    printed = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS,"
        " s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.SESSION_COOKIE_HTTPONLY)",
        DJANGO_SECURE_SSL_REDIRECT="1",
        DJANGO_SECURE_HSTS_PRELOAD="0",
        **PRODUCTION,
    )

    assert printed.stdout.splitlines()[-1] == "True 31536000 True False True True True True"


def test_security_headers_on_every_page(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    article = make_article()

    for url in ["/", article.get_absolute_url(), "/tim-kiem/?q=x", "/khong-co/"]:
        response = client.get(url, secure=True)

        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_pages_carry_no_inline_script(client):
    html = client.get(make_article().get_absolute_url()).content.decode()

    assert "<script>" not in html
    assert " onclick=" not in html and "javascript:" not in html
    assert '<script src="/static/js/portal.js" defer></script>' in html


def test_cookies_are_secure_and_http_only_in_production(client):
    # The suite runs with DJANGO_DEBUG=0: the project's production settings.
    article = make_article()
    page = client.get(article.get_absolute_url(), secure=True)
    session = client.get(
        reverse("comments:session", kwargs={"article_id": article.pk}),
        secure=True,
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert "csrftoken" not in page.cookies  # the page every reader shares sets nothing
    csrf = session.cookies["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"


def test_admin_address_is_a_setting():
    printed = run_manage(
        "shell",
        "-c",
        "from django.urls import reverse; print(reverse('admin:index'))",
        DJANGO_ADMIN_URL="ban-bien-tap-2026",
        DJANGO_DEBUG="1",
    )

    assert printed.stdout.splitlines()[-1] == "/ban-bien-tap-2026/"


def test_admin_login_is_throttled(client):
    User.objects.create_superuser("bientap", "bt@hanoi.gov.vn", "mat-khau-that-dung-2026")
    login = reverse("admin:login")

    statuses = [
        client.post(login, {"username": "bientap", "password": f"sai-{attempt}"}).status_code
        for attempt in range(5)
    ]
    locked = client.post(login, {"username": "bientap", "password": "mat-khau-that-dung-2026"})

    assert statuses == [200, 200, 200, 200, 429]  # the form again, then the lock
    assert locked.status_code == 429
    assert "Tạm khoá đăng nhập" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_login_works_before_the_limit(client):
    User.objects.create_superuser("bientap", "bt@hanoi.gov.vn", "mat-khau-that-dung-2026")
    login = reverse("admin:login")
    client.post(login, {"username": "bientap", "password": "sai"})

    response = client.post(
        login, {"username": "bientap", "password": "mat-khau-that-dung-2026", "next": "/quan-tri/"}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_commenter_contact_is_never_public(client):
    article = make_article()
    make_comment(article, status="approved", phone="+84987654321", ip_address="203.113.1.2")

    for url in [article.get_absolute_url(), "/rss/", "/sitemap.xml", "/tim-kiem/?q=ý+kiến"]:
        body = client.get(url).content.decode()
        assert "987654321" not in body
        assert "203.113.1.2" not in body
