"""What a reader hears after sending a comment: the errors in one summary
that takes the focus, with a link to each field, and a title that says so;
the thanks the same way (issue: every citizen can comment)."""

import re

import pytest
from django.urls import reverse

from comments.views import THANKS
from tests.helpers.html import tags, texts

pytestmark = pytest.mark.django_db


def post(client, article, data):
    return client.post(reverse("comments:post", kwargs={"article_id": article.pk}), data)


def title(html):
    return re.search(r"<title>(.*?)</title>", html).group(1)


def test_a_failed_submission_is_summarised_at_the_top_of_the_form(client, article, comment_data):
    data = comment_data(name=" ", content="", captcha_1="99999")

    response = post(client, article, data)

    html = response.content.decode()
    assert response.status_code == 400
    assert title(html).startswith("Lỗi: ")
    (summary,) = tags(html, "div", role="alert", tabindex="-1")
    assert "autofocus" in summary and "data-error-summary" in summary
    assert texts(html, "div", class_="error-summary") == [
        "Chưa gửi được ý kiến, vui lòng sửa: "
        "Họ tên: Vui lòng nhập họ tên. "
        "Nội dung: Vui lòng nhập nội dung. "
        "Mã xác nhận: Mã xác nhận không đúng."
    ]
    links = [link["href"] for link in tags(html, "a") if "data-error-field" in link]
    assert links == ["#id_name", "#id_content", "#id_captcha_1"]
    field_ids = {field.get("id") for field in tags(html, "input") + tags(html, "textarea")}
    assert {target.removeprefix("#") for target in links} <= field_ids


def test_an_error_of_the_whole_form_is_in_the_summary_once(client, article, comment_data):
    data = comment_data(started="khong-hop-le")

    html = post(client, article, data).content.decode()

    (summary,) = texts(html, "div", class_="error-summary")
    assert "Biểu mẫu đã cũ hoặc không hợp lệ" in summary
    assert html.count("Biểu mẫu đã cũ hoặc không hợp lệ") == 1


def test_the_form_leaves_checking_to_our_vietnamese_messages(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    (form,) = tags(html, "form", id="comment-form")
    assert "novalidate" in form
    assert not title(html).startswith("Lỗi")
    assert not tags(html, "div", role="alert")


def test_the_thanks_takes_the_focus_where_the_reader_lands(client, article, comment_data):
    response = post(client, article, comment_data())

    page = client.get(response["Location"])
    html = page.content.decode()
    (status,) = tags(html, "div", role="status")
    assert "autofocus" in status and status["tabindex"] == "-1"
    assert texts(html, "div", class_="portal-messages") == [THANKS]
    assert response["Location"].endswith("#viet-binh-luan")


def test_a_skip_link_leads_to_the_comment_form(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    skip_links = [link for link in tags(html, "a") if "skip-link" in link.get("class", "")]
    assert [(link["href"]) for link in skip_links] == ["#noi-dung", "#viet-binh-luan"]
    assert texts(html, "a", class_="skip-link") == ["Đến nội dung chính", "Viết bình luận"]
    assert tags(html, "section", id="viet-binh-luan")
