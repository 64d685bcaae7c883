import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.helpers.browser import new_page
from tests.helpers.factories import make_article, make_category

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def reader_pages(article):
    return [
        "/",
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        "/tim-kiem/?q=dai+hoi",
        "/luu-tru/?ngay=2020-11-14",
        "/khong-co-trang-nay/",
        "/tuyen-bo-ho-tro-tiep-can/",
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_pages_pass_axe_and_fit_the_screen(page, live_server, seed_article, viewport):
    page.set_viewport_size(viewport)
    axe = Axe()
    for path in reader_pages(seed_article):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == (404 if "khong-co" in path else 200)

        results = axe.run(page)

        assert results.violations_count == 0, f"{path}: {results.generate_report()}"
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{path} scrolls sideways at {viewport['width']}px"
    page_errors = [error for error in page.console_errors if "404" not in error.text]
    assert not page_errors


def test_font_size_buttons_work_and_are_remembered(page, live_server, seed_article):
    page.goto(f"{live_server.url}{seed_article.get_absolute_url()}")
    size = "() => parseFloat(getComputedStyle(document.querySelector('.article-lead')).fontSize)"
    normal = page.evaluate(size)

    page.click("text=A+")
    page.click("text=A+")
    bigger = page.evaluate(size)
    page.reload()
    remembered = page.evaluate(size)
    page.click("text=A-")
    page.click("text=A-")
    page.click("text=A-")

    assert bigger > normal
    assert remembered == bigger
    assert page.evaluate(size) < normal


def test_tools_are_keyboard_usable(page, live_server, seed_article):
    page.goto(f"{live_server.url}{seed_article.get_absolute_url()}")
    size = "() => parseFloat(getComputedStyle(document.querySelector('.article-lead')).fontSize)"
    normal = page.evaluate(size)

    page.focus("text=A+")
    page.keyboard.press("Enter")

    assert page.evaluate(size) > normal


def test_print_shows_the_article_without_the_portal_chrome(page, live_server, seed_article):
    page.goto(f"{live_server.url}{seed_article.get_absolute_url()}")
    page.emulate_media(media="print")

    def display(selector):
        return page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).display")

    assert display(".portal-menu") == "none"
    assert display(".comment-form-section") == "none"
    assert display(".article-tools") == "none"
    assert display(".article-content") != "none"
    assert display(".article-title") != "none"


def test_tools_are_hidden_without_javascript(page_without_js, live_server, seed_article):
    page_without_js.goto(f"{live_server.url}{seed_article.get_absolute_url()}")

    assert not page_without_js.is_visible(".article-tools")
    assert page_without_js.is_visible(".article-content")


def test_archive_control_takes_day_month_year_in_any_browser_language(
    browser, live_server, seed_article
):
    older = make_article(category=seed_article.category, title="Bài cùng ngày",
                         published_at=seed_article.published_at.replace(hour=1))  # fmt: skip
    page = new_page(browser, locale="en-US")  # a browser that writes month/day/year
    page.goto(f"{live_server.url}{seed_article.get_absolute_url()}")

    page.locator("#archive-date").press_sequentially("14/11/2020")
    with page.expect_navigation():
        page.click("button:text('Xem')")

    assert "Lưu trữ bài viết ngày 14/11/2020 - Chỉ đạo điều hành" in page.inner_text("h1")
    assert older.title in page.inner_text("main")
    assert page.input_value("input[name=ngay]") == "14/11/2020"
    page.context.close()


def test_the_article_link_is_copied_for_sharing(browser, live_server, seed_article):
    page = new_page(browser, permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server.url}{seed_article.get_absolute_url()}")

    page.get_by_role("button", name="Sao chép liên kết").click()

    expect(page.locator("[data-share-status]")).to_have_text("Đã sao chép liên kết bài viết.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{live_server.url}{seed_article.get_absolute_url()}"
    page.context.close()


def test_the_phone_menu_shows_it_scrolls_and_opens_at_the_current_section(
    page, live_server, seed_article
):
    page.set_viewport_size(PHONE)
    names = ["Giao thông đô thị", "Môi trường xanh", "Y tế cộng đồng", "Du lịch Thủ đô"]
    sections = [make_category(name=name, order=100 + n) for n, name in enumerate(names)]
    last = sections[-1]  # at the far end of the menu
    make_article(category=last)
    menu = page.locator(".portal-menu-list")

    page.goto(f"{live_server.url}/")
    expect(menu).to_have_attribute("data-more-right", "")  # faded: more to the right

    page.goto(f"{live_server.url}{last.get_absolute_url()}")
    current = page.locator(".portal-menu-list [aria-current]")
    expect(current).to_have_text(last.name)
    shown, inside = current.bounding_box(), menu.bounding_box()
    # Whole on screen (a pixel's rounding apart).
    assert inside["x"] - 1 <= shown["x"]
    assert shown["x"] + shown["width"] <= inside["x"] + inside["width"] + 1
    expect(menu).not_to_have_attribute("data-more-right", "")  # the end: no more


def test_a_phones_header_takes_at_most_a_quarter_of_its_screen(page, live_server, seed_article):
    page.set_viewport_size({"width": 360, "height": 640})

    for path in reader_pages(seed_article)[:4]:
        page.goto(f"{live_server.url}{path}")
        height = page.evaluate("document.querySelector('header').getBoundingClientRect().height")
        assert height <= 160, f"{path}: the header is {height}px high"
    # The links the phone's top bar leaves out are in the footer.
    footer = page.locator("footer")
    expect(footer.get_by_role("link", name="Lưu trữ")).to_be_visible()
    expect(footer.get_by_role("link", name="RSS")).to_be_visible()
