"""The editors' queue in a real browser, as an editor sees it on a laptop."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.helpers.factories import make_article, make_comment, make_editor, restore_editors_group

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mat-khau-rat-dai-2026"
LAPTOP = {"width": 1280, "height": 900}
COMMENT = (
    "Tôi là người dân phường Hàng Trống. Đề nghị thành phố sớm sửa lại vỉa hè "
    "đường Đinh Tiên Hoàng, nhiều đoạn gạch vỡ, người đi bộ phải xuống lòng đường. "
    "Xin cảm ơn Ban biên tập đã lắng nghe ý kiến của người dân."
)


def test_ten_comments_fit_on_a_laptop_screen_with_their_text(page, live_server):
    article = make_article(title="Đề án chỉnh trang phố cổ")
    for number in range(12):
        make_comment(article, title=f"Góp ý số {number + 1}", content=COMMENT)
    restore_editors_group()  # transactional tests flush what migrations made
    make_editor(username="bientap", password=PASSWORD)

    page.set_viewport_size(LAPTOP)
    page.goto(f"{live_server.url}/quan-tri/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    page.goto(f"{live_server.url}/quan-tri/comments/comment/")

    rows = page.locator("#result_list tbody tr")
    heights = [rows.nth(index).bounding_box()["height"] for index in range(10)]
    assert sum(heights) <= LAPTOP["height"], heights
    assert "Đề nghị thành phố sớm sửa lại vỉa hè" in rows.first.inner_text()
    assert "12 bình luận chờ duyệt" in page.inner_text("#pending-badge")

    page.click("#result_list tbody tr:first-child summary")  # the whole text
    assert "Xin cảm ơn Ban biên tập" in rows.first.inner_text()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
