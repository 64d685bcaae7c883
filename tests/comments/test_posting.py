from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from articles.models import Article
from comments import tokens
from comments.models import Comment
from tests.helpers.factories import make_article
from tests.helpers.forms import captcha_key, form_value, open_form, solve
from tests.helpers.html import text_of, visible_text

pytestmark = pytest.mark.django_db

THANKS = (
    "Cảm ơn bạn đã gửi ý kiến. Ý kiến của bạn sẽ được hiển thị sau khi được Ban biên tập duyệt."
)


def post_url(article):
    return reverse("comments:post", kwargs={"article_id": article.pk})


def field_errors(html):
    return text_of(html, "div", class_="invalid-feedback")


def test_valid_comment_is_stored_pending_and_not_shown(client, article, comment_data):
    data = comment_data()

    response = client.post(post_url(article), data)

    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#viet-binh-luan"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.article == article
    assert comment.name == "Nguyễn Văn An"
    assert comment.phone == "+84912345678"
    assert comment.title == "Góp ý về công tác chuẩn bị"
    assert comment.content == "Đề nghị thành phố công khai tiến độ.\r\nXin cảm ơn."
    assert comment.ip_address == "127.0.0.1"

    page = client.get(response["Location"]).content.decode()
    assert THANKS in visible_text(page)
    assert "Góp ý về công tác chuẩn bị" not in page
    assert "Ý kiến bạn đọc (0)" in visible_text(page)


def test_success_message_is_shown_once(client, article, comment_data):
    client.post(post_url(article), comment_data())
    client.get(article.get_absolute_url())

    assert THANKS not in client.get(article.get_absolute_url()).content.decode()


def test_wrong_captcha_keeps_what_was_typed_and_shows_a_new_captcha(client, article, comment_data):
    data = comment_data(
        name="Trần Thị Bích <Hà>",
        phone="(024) 3825 3536",
        title='Hỏi về "Kế hoạch 268"',
        content="Dòng một & dòng hai.\r\nDòng ba.",
        captcha_1="SAI",
    )

    response = client.post(post_url(article), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Mã xác nhận không đúng." in field_errors(page)
    form = response.context["form"]
    assert form["name"].value() == "Trần Thị Bích <Hà>"
    assert 'value="Trần Thị Bích &lt;Hà&gt;"' in page
    assert 'value="(024) 3825 3536"' in page
    assert 'value="Hỏi về &quot;Kế hoạch 268&quot;"' in page
    assert "Dòng một &amp; dòng hai.\r\nDòng ba.</textarea>" in page
    assert 'name="captcha_1" value=' not in page  # the answer is never given back
    assert captcha_key(page) != data["captcha_0"]
    assert Comment.objects.count() == 0


def test_the_same_form_sent_twice_stores_one_comment_and_thanks_twice(
    client, article, comment_data
):
    data = comment_data()
    first = client.post(post_url(article), data, follow=True)

    again = client.post(post_url(article), {**data, "title": "Lần hai"}, follow=True)

    assert again.redirect_chain == first.redirect_chain
    assert "Cảm ơn bạn đã gửi ý kiến." in again.content.decode()
    assert list(Comment.objects.values_list("title", flat=True)) == [data["title"]]


def test_a_captcha_answers_only_once(client, article, comment_data):
    data = comment_data()
    client.post(post_url(article), {**data, "captcha_1": "99999"})

    response = client.post(post_url(article), data)

    assert response.status_code == 400
    assert "Mã xác nhận không đúng." in field_errors(response.content.decode())
    assert not CaptchaStore.objects.filter(hashkey=data["captcha_0"]).exists()
    assert Comment.objects.count() == 0


def test_a_wrong_answer_burns_the_captcha(client, article, comment_data):
    data = comment_data()
    client.post(post_url(article), {**data, "captcha_1": "SAI"})

    response = client.post(post_url(article), data)  # now with the right answer

    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_expired_captcha_is_refused(client, article, comment_data):
    data = comment_data()
    CaptchaStore.objects.filter(hashkey=data["captcha_0"]).update(
        expiration=timezone.now() - timedelta(seconds=1)
    )

    response = client.post(post_url(article), data)

    assert response.status_code == 400
    assert "Mã xác nhận không đúng." in field_errors(response.content.decode())
    assert Comment.objects.count() == 0


def test_captcha_answer_ignores_surrounding_spaces(client, article, comment_data):
    # The library compares stripped and lower-cased: for digits only the spaces matter.
    data = comment_data()

    response = client.post(post_url(article), {**data, "captcha_1": f" {data['captcha_1']}  "})

    assert response.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("name", "Vui lòng nhập họ tên."),
        ("title", "Vui lòng nhập tiêu đề."),
        ("content", "Vui lòng nhập nội dung."),
        ("captcha_1", "Vui lòng nhập mã xác nhận."),
    ],
)
@pytest.mark.parametrize("empty", ["", "   \r\n\t "])
def test_each_required_field(client, article, comment_data, field, message, empty):
    data = comment_data(**{field: empty})

    response = client.post(post_url(article), data)

    assert response.status_code == 400
    assert message in field_errors(response.content.decode())
    assert Comment.objects.count() == 0
    kept = {name: data[name] for name in ("name", "title", "content") if name != field}
    for name, value in kept.items():
        assert response.context["form"][name].value() == value


def test_phone_is_optional(client, article, comment_data):
    client.post(post_url(article), comment_data(phone=""))

    assert Comment.objects.get().phone == ""


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912345678", "+84912345678"),
        ("091 234 5678", "+84912345678"),
        ("091.234.5678", "+84912345678"),
        ("091-234-5678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("0084 912 345 678", "+84912345678"),
        ("+84-(91)-234.5678", "+84912345678"),
        ("0362 345 678", "+84362345678"),
        ("0562345678", "+84562345678"),
        ("0702345678", "+84702345678"),
        ("0812345678", "+84812345678"),
        ("(024) 3825 3536", "+842438253536"),
        ("024.3825.3536", "+842438253536"),
        ("+84 24 3825 3536", "+842438253536"),
        ("028 3829 1234", "+842838291234"),
        ("０９１２３４５６７８", "+84912345678"),
    ],
)
def test_valid_vietnamese_phone_numbers_are_stored_as_e164(
    client, article, comment_data, typed, stored
):
    response = client.post(post_url(article), comment_data(phone=typed))

    assert response.status_code == 302
    assert Comment.objects.get().phone == stored


@pytest.mark.parametrize(
    "typed",
    [
        "0168 123 4567",  # old 11-digit mobile, gone since 2018
        "01681234567",
        "091234567",  # a digit short
        "09123456789",  # a digit too many
        "12345",
        "+1 202 555 0143",  # not Vietnamese
        "0912 345 678 máy lẻ 12",
        "0912abc678",
        "số điện thoại",
    ],
)
def test_invalid_phone_numbers_are_refused(client, article, comment_data, typed):
    response = client.post(post_url(article), comment_data(phone=typed))

    assert response.status_code == 400
    assert "Số điện thoại không hợp lệ." in field_errors(response.content.decode())
    assert response.context["form"]["phone"].value() == typed
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(("field", "limit"), [("name", 100), ("title", 200), ("content", 5000)])
def test_lengths_are_limited_on_the_server(client, article, comment_data, field, limit):
    ok = client.post(post_url(article), comment_data(**{field: "ệ" * limit}))
    too_long = client.post(post_url(article), comment_data(**{field: "ệ" * (limit + 1)}))

    assert ok.status_code == 302
    assert too_long.status_code == 400
    assert f"tối đa {limit} ký tự" in field_errors(too_long.content.decode())
    assert Comment.objects.count() == 1


def test_form_fields_carry_their_maxlength(client, article):
    page = client.get(article.get_absolute_url()).content.decode()

    assert 'name="name" autocomplete="name" maxlength="100"' in page
    assert 'name="title" maxlength="200"' in page
    assert 'maxlength="5000"' in page


def test_content_is_stored_exactly_and_shown_escaped(client, article, comment_data):
    hostile = '<script>alert("xin chào")</script>\r\n<b>đậm</b> &amp; <a href="x">liên kết</a>'
    client.post(post_url(article), comment_data(content=hostile, title="<i>Tiêu đề</i>"))
    comment = Comment.objects.get()
    assert comment.content == hostile
    Comment.objects.all().moderate(Comment.Status.APPROVED, None)

    page = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert" not in page
    assert "<b>đậm</b>" not in page
    assert "<i>Tiêu đề</i>" not in page
    assert escape('<script>alert("xin chào")</script>') in page
    assert "&lt;b&gt;đậm&lt;/b&gt; &amp;amp; &lt;a" in page
    assert "&lt;/script&gt;<br>" in page  # the line break is kept


def test_no_javascript_captcha_refresh_keeps_the_text(client, article, comment_data):
    data = comment_data(captcha_1="", captcha_refresh="1")

    response = client.post(post_url(article), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert captcha_key(page) != data["captcha_0"]
    assert 'value="Nguyễn Văn An"' in page
    assert 'value="0912 345 678"' in page
    assert "Đề nghị thành phố công khai tiến độ.\r\nXin cảm ơn.</textarea>" in page
    assert not field_errors(page)
    assert Comment.objects.count() == 0


def test_refresh_endpoint_returns_a_new_key_and_image(client, article):
    form = open_form(client, article)
    old_key = form["captcha_0"]

    response = client.get(
        reverse("captcha-refresh"),
        {"started": form["started"]},
        headers={"x-requested-with": "XMLHttpRequest"},
    )

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    captcha = response.json()
    assert captcha["key"] != old_key
    assert CaptchaStore.objects.filter(hashkey=captcha["key"]).exists()
    assert not CaptchaStore.objects.filter(hashkey=old_key).exists()
    assert tokens.read(captcha["started"], article.pk).captcha_key == captcha["key"]
    image = client.get(captcha["image_url"])
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")


def test_refresh_endpoint_wants_the_xhr_header(client):
    assert client.get(reverse("captcha-refresh")).status_code == 404


def test_get_on_the_comment_url_is_refused(client, article):
    response = client.get(post_url(article))

    assert response.status_code == 405


def test_comment_on_a_draft_or_unknown_article_is_refused(client, comment_data):
    draft = make_article(status=Article.Status.DRAFT)

    assert client.post(post_url(draft), comment_data()).status_code == 404
    assert client.post("/binh-luan/999999/", comment_data()).status_code == 404
    assert Comment.objects.count() == 0


def test_a_comment_without_csrf_token_comes_back_with_its_text_and_what_it_lacked(article):
    """No JavaScript: the page every reader shares has no token or captcha.
    The first Gửi brings the form back with them and everything typed."""
    from tests.helpers.clients import BrowserLikeClient

    reader = BrowserLikeClient(enforce_csrf_checks=True)
    page = reader.get(article.get_absolute_url()).content.decode()
    assert 'name="csrfmiddlewaretoken"' not in page
    typed = {"name": "Vũ Thị Mai", "title": "Hỏi về lịch", "content": "Khi nào\r\nhọp?"}

    response = reader.post(post_url(article), typed)

    assert response.status_code == 403
    html = response.content.decode()
    assert "Để gửi ý kiến, vui lòng nhập mã xác nhận" in html
    assert 'value="Vũ Thị Mai"' in html and "Khi nào\r\nhọp?</textarea>" in html
    assert Comment.objects.count() == 0
    data = {
        **typed,
        "csrfmiddlewaretoken": form_value(html, "csrfmiddlewaretoken"),
        "captcha_0": captcha_key(html),
        "captcha_1": solve(captcha_key(html)),
        "started": form_value(html, "started"),
    }
    assert reader.post(post_url(article), data).status_code == 302
    assert Comment.objects.get().content == "Khi nào\r\nhọp?"


def test_other_forms_without_csrf_token_get_the_explanation(article):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        reverse("admin:login"), {"username": "a", "password": "b"}
    )

    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in response.content.decode()
