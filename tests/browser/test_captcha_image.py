import pytest

from comments import captcha

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("scale", [1, 3])
def test_captcha_is_shown_at_its_css_size_from_the_2x_image(
    browser, live_server, seed_article, scale
):
    context = browser.new_context(device_scale_factor=scale, viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(f"{live_server.url}{seed_article.get_absolute_url()}")
    page.focus("#id_name")  # the reader starts to write: the form gets its captcha
    image = page.locator("[data-captcha-image]")
    image.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('[data-captcha-image]').complete")

    shown = image.evaluate(
        "img => [img.naturalWidth, img.naturalHeight, img.clientWidth, img.clientHeight]"
    )

    assert shown == [captcha.WIDTH, captcha.HEIGHT, captcha.CSS_WIDTH, captcha.CSS_HEIGHT]
    assert image.get_attribute("alt") == "Mã xác nhận: hình 5 chữ số"
    context.close()
