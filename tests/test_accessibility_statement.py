"""The accessibility statement (Tuyên bố hỗ trợ tiếp cận), linked from every
page's footer, as a state portal must publish it (Thông tư 26/2020/TT-BTTTT)."""

import pytest

from tests.helpers.factories import make_article
from tests.helpers.html import tags, text_of, texts

pytestmark = pytest.mark.django_db

STATEMENT = "/tuyen-bo-ho-tro-tiep-can/"


def test_every_page_links_the_statement_from_its_footer(client):
    article = make_article()

    for path in ["/", article.get_absolute_url(), article.category.get_absolute_url()]:
        footer_links = [
            link["href"]
            for link in tags(client.get(path).content.decode(), "a")
            if link.get("href") == STATEMENT
        ]
        assert footer_links == [STATEMENT], path


def test_the_statement_names_the_standard_what_works_and_how_to_report(client, settings):
    settings.SITE_PHONE = "(024) 3825 3536"
    response = client.get(STATEMENT)

    html = response.content.decode()
    assert response.status_code == 200
    assert texts(html, "h1") == ["Tuyên bố hỗ trợ tiếp cận"]
    assert texts(html, "h2") == [
        "Tiêu chuẩn áp dụng",
        "Những gì cổng hỗ trợ",
        "Hạn chế đã biết",
        "Báo cho chúng tôi khi gặp trở ngại",
    ]
    page = text_of(html, "main")
    assert "Thông tư số 26/2020/TT-BTTTT" in page
    assert "mức AA của Hướng dẫn về khả năng tiếp cận nội dung web (WCAG) 2.1" in page
    assert "“Nghe mã”" in page
    assert "gọi số (024) 3825 3536" in page
