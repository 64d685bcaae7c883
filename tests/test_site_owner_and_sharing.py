"""The footer says who runs the portal, as set (nothing made up); articles
are shared by plain links and our own buttons, never a third party's script."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.helpers.factories import make_article
from tests.helpers.html import tags, text_of, texts

pytestmark = pytest.mark.django_db


def test_the_footer_shows_the_owner_lines_that_are_set(client, settings):
    settings.SITE_AGENCY = "Ủy ban nhân dân thành phố Hà Nội"
    settings.SITE_RESPONSIBLE = "Nguyễn Văn A, Chánh Văn phòng"
    settings.SITE_LICENCE = "Số 123/GP-TTĐT ngày 01/01/2026"
    settings.SITE_ADDRESS = ""
    settings.SITE_PHONE = ""
    settings.SITE_EMAIL = "bandoc@hanoi.gov.vn"

    footer = texts(client.get("/").content.decode(), "footer")[0]

    assert "Cơ quan chủ quản: Ủy ban nhân dân thành phố Hà Nội" in footer
    assert "Chịu trách nhiệm chính: Nguyễn Văn A, Chánh Văn phòng" in footer
    assert "Giấy phép: Số 123/GP-TTĐT ngày 01/01/2026" in footer
    assert "Thư điện tử: bandoc@hanoi.gov.vn" in footer
    assert "Địa chỉ" not in footer and "Điện thoại" not in footer


def test_nothing_unset_is_made_up(client, settings):
    for name in ["AGENCY", "RESPONSIBLE", "LICENCE", "ADDRESS", "PHONE", "EMAIL"]:
        setattr(settings, f"SITE_{name}", "")

    html = client.get("/").content.decode()

    assert "Cơ quan chủ quản" not in html
    assert "Giấy phép" not in html
    assert "mailto:" not in html
    statement = text_of(client.get("/tuyen-bo-ho-tro-tiep-can/").content.decode(), "main")
    assert "gọi số" not in statement
    assert "“Viết bình luận” ở cuối một bài viết bất kỳ." in statement


def test_an_article_is_shared_by_a_plain_link_with_its_address(client):
    article = make_article(title="Hà Nội & Đại hội")

    html = client.get(article.get_absolute_url()).content.decode()

    (facebook,) = [a for a in tags(html, "a") if "facebook.com" in a.get("href", "")]
    address = urlsplit(facebook["href"])
    assert (address.scheme, address.netloc, address.path) == (
        "https", "www.facebook.com", "/sharer/sharer.php"
    )  # fmt: skip
    assert parse_qs(address.query)["u"] == [f"http://testserver{article.get_absolute_url()}"]
    assert facebook["rel"] == "noopener"
    (share,) = [div for div in tags(html, "div") if "data-share-url" in div]
    assert share["data-share-title"] == "Hà Nội & Đại hội"
    assert all("facebook" not in script.get("src", "") for script in tags(html, "script"))
