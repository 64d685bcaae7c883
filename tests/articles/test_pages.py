import xml.etree.ElementTree as ElementTree
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.views.defaults import server_error

from articles.models import Article, Category
from portal.templatetags.portal import today_in_hanoi
from tests.helpers.factories import hanoi_time, make_article
from tests.helpers.html import tags, text_of, texts, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    """The seed's section, created with the others by a migration."""
    return Category.objects.get(slug="chidaodieuhanh")


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def list_items(html, heading_id):
    """The "Title (dd/mm/yyyy)" items under one of the article page's lists."""
    section_html = html.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]
    return texts(section_html, "li")


def test_newer_and_older_lists_show_the_nearest_articles_of_the_section(client, section):
    days = [
        make_article(
            category=section, title=f"Bài ngày {day}", published_at=hanoi_time(2020, 11, day)
        )
        for day in range(1, 26)
    ]
    make_article(title="Bài chuyên mục khác", published_at=hanoi_time(2020, 11, 14, 9))
    make_article(
        category=section,
        title="Bản nháp",
        status=Article.Status.DRAFT,
        published_at=hanoi_time(2020, 11, 14, 10),
    )
    current = days[12]  # 13/11

    html = page(client, current.get_absolute_url())

    assert list_items(html, "bai-moi") == [
        f"Bài ngày {day} ({day:02d}/11/2020)" for day in range(23, 13, -1)
    ]
    assert list_items(html, "bai-da-dang") == [
        f"Bài ngày {day} ({day:02d}/11/2020)" for day in range(12, 2, -1)
    ]
    assert tags(html, "a", href=days[13].get_absolute_url())


def test_lists_say_so_when_empty(client, section):
    only = make_article(category=section)

    html = page(client, only.get_absolute_url())

    assert "Chưa có bài mới hơn trong chuyên mục." in visible_text(html)
    assert "Chưa có bài cũ hơn trong chuyên mục." in visible_text(html)


def test_articles_at_the_same_minute_are_still_ordered(client, section):
    same_time = hanoi_time(2020, 11, 14, 13, 1)
    first, second, third = (
        make_article(category=section, title=title, published_at=same_time)
        for title in ("Một", "Hai", "Ba")
    )

    html = page(client, second.get_absolute_url())

    assert list_items(html, "bai-moi") == ["Ba (14/11/2020)"]
    assert list_items(html, "bai-da-dang") == ["Một (14/11/2020)"]


def test_future_articles_are_not_public_yet(client, section):
    scheduled = make_article(category=section, published_at=timezone.now() + timedelta(days=1))

    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_archive_lists_the_section_articles_of_that_hanoi_day(client, section):
    # 23:30 on the 14th in Hanoi is still the 14th, though it is 16:30 UTC.
    late = make_article(
        category=section, title="Cuối ngày", published_at=datetime(2020, 11, 14, 16, 30, tzinfo=UTC)
    )
    early = make_article(
        category=section, title="Đầu ngày", published_at=hanoi_time(2020, 11, 14, 0, 5)
    )
    make_article(category=section, title="Hôm sau", published_at=hanoi_time(2020, 11, 15, 0, 30))
    make_article(category=section, title="Hôm trước", published_at=hanoi_time(2020, 11, 13, 23))
    make_article(title="Chuyên mục khác", published_at=hanoi_time(2020, 11, 14, 9))

    html = page(client, reverse("articles:archive"), ngay="2020-11-14", chuyenmuc="chidaodieuhanh")

    titles = text_of(html, "h2", class_="article-item-title")
    assert titles == f"{late.title} {early.title}"
    assert "Lưu trữ bài viết ngày 14/11/2020 - Chỉ đạo điều hành" in text_of(html, "h1")


@pytest.mark.parametrize("typed", ["14/11/2020", "14-11-2020", "14.11.2020", " 14/11/2020 "])
def test_archive_of_every_section(client, section, typed):
    make_article(category=section, title="Một", published_at=hanoi_time(2020, 11, 14))
    make_article(title="Hai", published_at=hanoi_time(2020, 11, 14, 9))

    html = page(client, reverse("articles:archive"), ngay=typed)

    assert text_of(html, "h2", class_="article-item-title") == "Hai Một"
    (field,) = tags(html, "input", name="ngay")
    assert field["value"] == "14/11/2020"


def test_archive_form_on_the_article_page_targets_the_section(client, section):
    article = make_article(category=section)

    html = page(client, article.get_absolute_url())

    (form,) = tags(html, "form", class_="archive-form")
    assert form["action"] == reverse("articles:archive")
    assert tags(html, "input", type="hidden", name="chuyenmuc", value="chidaodieuhanh")
    (field,) = tags(html, "input", type="text", name="ngay", id="archive-date")
    assert field["placeholder"] == "dd/mm/yyyy"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"ngay": "2020-02-31"}, "Ngày không hợp lệ"),
        ({"ngay": "hôm qua"}, "Ngày không hợp lệ"),
        ({"ngay": ""}, "Vui lòng chọn ngày."),
        ({"ngay": "2020-11-14", "chuyenmuc": "khong-co"}, "Không có chuyên mục này."),
        ({"ngay": "9999-12-31"}, "Chỉ xem được các ngày từ 01/01/1900 đến 31/12/2999."),
        ({"ngay": "0001-01-01"}, "Chỉ xem được các ngày từ 01/01/1900 đến 31/12/2999."),
        ({"ngay": "31/12/9999"}, "Chỉ xem được các ngày từ 01/01/1900 đến 31/12/2999."),
    ],
)
def test_archive_with_a_bad_date_explains(client, params, message):
    html = page(client, reverse("articles:archive"), **params)

    assert message in visible_text(html)


@pytest.mark.parametrize("query", ["dai hoi", "Đại hội", "ĐẠI HỘI", "đại Hội", "  dai   HOI  "])
def test_search_ignores_diacritics_and_case(client, query):
    by_title = make_article(title="Đại hội đại biểu lần thứ XIII")
    by_lead = make_article(title="Tin thứ hai", lead="Chuẩn bị Đại Hội Đảng bộ.")
    by_body = make_article(title="Tin thứ ba", body="Phục vụ đại hội.")
    make_article(title="Không liên quan", lead="Giao thông", body="Đường phố")
    make_article(title="Đại hội bản nháp", status=Article.Status.DRAFT)

    html = page(client, reverse("articles:search"), q=query)

    titles = texts(html, "h2", class_="article-item-title")
    assert sorted(titles) == sorted([by_title.title, by_lead.title, by_body.title])
    assert "Tìm thấy 3 bài viết" in visible_text(html)
    assert "bản nháp" not in html


def test_search_needs_every_word(client):
    make_article(title="Đại hội Đảng")
    make_article(title="Hội nghị")

    html = page(client, reverse("articles:search"), q="hoi dang")

    assert text_of(html, "h2", class_="article-item-title") == "Đại hội Đảng"


def test_search_without_results_says_so(client):
    html = page(client, reverse("articles:search"), q="không có gì")

    assert "Không có bài viết nào phù hợp." in visible_text(html)


@pytest.mark.parametrize("query", ["", "   ", "%", "_", "x" * 201, "' OR 1=1 --"])
def test_odd_searches_never_fail(client, query):
    make_article(title="Giao thông 100% thông suốt")

    response = client.get(reverse("articles:search"), {"q": query})

    assert response.status_code == 200


def test_search_looks_for_words_not_signs(client):
    make_article(title="Giao thông 100% thông suốt")
    make_article(title="Không có ký hiệu")

    signs = page(client, reverse("articles:search"), q="%")
    number = page(client, reverse("articles:search"), q="100%")

    assert texts(signs, "h2", class_="article-item-title") == []
    assert "Hãy nhập từ khoá có chữ hoặc số." in visible_text(signs)
    assert text_of(number, "h2", class_="article-item-title") == "Giao thông 100% thông suốt"


def create_many(section, count):
    return [
        make_article(
            category=section,
            title=f"Thông báo {number:03d}",
            published_at=hanoi_time(2020, 1, 1) + timedelta(hours=number),
        )
        for number in range(count)
    ]


@pytest.mark.parametrize(
    ("requested", "shown"),
    [("1", 1), ("2", 2), ("0", 1), ("-3", 1), ("abc", 1), ("999", 3), ("", 1)],
)
def test_category_pagination_edges(client, section, requested, shown):
    create_many(section, 45)

    response = client.get(section.get_absolute_url(), {"page": requested})

    assert response.status_code == 200
    assert response.context["page_obj"].number == shown


def test_category_pages_hold_twenty_newest_first(client, section):
    create_many(section, 45)

    html = page(client, section.get_absolute_url(), page="2")

    titles = texts(html, "h2", class_="article-item-title")
    assert titles == [f"Thông báo {number:03d}" for number in range(24, 4, -1)]
    nav = text_of(html, "nav", class_="portal-pagination")
    assert nav == "Trang đầu « 1 2 3 » Trang cuối"


def test_pagination_keeps_the_search(client):
    for number in range(25):
        make_article(title=f"Đại hội {number}")

    html = page(client, reverse("articles:search"), q="dai hoi")

    assert tags(html, "a", href="?q=dai+hoi&page=2")


def test_unknown_category_is_404(client):
    assert client.get(reverse("articles:category", kwargs={"slug": "khong-co"})).status_code == 404


def test_menu_lists_the_sections(client, section):
    html = page(client, reverse("articles:home"))

    menu = text_of(html, "nav", class_="portal-menu")
    assert menu.startswith(
        "Trang chủ Tin tức - Sự kiện Chỉ đạo điều hành Văn bản pháp quy Thủ tục hành chính Hỏi đáp"
    )
    assert tags(html, "a", href=section.get_absolute_url())


def test_top_bar_shows_the_vietnamese_weekday(monkeypatch):
    saturday_evening_utc = datetime(2026, 11, 28, 16, 59, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: saturday_evening_utc)
    assert today_in_hanoi() == "Thứ Bảy, 28/11/2026"

    monkeypatch.setattr(timezone, "now", lambda: saturday_evening_utc + timedelta(minutes=1))
    assert today_in_hanoi() == "Chủ Nhật, 29/11/2026"  # midnight in Hanoi


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def test_site_feed_lists_published_articles_newest_first(client, section):
    older = make_article(category=section, title="Cũ", published_at=hanoi_time(2020, 11, 1, 8))
    newer = make_article(title="Mới", published_at=hanoi_time(2020, 11, 14, 13, 1))
    make_article(title="Nháp", status=Article.Status.DRAFT)

    channel = parse_feed(client, reverse("articles:feed"))

    assert channel.findtext("title") == "Cổng Giao tiếp điện tử thành phố Hà Nội"
    assert channel.findtext("language") == "vi"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Mới", "Cũ"]
    assert items[0].findtext("link").endswith(newer.get_absolute_url())
    assert items[0].findtext("description") == escape(newer.lead)
    published = parsedate_to_datetime(items[0].findtext("pubDate"))
    assert published == hanoi_time(2020, 11, 14, 13, 1)
    assert items[0].findtext("pubDate").endswith("+0700")
    assert items[1].findtext("category") == "Chỉ đạo điều hành"
    assert items[1].findtext("link").endswith(older.get_absolute_url())


def test_feeds_give_notice_text_as_text(client, section):
    make_article(category=section, title="Giá <b>xăng</b> & dầu", lead="Tăng <i>nhẹ</i> & ổn định")

    for url in [reverse("articles:feed"), section_feed_url()]:
        (item,) = parse_feed(client, url).findall("item")
        # A feed reader reads these as HTML: the tags must arrive escaped.
        assert item.findtext("title") == "Giá &lt;b&gt;xăng&lt;/b&gt; &amp; dầu"
        assert item.findtext("description") == "Tăng &lt;i&gt;nhẹ&lt;/i&gt; &amp; ổn định"


def section_feed_url():
    return reverse("articles:category_feed", kwargs={"slug": "chidaodieuhanh"})


def test_category_feed_lists_that_section_only(client, section):
    make_article(category=section, title="Trong chuyên mục")
    make_article(title="Ngoài chuyên mục")

    channel = parse_feed(
        client, reverse("articles:category_feed", kwargs={"slug": "chidaodieuhanh"})
    )

    assert [item.findtext("title") for item in channel.findall("item")] == ["Trong chuyên mục"]
    assert channel.findtext("title").startswith("Chỉ đạo điều hành")
    assert client.get("/rss/khong-co/").status_code == 404


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "quan-tri" not in text  # the admin's address is not advertised


def test_404_page_is_in_vietnamese(client):
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in text_of(html, "h1")
    assert '<html lang="vi">' in html


def test_500_page_is_in_vietnamese_and_needs_no_database(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()
