"""The article page reproduces the original portal's page (docs: PAGE.md)."""

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.helpers.html import collapse, tags, text_of, visible_text
from tests.helpers.paths import SEED_PATH

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_page(client):
    call_command("import_notices", str(SEED_PATH), verbosity=0)
    article = Article.objects.get()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def seed_lines():
    text = SEED_PATH.read_text(encoding="utf-8")
    return [collapse(line) for line in text.splitlines() if collapse(line)]


def test_every_line_of_the_seed_appears_in_order(seed_page):
    page_text = visible_text(seed_page)
    position = 0
    for line in seed_lines():
        found = page_text.find(line, position)
        assert found != -1, f"missing, or out of order: {line!r}"
        position = found + len(line)


def test_the_seed_has_the_lines_the_page_must_show():
    lines = seed_lines()

    assert lines[0].endswith("(13:01 14/11/2020)")
    assert lines[1].startswith("HNP - Ngày 11/11")
    assert lines[-10:] == [
        "Quốc Bảo",
        "Các bài mới đăng",
        "Các bài đã đăng :",
        "Bài viết Xem",
        "Viết bình luận",
        "Họ tên:(*)",
        "Số điện thoại:",
        "Tiêu đề:(*)",
        "Nội dung:(*)",
        "Mã xác nhận: Lấy lại mã bảo mật",
    ]


def test_title_and_time_are_in_the_h1(seed_page):
    assert text_of(seed_page, "h1") == (
        "Tập trung thực hiện tốt công tác tổ chức phục vụ Đại hội lần thứ XIII của Đảng"
        " (13:01 14/11/2020)"
    )


def test_form_labels_are_bound_to_their_inputs(seed_page):
    for label_for, label in [
        ("id_name", "Họ tên:(*)"),
        ("id_phone", "Số điện thoại:"),
        ("id_title", "Tiêu đề:(*)"),
        ("id_content", "Nội dung:(*)"),
        ("id_captcha_1", "Mã xác nhận:"),
        ("archive-date", "Bài viết"),
    ]:
        assert text_of(seed_page, "label", for_=label_for) == label
        assert f'id="{label_for}"' in seed_page


def test_page_chrome_around_the_article(seed_page):
    text = visible_text(seed_page)

    assert "Cổng Giao tiếp điện tử thành phố Hà Nội" in text_of(seed_page, "header")
    assert text_of(seed_page, "ol", class_="breadcrumb") == "Trang chủ Chỉ đạo điều hành"
    assert "Về đầu trang" in text
    assert 'Ghi rõ nguồn "Cổng Giao tiếp điện tử thành phố Hà Nội"' in text
    assert text_of(seed_page, "p", class_="article-author") == "Quốc Bảo"
    assert text_of(seed_page, "p", class_="article-lead").startswith("HNP - Ngày 11/11")
    for tool in ("In bài viết", "Cỡ chữ", "A-", "A+"):
        assert f">{tool}<" in seed_page


def test_buttons_of_the_comment_form(seed_page):
    assert tags(seed_page, "input", type="submit", name="send", value="Gửi")
    assert tags(seed_page, "input", type="reset", name="reset", value="Nhập lại")


def test_meta_description_and_open_graph(seed_page):
    assert (
        "<title>Tập trung thực hiện tốt công tác tổ chức phục vụ Đại hội lần thứ XIII của Đảng"
        " - Cổng Giao tiếp điện tử thành phố Hà Nội</title>"
    ) in seed_page
    assert '<meta name="description" content="Ngày 11/11, Văn phòng UBND' in seed_page
    assert '<meta property="og:type" content="article">' in seed_page
    assert '<meta property="og:title" content="Tập trung thực hiện tốt' in seed_page
    assert (
        '<meta property="article:published_time" content="2020-11-14T13:01:00+07:00">' in seed_page
    )
    assert '<html lang="vi">' in seed_page
