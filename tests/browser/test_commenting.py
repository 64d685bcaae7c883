import pytest
from axe_playwright_python.sync_playwright import Axe
from captcha.models import CaptchaStore
from playwright.sync_api import expect

from comments.models import Comment
from tests.helpers.browser import new_page
from tests.helpers.factories import make_editor, restore_editors_group

pytestmark = pytest.mark.django_db(transaction=True)

THANKS = "Cảm ơn bạn đã gửi ý kiến."
EDITOR_PASSWORD = "mat-khau-bien-tap-2026"
TYPED = {
    "#id_name": "Lê Thị Mai",
    "#id_phone": "0912 345 678",
    "#id_title": "Ý kiến về lấy ý kiến nhân dân",
    "#id_content": "Tôi ủng hộ việc lấy ý kiến.\nĐề nghị tổ chức rộng rãi hơn.",
}


def open_article(page, live_server, article):
    page.goto(f"{live_server.url}{article.get_absolute_url()}")


def fill_comment(page):
    for selector, value in TYPED.items():
        page.fill(selector, value)


def captcha_key(page):
    """The form's captcha key, once there is one: the shared page has none
    until the reader starts to write (or, without JavaScript, sends once)."""
    expect(page.locator("input[name=captcha_0]")).not_to_have_value("")
    return page.input_value("input[name=captcha_0]")


def solve_captcha(page):
    page.fill("#id_captcha_1", CaptchaStore.objects.get(hashkey=captcha_key(page)).response)


def send_once_without_javascript(page):
    """The first Gửi of a reader without JavaScript brings the form back with
    a captcha and a token, and everything typed."""
    assert page.input_value("input[name=captcha_0]") == ""
    with page.expect_navigation():
        page.click("#submit-id-send")
    assert "Để gửi ý kiến, vui lòng nhập mã xác nhận" in page.inner_text(".comment-form-section")
    assert_typed_text_kept(page)


def assert_typed_text_kept(page):
    for selector, value in TYPED.items():
        assert page.input_value(selector) == value


def assert_comment_stored():
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.name == "Lê Thị Mai"
    assert comment.phone == "+84912345678"
    assert comment.content == TYPED["#id_content"].replace("\n", "\r\n")  # as the browser sends it


def test_the_honeypot_is_out_of_sight_and_out_of_the_tab_order(page, live_server, seed_article):
    open_article(page, live_server, seed_article)
    trap = page.locator("input[name=website]")

    box = trap.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 0  # drawn off the left edge
    page.focus("#id_name")
    for _ in range(12):  # every field and button of the form, and past it
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") != "website"


def test_the_code_can_be_heard_and_changes_with_the_image(page, live_server, seed_article):
    open_article(page, live_server, seed_article)
    page.focus("#id_name")
    listen = page.get_by_role("link", name="Nghe mã")
    first = captcha_key(page)
    expect(listen).to_have_attribute("href", f"/captcha/audio/{first}.wav")

    page.click("text=Lấy lại mã bảo mật")
    expect(page.locator("input[name=captcha_0]")).not_to_have_value(first)

    second = captcha_key(page)
    expect(listen).to_have_attribute("href", f"/captcha/audio/{second}.wav")
    player = page.locator("audio[data-captcha-audio-player]")
    expect(player).to_have_attribute("src", f"/captcha/audio/{second}.wav")
    heard = page.request.get(f"{live_server.url}/captcha/audio/{second}.wav")
    assert heard.status == 200
    assert heard.headers["content-type"] == "audio/wav"
    assert heard.body()[:4] == b"RIFF"


def test_a_keyboard_alone_reaches_the_form_hears_the_errors_and_is_thanked(
    page, live_server, seed_article
):
    open_article(page, live_server, seed_article)
    page.keyboard.press("Tab")  # Đến nội dung chính
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Viết bình luận"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # into the form: the first field
    assert page.evaluate("document.activeElement.id") == "id_name"
    page.keyboard.type(TYPED["#id_name"])
    page.focus("#id_title")
    page.keyboard.type(TYPED["#id_title"])
    page.focus("#id_captcha_1")
    captcha_key(page)
    page.keyboard.type("99999")  # content left empty, code wrong
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.title().startswith("Lỗi: ")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Nội dung: Vui lòng nhập nội dung.")
    checked = Axe().run(page)  # the form in its error state
    assert checked.violations_count == 0, checked.generate_report()
    summary.get_by_role("link", name="Nội dung: Vui lòng nhập nội dung.").press("Enter")
    expect(page.locator("#id_content")).to_be_focused()
    page.keyboard.type(TYPED["#id_content"])
    solve_captcha(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator(".comment-form-section [role=status]")).to_be_focused()
    expect(page.locator(".comment-form-section [role=status]")).to_contain_text(THANKS)
    assert not page.title().startswith("Lỗi")


def test_comment_with_javascript(page, live_server, seed_article):
    open_article(page, live_server, seed_article)
    fill_comment(page)
    old_key, old_image = captcha_key(page), page.get_attribute(".captcha-image", "src")

    page.click("text=Lấy lại mã bảo mật")

    expect(page.locator("input[name=captcha_0]")).not_to_have_value(old_key)
    assert page.get_attribute(".captcha-image", "src") != old_image
    image = page.locator(".captcha-image")
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("image => image.naturalWidth") > 0
    assert_typed_text_kept(page)  # no reload happened
    solve_captcha(page)
    page.click("#submit-id-send")
    page.wait_for_url("**#viet-binh-luan")
    assert THANKS in page.inner_text(".comment-form-section")
    assert_comment_stored()
    assert not page.console_errors


def test_comment_without_javascript(page_without_js, live_server, seed_article):
    page = page_without_js
    open_article(page, live_server, seed_article)
    fill_comment(page)
    send_once_without_javascript(page)
    old_key = captcha_key(page)

    with page.expect_navigation():
        page.click("text=Lấy lại mã bảo mật")

    assert captcha_key(page) != old_key
    assert_typed_text_kept(page)
    solve_captcha(page)
    with page.expect_navigation():
        page.click("#submit-id-send")
    assert page.url.endswith("#viet-binh-luan")
    assert THANKS in page.inner_text(".comment-form-section")
    assert_comment_stored()


@pytest.mark.parametrize("javascript", [True, False])
def test_enter_in_a_field_sends_the_comment(browser, live_server, seed_article, javascript):
    page = new_page(browser, java_script_enabled=javascript)
    open_article(page, live_server, seed_article)
    fill_comment(page)
    if not javascript:
        send_once_without_javascript(page)
    solve_captcha(page)

    with page.expect_navigation():
        page.press("#id_captcha_1", "Enter")

    assert THANKS in page.inner_text(".comment-form-section")
    assert_comment_stored()
    page.context.close()


def test_wrong_captcha_keeps_everything_typed(page, live_server, seed_article):
    open_article(page, live_server, seed_article)
    fill_comment(page)
    captcha_key(page)
    page.fill("#id_captcha_1", "22222")

    with page.expect_navigation():
        page.click("#submit-id-send")

    assert page.url.endswith("#viet-binh-luan")  # the page opens at the errors
    assert "Mã xác nhận không đúng." in page.inner_text(".comment-form-section")
    assert_typed_text_kept(page)
    assert page.input_value("#id_captcha_1") == ""
    assert Comment.objects.count() == 0


def test_editor_logs_in_approves_and_the_comment_appears(page, live_server, seed_article):
    open_article(page, live_server, seed_article)
    fill_comment(page)
    solve_captcha(page)
    with page.expect_navigation():
        page.click("#submit-id-send")
    restore_editors_group()  # transactional tests flush what migrations made
    make_editor(username="bientap", password=EDITOR_PASSWORD)

    page.goto(f"{live_server.url}/quan-tri/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", EDITOR_PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert "1 bình luận đang chờ duyệt" in page.inner_text("#pending-comments")
    with page.expect_navigation():
        page.click("#pending-comments a")
    queue = Axe().run(page)  # the editors' queue
    assert queue.violations_count == 0, queue.generate_report()
    with page.expect_navigation():
        page.click(f"text={TYPED['#id_title']}")
    decision = Axe().run(page)  # one comment, with its decisions
    assert decision.violations_count == 0, decision.generate_report()
    with page.expect_navigation():
        page.click("input[name=_approve]")
    assert "Đã duyệt bình luận" in page.inner_text(".messagelist")

    open_article(page, live_server, seed_article)
    comments = page.inner_text(".comments")
    assert "Ý KIẾN BẠN ĐỌC (1)" in comments.upper()
    assert TYPED["#id_title"] in comments
    assert "Đề nghị tổ chức rộng rãi hơn." in comments
    assert "+84912345678" not in page.content()
    assert "0912 345 678" not in page.content()
