"""The editors' queue in a real browser, as an editor sees it on a laptop."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Comment
from tests.helpers.factories import make_article, make_comment, make_editor, restore_editors_group

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mat-khau-rat-dai-2026"
LAPTOP = {"width": 1280, "height": 900}
COMMENT = (
    "Tôi là người dân phường Hàng Trống. Đề nghị thành phố sớm sửa lại vỉa hè "
    "đường Đinh Tiên Hoàng, nhiều đoạn gạch vỡ, người đi bộ phải xuống lòng đường. "
    "Xin cảm ơn Ban biên tập đã lắng nghe ý kiến của người dân."
)


def log_in(page, live_server):
    restore_editors_group()  # transactional tests flush what migrations made
    make_editor(username="bientap", password=PASSWORD, first_name="Hoa", last_name="Lê")
    page.set_viewport_size(LAPTOP)
    page.goto(f"{live_server.url}/quan-tri/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")


def test_ten_comments_fit_on_a_laptop_screen_with_their_text(page, live_server):
    article = make_article(title="Đề án chỉnh trang phố cổ")
    for number in range(12):
        make_comment(article, title=f"Góp ý số {number + 1}", content=COMMENT)
    log_in(page, live_server)
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


def status_of(comment):
    comment.refresh_from_db()
    return comment.status


def test_the_queue_is_worked_from_the_keyboard_without_a_reload(page, live_server):
    article = make_article(title="Đề án chỉnh trang phố cổ")
    first, second, third = (
        make_comment(article, title=title, content=COMMENT)
        for title in ("Vỉa hè phố Huế", "Bán hàng giá rẻ", "Cây xanh phố Lý Thái Tổ")
    )
    log_in(page, live_server)
    page.goto(f"{live_server.url}/quan-tri/comments/comment/")
    rows = page.locator("#result_list tbody tr")
    page.evaluate("window.notReloaded = true")

    page.keyboard.press("j")
    assert "is-current" in rows.nth(0).get_attribute("class")
    page.keyboard.press("a")
    expect(rows.nth(0).locator(".field-status")).to_have_text("Đã duyệt")
    assert status_of(first) == "approved"
    assert "is-current" in rows.nth(1).get_attribute("class")  # on to the next

    page.keyboard.press("r")
    expect(page.locator("[data-reason-dialog]")).to_be_visible()
    page.keyboard.press("1")
    expect(rows.nth(1).locator(".field-status")).to_have_text("Từ chối")
    assert status_of(second) == "rejected"
    assert second.decisions.get().reason == "spam"

    page.keyboard.press("z")  # undo
    expect(rows.nth(1).locator(".field-status")).to_have_text("Chờ duyệt")
    assert status_of(second) == "pending"

    page.keyboard.press("k")
    page.keyboard.press("k")  # back up to the second row
    page.keyboard.press("j")
    page.keyboard.press("r")
    page.keyboard.press("6")  # "Khác": the note takes the keys
    page.keyboard.type("Quảng cáo trá hình")
    page.keyboard.press("Enter")
    expect(rows.nth(1).locator(".field-status")).to_have_text("Từ chối")
    latest = second.decisions.order_by("-pk").first()
    assert (latest.reason, latest.note) == ("other", "Quảng cáo trá hình")

    page.keyboard.press("?")
    expect(page.locator("[data-help-dialog]")).to_be_visible()
    assert "Hoàn tác quyết định vừa rồi" in page.inner_text("[data-help-dialog]")
    page.keyboard.press("Escape")
    expect(page.locator("[data-help-dialog]")).to_be_hidden()

    page.fill("#searchbar", "")
    page.focus("#searchbar")
    page.keyboard.type("a")  # typing, not approving
    page.click("[data-keys-switch]")  # keys off
    page.locator("body").focus()
    page.keyboard.press("a")
    assert status_of(third) == "pending"
    assert page.evaluate("window.notReloaded") is True
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_a_comments_page_is_decided_from_the_keyboard(page, live_server):
    article = make_article(title="Đề án chỉnh trang phố cổ")
    comment = make_comment(article, title="Rao bán đất", content=COMMENT)
    following = make_comment(article, title="Ý kiến tiếp theo", content=COMMENT)
    log_in(page, live_server)
    page.goto(f"{live_server.url}/quan-tri/comments/comment/{comment.pk}/change/")

    page.keyboard.press("r")
    page.keyboard.press("2")
    page.wait_for_url(f"**/comments/comment/{following.pk}/change/")
    expect(page.locator("[data-announce]")).to_have_text("Đã từ chối bình luận “Rao bán đất”.")
    assert status_of(comment) == "rejected"
    assert comment.decisions.get().reason == "language"

    page.keyboard.press("z")  # the decision just made, undone from the next page
    page.wait_for_url(f"**/comments/comment/{comment.pk}/change/")
    assert status_of(comment) == "pending"
    page.keyboard.press("a")
    page.wait_for_url(f"**/comments/comment/{following.pk}/change/")
    assert status_of(comment) == "approved"


def test_the_rows_buttons_work_without_javascript(page_without_js, live_server):
    page = page_without_js
    article = make_article(title="Đề án chỉnh trang phố cổ")
    comment = make_comment(article, title="Vỉa hè phố Huế", content=COMMENT)
    spam = make_comment(article, title="Bán hàng giá rẻ", content=COMMENT)
    log_in(page, live_server)
    page.goto(f"{live_server.url}/quan-tri/comments/comment/")

    with page.expect_navigation():
        page.click(f"button[aria-label='Duyệt “{comment.title}”']")
    assert "Đã duyệt bình luận “Vỉa hè phố Huế”." in page.inner_text(".messagelist")
    assert status_of(comment) == "approved"

    with page.expect_navigation():  # no reason yet: the comment's page asks
        page.click(f"button[aria-label='Từ chối “{spam.title}”']")
    assert "Hãy chọn lý do từ chối." in page.inner_text(".messagelist")
    page.select_option("#id_ly_do", "duplicate")
    with page.expect_navigation():
        page.click("input[name=_reject]")
    assert status_of(spam) == "rejected"
    assert spam.decisions.get().reason == "duplicate"


def test_the_newsrooms_other_pages_and_a_reply_pass_axe(page, live_server):
    article = make_article(title="Đề án chỉnh trang phố cổ")
    answered = make_comment(
        article,
        title="Khi nào xong?",
        content=COMMENT,
        status="approved",
        reply="Dự kiến quý II năm 2027. Xin cảm ơn bạn.",
        replied_at=timezone.now(),
    )
    flagged = make_comment(
        article,
        title="Cảnh báo",
        content=COMMENT,
        flags=[{"rule": "suspect", "text": "Có từ đáng ngờ: “lừa đảo”", "places": []}],
    )
    log_in(page, live_server)
    Comment.objects.filter(pk=answered.pk).moderate("rejected", None, reason="spam")
    pages = {
        "statistics": "/quan-tri/comments/comment/thong-ke/",
        "log": "/quan-tri/comments/decision/",
        "comment with history": f"/quan-tri/comments/comment/{answered.pk}/change/",
    }
    for name, path in pages.items():
        page.goto(live_server.url + path)
        results = Axe().run(page)
        assert results.violations_count == 0, (name, results.generate_report())

    page.goto(f"{live_server.url}/quan-tri/comments/comment/")
    page.check(f"input[name=_selected_action][value='{flagged.pk}']")
    page.select_option("select[name=action]", "approve")
    with page.expect_navigation():
        page.click("button[name=index]")
    assert "Có từ đáng ngờ: “lừa đảo”" in page.inner_text("#content")
    results = Axe().run(page)
    assert results.violations_count == 0, ("confirmation", results.generate_report())

    Comment.objects.filter(pk=answered.pk).moderate("approved", None)
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator(".editor-reply")).to_contain_text("Trả lời của Ban biên tập")
    results = Axe().run(page)
    assert results.violations_count == 0, ("article", results.generate_report())


def test_a_long_queue_is_worked_to_its_end_from_the_keyboard(page, live_server):
    article = make_article(title="Đề án chỉnh trang phố cổ")
    Comment.objects.bulk_create(
        Comment(article=article, name="Bạn đọc", title=f"Góp ý số {n + 1}", content=COMMENT)
        for n in range(105)
    )
    log_in(page, live_server)
    page.goto(f"{live_server.url}/quan-tri/comments/comment/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 100  # the admin's page

    page.keyboard.press("j")
    for number in range(100):
        page.keyboard.press("a")
        page.keyboard.press("a")  # pressed twice: still one decision, no row skipped
        expect(rows.nth(number).locator(".field-status")).to_have_text("Đã duyệt")
    with page.expect_navigation():
        page.keyboard.press("j")  # past the last row: what is left of the queue
    assert rows.count() == 5
    assert Comment.objects.approved().count() == 100
    assert Comment.objects.filter(decisions__action="approved").distinct().count() == 100
