"""Our own stylesheet seen in Chromium: the focus ring, the breadcrumb, the phone layout."""

import re

import pytest

from tests.helpers.factories import make_category

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# What the focused element shows: its outline, and the colour the outline is
# drawn against (inside the element for a negative offset, else its
# surroundings): the first ancestor with a background colour. The body, or
# an element seen before, means that the tab order has come round (Tab steps
# through a date field's parts without leaving it: that is no round).
FOCUS_RING = """() => {
  const element = document.activeElement;
  const same = element === window.lastFocused;
  const again = element === document.body || (!same && element.dataset.focusChecked === "yes");
  window.lastFocused = element;
  element.dataset.focusChecked = "yes";
  const style = getComputedStyle(element);
  const offset = parseFloat(style.outlineOffset);
  let behind = offset < 0 ? element : element.parentElement;
  let background = "rgb(255, 255, 255)";
  for (; behind; behind = behind.parentElement) {
    const colour = getComputedStyle(behind).backgroundColor;
    if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") { background = colour; break; }
  }
  return {
    same: same,
    again: again,
    element: element.outerHTML.slice(0, 80),
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    colour: style.outlineColor,
    background: background,
  };
}"""


def luminance(colour):
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", colour)[:3])

    def linear(channel):
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_is_computed_as_wcag_does():
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    assert round(contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)"), 1) == 4.5


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_focus_stop_shows_a_ring_of_3_to_1(page, live_server, seed_article, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}{seed_article.get_absolute_url()}")
    seen = []

    for _ in range(100):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring["again"]:
            break
        if not ring["same"]:
            seen.append(ring["element"])

        assert ring["style"] == "solid", ring
        assert ring["width"] >= 2, ring
        assert contrast(ring["colour"], ring["background"]) >= 3, ring

    # The header, the menu, the article's tools and the comment form at least.
    assert len(seen) > 20, seen


def test_skip_link_appears_on_focus(page, live_server, seed_article):
    page.goto(f"{live_server.url}/")
    skip = page.locator(".skip-link")
    hidden_width = skip.bounding_box()["width"]

    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.textContent") == "Đến nội dung chính"
    assert hidden_width <= 1
    assert skip.bounding_box()["width"] > 50


def test_breadcrumb_separates_its_items_with_the_source_pages_sign(page, live_server, seed_article):
    page.goto(f"{live_server.url}{seed_article.get_absolute_url()}")

    separator = page.evaluate(
        "getComputedStyle(document.querySelectorAll('.breadcrumb-item')[1], '::before').content"
    )

    assert separator == '">"'


def test_phone_menu_scrolls_sideways_without_widening_the_page(page, live_server, seed_article):
    for name in ("Tin tức - Sự kiện", "Văn bản pháp quy", "Thủ tục hành chính", "Hỏi đáp"):
        make_category(name)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")

    menu = page.evaluate(
        "(() => { const list = document.querySelector('.portal-menu-list');"
        " return [list.scrollWidth, list.clientWidth, getComputedStyle(list).overflowX]; })()"
    )
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")

    assert menu[0] > menu[1]  # more sections than fit: they scroll
    assert menu[2] == "auto"
    assert widths[0] <= widths[1]


def test_article_text_is_left_aligned(page, live_server, seed_article):
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}{seed_article.get_absolute_url()}")

        alignments = page.evaluate(
            "[...document.querySelectorAll('.article-content p:not(.article-author)')]"
            ".map(p => getComputedStyle(p).textAlign)"
        )

        assert alignments and set(alignments) <= {"start", "left"}, viewport
