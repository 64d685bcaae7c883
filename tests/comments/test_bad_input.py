"""Nothing a reader or a robot sends becomes a 500 or a half-stored comment."""

import unicodedata
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from comments.models import Comment
from tests.helpers.forms import open_form
from tests.helpers.html import text_of, visible_text

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


def url(article):
    return reverse("comments:post", kwargs={"article_id": article.pk})


def raw_post(client, article, body, content_type=FORM):
    return client.generic("POST", url(article), body, content_type=content_type)


def errors(response):
    return text_of(response.content.decode(), "div", class_="invalid-feedback")


@pytest.mark.parametrize("field", ["name", "phone", "title", "content"])
@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f", "\x85"])
def test_control_characters_are_refused_and_removed_from_the_form(
    client, article, comment_data, field, control
):
    typed = {"name": "Lan", "phone": "0912345678", "title": "Hỏi", "content": "Nội dung"}[field]
    data = comment_data(**{field: f"{typed[:2]}{control}{typed[2:]}"})

    response = client.post(url(article), data)

    assert response.status_code == 400
    assert "Có ký tự điều khiển không hợp lệ" in errors(response)
    assert response.context["form"][field].value() == typed
    assert control not in response.content.decode()
    assert Comment.objects.count() == 0


def test_tabs_and_line_breaks_are_kept(client, article, comment_data):
    content = "Dòng một\r\n\tDòng hai\rDòng ba\n"

    assert client.post(url(article), comment_data(content=content)).status_code == 302
    assert Comment.objects.get().content == content


def test_invalid_utf8_is_refused(client, article, comment_data):
    body = urlencode(comment_data()) + "&content=" + quote(b"N\xe1\xbb\x99i \xff dung")

    response = raw_post(client, article, body.encode())

    assert response.status_code == 400
    assert "không phải văn bản UTF-8 hợp lệ" in visible_text(response.content.decode())
    assert Comment.objects.count() == 0


def test_raw_bytes_that_are_not_utf8_are_refused(client, article, comment_data):
    response = raw_post(client, article, urlencode(comment_data()).encode() + b"&x=\xc3\x28")

    assert response.status_code == 400


def test_ten_megabyte_body_is_refused(client, article, comment_data):
    body = urlencode(comment_data(content="ệ" * (10 * 1024 * 1024 // 9)))
    assert len(body) > 10_000_000

    browser = Client(enforce_csrf_checks=True)
    browser.get(article.get_absolute_url())

    unchecked = raw_post(client, article, body.encode())
    checked = raw_post(browser, article, body.encode())

    assert unchecked.status_code == 413  # our own check
    # With CSRF checks, as in real life, Django refuses it first (over
    # DATA_UPLOAD_MAX_MEMORY_SIZE), with our Vietnamese 400 page.
    assert checked.status_code == 400
    assert "Yêu cầu không hợp lệ" in visible_text(checked.content.decode())
    assert Comment.objects.count() == 0


def test_large_body_under_djangos_limit_gets_our_message(client, article, comment_data):
    response = raw_post(client, article, urlencode(comment_data(content="a" * 500_000)).encode())

    assert response.status_code == 413
    assert "Ý kiến quá dài." in visible_text(response.content.decode())


@pytest.mark.parametrize(("field", "limit"), [("name", 100), ("title", 200), ("content", 5000)])
def test_hundred_thousand_characters_in_a_field(client, article, comment_data, field, limit):
    response = client.post(url(article), comment_data(**{field: "ồ" * 100_000}))

    assert response.status_code in {400, 413}
    assert Comment.objects.count() == 0


def test_the_content_limit_counts_a_line_break_once_as_the_browser_does(
    client, article, comment_data
):
    # 5,000 characters in the browser's count (its maxlength), 500 of them
    # line breaks, which the browser sends as CR LF: 5,500 as sent.
    content = "Hà Nội\r\n" * 500 + "ồ" * (5000 - 7 * 500)
    assert len(content.replace("\r\n", "\n")) == 5000

    accepted = client.post(url(article), comment_data(content=content))
    refused = client.post(url(article), comment_data(content=content + "!"))

    assert accepted.status_code == 302
    assert Comment.objects.get().content == content  # stored as sent
    assert refused.status_code == 400
    assert "Nội dung dài tối đa 5000 ký tự (bạn đã nhập 5001 ký tự)." in refused.content.decode()


def test_many_fields_are_refused(client, article, comment_data):
    body = urlencode(comment_data()) + "".join(f"&x{number}=1" for number in range(200))

    assert raw_post(client, article, body.encode()).status_code == 400


def test_missing_fields(client, article, comment_data):
    data = comment_data()
    response = client.post(url(article), {"started": data["started"]})

    assert response.status_code == 400
    for message in ["Vui lòng nhập họ tên.", "Vui lòng nhập tiêu đề.", "Vui lòng nhập nội dung."]:
        assert message in errors(response)
    assert "Vui lòng nhập mã xác nhận." in errors(response)


def test_extra_fields_are_ignored(client, article, comment_data):
    data = comment_data(status="approved", ip_address="1.1.1.1", moderated_by="1", id="999")

    assert client.post(url(article), data).status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.ip_address == "127.0.0.1"
    assert comment.pk != 999


@pytest.mark.parametrize(
    "key", ["", "0" * 40, "không-phải-khoá", "' OR 1=1 --", "a" * 5000, "../../etc/passwd"]
)
def test_tampered_or_missing_captcha_key(client, article, comment_data, key):
    response = client.post(url(article), comment_data(captcha_0=key))

    assert response.status_code == 400
    assert "mã xác nhận" in errors(response).lower()
    assert Comment.objects.count() == 0


def test_post_to_an_unpublished_or_unknown_article(client, article, comment_data):
    data = comment_data()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)

    response = client.post(url(article), data)

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert client.post("/binh-luan/0/", data).status_code == 404
    assert client.post("/binh-luan/99999999999999999999/", data).status_code == 404
    assert Comment.objects.count() == 0


def test_get_on_the_post_url_explains(client, article):
    response = client.get(url(article))

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "biểu mẫu “Viết bình luận”" in visible_text(response.content.decode())


@pytest.mark.parametrize(
    "content_type", ["application/json", "text/plain", "multipart/form-data; boundary=x", ""]
)
def test_wrong_content_types(client, article, comment_data, content_type):
    response = raw_post(client, article, b'{"name": "robot"}', content_type=content_type)

    assert 400 <= response.status_code < 500
    assert Comment.objects.count() == 0


def test_wrong_content_type_with_a_csrf_header_gets_415(article):
    strict = Client(enforce_csrf_checks=True)
    open_form(strict, article)
    token = strict.cookies["csrftoken"].value

    response = strict.generic(
        "POST", url(article), b"{}", content_type="application/json", HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 415
    assert "không đúng dạng" in visible_text(response.content.decode())


@pytest.mark.parametrize(
    "text",
    [
        "Tiếng Việt dựng sẵn: Đại hội",
        unicodedata.normalize("NFD", "Tiếng Việt tổ hợp: Đại hội"),
        "Biểu tượng 👍🏽 🇻🇳 👨‍👩‍👧",
        "مرحبا بالعالم — שלום",
        "\u202eđảo chiều\u202c và \u200b khoảng trắng rộng 0",
        "中文 日本語 한국어",
    ],
)
def test_unicode_people_use_is_stored_exactly(client, article, comment_data, text):
    response = client.post(url(article), comment_data(name=text[:100], title=text, content=text))

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.name, comment.title, comment.content) == (text[:100], text, text)
