"""Search: whole words without diacritics or case, ranked, phrases,
highlights, and an index the database keeps in step with every way of
writing articles. Runs on SQLite (`make test`) and PostgreSQL (`make
test-postgres`)."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone

from articles import search
from articles.models import SEARCH_TEXT_LIMIT, Article
from articles.search_index import FTS_TABLE, TRIGGERS
from portal.text import find_words
from tests.helpers.factories import hanoi_time, make_article, make_category, make_editor
from tests.helpers.html import tags, text_of, texts, visible_text

pytestmark = pytest.mark.django_db


def found(client, query, **params):
    """The titles the readers' search shows, in order, and the page."""
    response = client.get(reverse("articles:search"), {"q": query, **params})
    assert response.status_code == 200
    html = response.content.decode()
    return texts(html, "h2", class_="article-item-title"), html


def titles(client, query):
    return found(client, query)[0]


def indexed(word):
    """How many articles the database's own index holds with this (folded)
    word: the index itself, not the folded columns it is built from."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            sql = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
            cursor.execute(sql, [f'"{word}"'])
        else:
            sql = "SELECT count(*) FROM articles_article WHERE search_vector @@ %s::tsquery"
            cursor.execute(sql, [f"'{word}'"])
        return cursor.fetchone()[0]


# What matches


def test_words_match_whole_not_inside_other_words(client):
    make_article(title="Đại hội Đảng bộ thành phố", lead="Khai mạc.", body="")
    make_article(title="Thời tiết Hà Nội", lead="Trời rét.", body="")

    assert titles(client, "hoi") == ["Đại hội Đảng bộ thành phố"]
    assert titles(client, "thoi") == ["Thời tiết Hà Nội"]
    assert titles(client, "ho") == []


@pytest.mark.parametrize(
    "query", ["dai hoi", "Đại hội", "ĐẠI HỘI", "đại HỘI", "Dai Hoi", "ＤＡＩ ＨＯＩ", "  dai\tHOI "]
)
def test_diacritics_and_case_do_not_matter(client, query):
    make_article(title="ĐẠI HỘI đại biểu lần thứ XIII", lead="Sapo.", body="")
    make_article(title="Hội nghị Ban Chấp hành", lead="Sapo.", body="")

    assert titles(client, query) == ["ĐẠI HỘI đại biểu lần thứ XIII"]


@pytest.mark.parametrize("query", ["duong", "Đường", "đường", "DUONG"])
def test_d_with_stroke_is_d(client, query):
    make_article(title="Đường Hoàng Quốc Việt thông xe", lead="Sapo.", body="")

    assert titles(client, query) == ["Đường Hoàng Quốc Việt thông xe"]


def test_every_word_must_match_in_any_field(client):
    both = make_article(title="Đại hội", lead="Đảng bộ quận Hoàn Kiếm.", body="")
    make_article(title="Đại hội thể thao", lead="Học sinh.", body="")

    assert titles(client, "dai hoi hoan kiem") == [both.title]


def test_unpublished_and_scheduled_articles_are_never_found(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    make_article(title="Lễ hội hoa anh đào", status=Article.Status.DRAFT)
    make_article(title="Lễ hội đền Hùng", published_at=timezone.now() + timedelta(minutes=1))
    make_article(title="Lễ hội chùa Hương", published_at=timezone.now() - timedelta(seconds=1))

    assert titles(client, "le hoi") == ["Lễ hội chùa Hương"]


def test_a_draft_published_later_is_found(client):
    article = make_article(title="Lễ hội hoa anh đào", status=Article.Status.DRAFT)
    assert titles(client, "anh dao") == []

    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)

    assert titles(client, "anh dao") == ["Lễ hội hoa anh đào"]


# Ranking


def test_title_ranks_above_lead_above_body_whatever_the_dates(client):
    make_article(
        title="Thông báo",
        lead="Sapo.",
        body="Phục vụ Đại hội.",
        published_at=hanoi_time(2020, 11, 3),
    )
    make_article(
        title="Kết luận", lead="Về Đại hội.", body="", published_at=hanoi_time(2020, 11, 2)
    )
    make_article(title="Đại hội", lead="Sapo.", body="", published_at=hanoi_time(2020, 11, 1))

    assert titles(client, "dai hoi") == ["Đại hội", "Kết luận", "Thông báo"]


def test_equal_relevance_newest_first(client):
    for day in [3, 1, 4, 2]:
        make_article(title=f"Đại hội ngày {day}", published_at=hanoi_time(2020, 11, day))
    make_article(
        title="Đại hội cùng giờ", published_at=hanoi_time(2020, 11, 2, 8, 0) + timedelta(seconds=30)
    )

    assert titles(client, "dai hoi") == [
        "Đại hội ngày 4",
        "Đại hội ngày 3",
        "Đại hội cùng giờ",
        "Đại hội ngày 2",
        "Đại hội ngày 1",
    ]


def test_articles_of_any_date_are_found_newest_first(client):
    for year in [1965, 2024, 1900, 1970]:
        make_article(title=f"Đại hội năm {year}", published_at=hanoi_time(year, 1, 1))

    assert titles(client, "dai hoi") == [
        "Đại hội năm 2024",
        "Đại hội năm 1970",
        "Đại hội năm 1965",
        "Đại hội năm 1900",
    ]


def test_whole_query_in_the_title_ranks_above_a_query_split_over_title_and_lead(client):
    make_article(
        title="Đại hội quận", lead="Đảng bộ quận.", body="", published_at=hanoi_time(2020, 11, 2)
    )
    make_article(
        title="Đại hội Đảng bộ", lead="Sapo.", body="", published_at=hanoi_time(2020, 11, 1)
    )
    make_article(
        title="Đại hội phường", lead="Sapo.", body="Đảng bộ.", published_at=hanoi_time(2020, 11, 3)
    )

    assert titles(client, "dai hoi dang bo") == [
        "Đại hội Đảng bộ",
        "Đại hội quận",
        "Đại hội phường",
    ]


def test_ranking_continues_on_the_next_page(client):
    for number in range(25):
        make_article(
            title=f"Tin {number}",
            lead="Sapo.",
            body="Đại hội.",
            published_at=hanoi_time(2020, 1, 1) + timedelta(hours=number),
        )
    make_article(title="Đại hội", lead="Sapo.", body="", published_at=hanoi_time(2019, 1, 1))

    first, _ = found(client, "dai hoi")
    second, _ = found(client, "dai hoi", page=2)

    assert first == ["Đại hội"] + [f"Tin {number}" for number in range(24, 5, -1)]
    assert second == [f"Tin {number}" for number in range(5, -1, -1)]


def test_a_common_word_is_ranked_among_its_newest_matches(client, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 5)
    old = make_article(title="Đại hội", lead="Sapo.", body="", published_at=hanoi_time(2019, 1, 1))
    newer = [
        make_article(
            title=f"Tin {day}", lead="Sapo.", body="Đại hội.", published_at=hanoi_time(2020, 1, day)
        )
        for day in range(1, 7)
    ]
    newer[1].title = "Đại hội thứ hai"
    newer[1].save()

    ranked, html = found(client, "dai hoi")

    assert ranked == ["Đại hội thứ hai", "Tin 6", "Tin 5", "Tin 4", "Tin 3"]
    assert old.title not in ranked
    assert "Tìm thấy hơn 5 bài viết" in visible_text(html)


# Phrases


def test_quotes_ask_for_the_words_together_in_order(client):
    make_article(title="Đại hội đại biểu", lead="Sapo.", body="")
    make_article(title="Hội nghị đại biểu", lead="Sapo.", body="")
    make_article(title="Đại biểu dự hội nghị", lead="Sapo.", body="")

    assert titles(client, '"dai bieu"') == [
        "Đại biểu dự hội nghị",
        "Hội nghị đại biểu",
        "Đại hội đại biểu",
    ]
    assert len(titles(client, "hoi dai")) == 3
    assert titles(client, '"hoi dai"') == ["Đại hội đại biểu"]
    assert titles(client, '"hội nghị" “đại biểu”') == ["Đại biểu dự hội nghị", "Hội nghị đại biểu"]


def test_a_phrase_with_words_beside_it(client):
    make_article(title="Đại hội Đảng bộ quận Ba Đình", lead="Sapo.", body="")
    make_article(title="Đảng bộ quận Ba Đình chuẩn bị đại hội", lead="Sapo.", body="")

    assert titles(client, 'ba dinh "dai hoi dang"') == ["Đại hội Đảng bộ quận Ba Đình"]


# The reader's syntax is text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"dai hoi', ["Đại hội đại biểu", "Đại biểu dự hội nghị"]),  # unmatched quote
        ('dai hoi"', ["Đại hội đại biểu", "Đại biểu dự hội nghị"]),
        ("dai* hoi*", ["Đại hội đại biểu", "Đại biểu dự hội nghị"]),  # no prefix search
        ("-nghi dai", ["Đại biểu dự hội nghị"]),  # no exclusion
        ("(dai) AND (hoi)", []),  # "and" is a word like any other
        ("dai OR xyz", []),  # no alternatives
        ("NEAR(dai hoi)", []),
        ("title:dai", []),  # no column filters
        ("{title}: dai", []),
        ("dai^ hoi", ["Đại hội đại biểu", "Đại biểu dự hội nghị"]),
        ("dai:A & hoi", []),  # "a" is a word to find
        ("dai <-> hoi", ["Đại hội đại biểu", "Đại biểu dự hội nghị"]),
        ("'dai' \\hoi", ["Đại hội đại biểu", "Đại biểu dự hội nghị"]),
        ("dai_hoi", ["Đại hội đại biểu", "Đại biểu dự hội nghị"]),  # "_" separates words
    ],
)
def test_search_syntax_typed_by_a_reader_is_plain_text(client, query, expected):
    make_article(
        title="Đại hội đại biểu", lead="Sapo.", body="", published_at=hanoi_time(2020, 1, 2)
    )
    make_article(
        title="Đại biểu dự hội nghị", lead="Sapo.", body="", published_at=hanoi_time(2020, 1, 1)
    )

    assert titles(client, query) == expected


@pytest.mark.parametrize(
    "query", ['"', '""', "*", "(", ")", "'", "\\", "-", ":", "^", "{}", "…", "_"]
)
def test_a_query_without_words_says_what_to_type(client, query):
    make_article(title="Đại hội", lead="Sapo.", body="")

    ranked, html = found(client, query)

    assert ranked == []
    assert "Hãy nhập từ khoá có chữ hoặc số." in visible_text(html)


def test_a_long_query_keeps_its_first_words(client):
    make_article(title="Một hai ba bốn năm sáu bảy tám chín mười", lead="Sapo.", body="")
    words = "mot hai ba bon nam sau bay tam chin muoi"

    assert titles(client, words) == ["Một hai ba bốn năm sáu bảy tám chín mười"]
    # Words beyond the tenth are dropped, not required.
    assert titles(client, words + " không có") == ["Một hai ba bốn năm sáu bảy tám chín mười"]
    assert titles(client, "khong co " + words) == []
    assert len(search.parse_query("đại hội " * 100).phrases) == 2


def test_a_query_longer_than_the_field_is_refused_with_a_message(client):
    make_article(title="Đại hội", lead="Sapo.", body="")

    ranked, html = found(client, "đại hội " * 30)

    assert ranked == []
    assert "200" in text_of(html, "p", id="search-q-error")


# Highlights


def test_matches_are_marked_in_the_original_title_and_snippet(client):
    make_article(
        title="Chuẩn bị ĐẠI HỘI, thời gian <b>mới</b>",
        lead="Các đơn vị phục vụ Đại hội đại biểu toàn quốc lần thứ XIII.",
        body="",
    )

    words = found(client, "dai hoi")[1]
    phrase = found(client, '"dai hoi"')[1]

    title = '">Chuẩn bị <mark>ĐẠI</mark> <mark>HỘI</mark>, thời gian &lt;b&gt;mới&lt;/b&gt;</a>'
    assert title in words
    lead = "phục vụ <mark>Đại</mark> <mark>hội</mark> <mark>đại</mark> biểu toàn quốc"
    assert lead in words
    assert '">Chuẩn bị <mark>ĐẠI HỘI</mark>, thời gian &lt;b&gt;mới&lt;/b&gt;</a>' in phrase
    assert "phục vụ <mark>Đại hội</mark> đại biểu toàn quốc" in phrase


def test_a_phrase_is_marked_as_one_and_nowhere_else(client):
    make_article(title="Đại hội đại biểu; hội nghị đại biểu", lead="Sapo.", body="")

    _, html = found(client, '"hoi nghi"')

    assert "Đại hội đại biểu; <mark>hội nghị</mark> đại biểu" in html


def test_html_in_text_is_escaped_and_marks_stay_outside_entities(client):
    make_article(title="Tom & Jerry <script>alert(1)</script>", lead="Lt & gt.", body="")

    _, html = found(client, "lt script")

    assert "<script>alert" not in html
    assert "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;" in html
    assert "<mark>Lt</mark> &amp; gt." in html


def test_the_snippet_is_the_passage_of_the_body_with_the_words(client):
    filler = " ".join(["Nội dung khác."] * 60)
    make_article(
        title="Thông báo",
        lead="Văn phòng thông báo.",
        body=f"{filler}\n\nPhó Chủ tịch đề nghị phục vụ tốt Đại hội.\n\n{filler}",
    )

    _, html = found(client, '"dai hoi"')

    snippet = text_of(html, "p", class_="article-item-lead")
    assert snippet == "Phó Chủ tịch đề nghị phục vụ tốt Đại hội."
    assert "<mark>Đại hội</mark>" in html


def test_a_long_paragraph_gives_a_cut_snippet_around_the_match(client):
    before = " ".join(["Trước đó."] * 80)
    after = " ".join(["Sau đó."] * 80)
    make_article(title="Thông báo", lead="Sapo.", body=f"{before} Đại hội khai mạc. {after}")

    _, html = found(client, '"khai mac"')

    snippet = text_of(html, "p", class_="article-item-lead")
    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "<mark>khai mạc</mark>" in html
    assert len(snippet) <= search.SNIPPET_LENGTH + 4


def test_a_title_match_shows_the_lead(client):
    make_article(title="Đại hội", lead="Khai mạc sáng nay tại Hà Nội.", body="Nội dung.")

    _, html = found(client, "dai hoi")

    assert text_of(html, "p", class_="article-item-lead") == "Khai mạc sáng nay tại Hà Nội."


def test_find_words_gives_offsets_in_the_original_text():
    text = "Lừa\u200bđảo: ĐẠI HỘI, thời Đại hội"

    spans = find_words(text, [("luadao",), ("dai", "hoi"), ("hoi",)])

    assert [text[start:end] for start, end in spans] == ["Lừa\u200bđảo", "ĐẠI HỘI", "Đại hội"]


def test_find_words_with_decomposed_letters():
    text = "Đa\u0323i ho\u0302\u0323i"  # "Đại hội" typed with combining marks

    assert find_words(text, [("dai", "hoi")]) == [(0, len(text))]


# The index follows every way of writing


def test_index_follows_save_and_delete(client):
    article = make_article(title="Phố đi bộ Hồ Gươm", lead="Sapo.", body="")
    assert titles(client, "ho guom") == ["Phố đi bộ Hồ Gươm"]

    article.title = "Phố đi bộ Trịnh Công Sơn"
    article.save()
    assert titles(client, "ho guom") == []
    assert titles(client, "trinh cong son") == ["Phố đi bộ Trịnh Công Sơn"]
    assert indexed("guom") == 0

    article.delete()
    assert titles(client, "trinh cong son") == []
    assert indexed("trinh") == 0


def test_index_follows_update_with_text_and_with_expressions(client):
    article = make_article(title="Phố đi bộ Hồ Gươm", lead="Sapo.", body="")

    Article.objects.filter(pk=article.pk).update(title="Cầu Long Biên")
    assert titles(client, "long bien") == ["Cầu Long Biên"]
    assert titles(client, "ho guom") == []

    Article.objects.filter(pk=article.pk).update(lead=Concat(F("lead"), Value(" Đèn đỏ.")))
    assert titles(client, "den do") == ["Cầu Long Biên"]
    assert Article.objects.get().search_lead == "sapo den do"


def test_index_follows_bulk_create_and_bulk_update(client):
    section = make_category()
    created = Article.objects.bulk_create(
        [
            Article(
                title="Chợ Đồng Xuân",
                lead="Sapo.",
                slug="cho-dong-xuan",
                category=section,
                status=Article.Status.PUBLISHED,
            ),
            Article(
                title="Nhà hát Lớn",
                lead="Sapo.",
                slug="nha-hat-lon",
                category=section,
                status=Article.Status.PUBLISHED,
            ),
        ]
    )
    assert titles(client, "dong xuan") == ["Chợ Đồng Xuân"]

    articles = list(Article.objects.order_by("pk"))
    for article in articles:
        article.lead = "Mở cửa ban đêm."
    Article.objects.bulk_update(articles, ["lead"])

    assert sorted(titles(client, "ban dem")) == ["Chợ Đồng Xuân", "Nhà hát Lớn"]
    assert len(created) == 2


def test_index_follows_a_change_of_publication_time(client):
    first = make_article(title="Đại hội lần một", published_at=hanoi_time(2020, 1, 1))
    make_article(title="Đại hội lần hai", published_at=hanoi_time(2020, 1, 2))

    Article.objects.filter(pk=first.pk).update(published_at=hanoi_time(2020, 1, 3))

    assert titles(client, "dai hoi") == ["Đại hội lần một", "Đại hội lần hai"]


def test_index_follows_loaddata(client, tmp_path):
    section = make_category()
    fixture = tmp_path / "articles.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "articles.article",
                    "pk": 9001,
                    "fields": {
                        "title": "Hồ Tây lộng gió",
                        "slug": "ho-tay",
                        "category": section.pk,
                        "lead": "Sapo.",
                        "body": "Hoàng hôn trên Hồ Tây.",
                        "status": "published",
                        "published_at": "2020-11-14T06:00:00Z",
                        "created_at": "2020-11-14T06:00:00Z",
                        "updated_at": "2020-11-14T06:00:00Z",
                    },
                }
            ]
        ),
        encoding="utf-8",
    )

    call_command("loaddata", str(fixture), verbosity=0)

    assert titles(client, "hoang hon") == ["Hồ Tây lộng gió"]
    assert indexed("hoang") == 1


def test_index_follows_the_importer(client, tmp_path):
    notice = tmp_path / "thong-bao.txt"
    notice.write_text(
        "Thông báo lịch tiếp công dân tháng Mười hai (08:30 02/12/2020)\n\n"
        "HNP - Văn phòng UBND thành phố thông báo lịch tiếp công dân.\n\n"
        "Chủ tịch UBND thành phố tiếp công dân định kỳ.\n\nMinh Anh\n",
        encoding="utf-8",
    )

    call_command("import_notices", str(notice), verbosity=0)

    assert titles(client, "tiep cong dan") == ["Thông báo lịch tiếp công dân tháng Mười hai"]
    assert indexed("dinh") == 1


def test_rebuild_search_puts_right_what_raw_sql_left(client):
    make_article(title="Lừa đảo qua điện thoại", lead="Cảnh báo", body="")
    with connection.cursor() as cursor:
        # A write behind the ORM's back: the folded title goes stale.
        cursor.execute("UPDATE articles_article SET search_title = 'lua dao'")
    assert titles(client, "dien thoai") == []

    call_command("rebuild_search", verbosity=0)

    assert titles(client, "dien thoai") == ["Lừa đảo qua điện thoại"]
    assert Article.objects.get().search_title == "lua dao qua dien thoai"


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_migrate_puts_back_triggers_a_remade_table_lost(client):
    article = make_article(title="Phố cổ", lead="Sapo.", body="")
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")
    Article.objects.filter(pk=article.pk).update(title="Phố Hàng Mã")
    assert titles(client, "hang ma") == []

    call_command("migrate", verbosity=0)

    assert titles(client, "hang ma") == ["Phố Hàng Mã"]
    article.delete()
    assert indexed("hang") == 0


def test_search_reads_a_long_body_up_to_its_limit(client):
    words = "Nội dung dài. " * (SEARCH_TEXT_LIMIT // 10)
    make_article(title="Văn bản dài", lead="Sapo.", body=f"Mở đầu. {words} Kết thúc.")

    assert titles(client, "mo dau") == ["Văn bản dài"]
    assert titles(client, "ket thuc") == []


# The admin and the cost of a search


def test_admin_search_finds_whole_words_drafts_included_newest_first(client):
    editor = make_editor()
    client.force_login(editor)
    draft = make_article(
        title="Đại hội (nháp)", status=Article.Status.DRAFT, published_at=hanoi_time(2020, 1, 2)
    )
    published = make_article(title="Đại hội", published_at=hanoi_time(2020, 1, 1))
    make_article(title="Thời sự", lead="Thời tiết.", body="")

    response = client.get(reverse("admin:articles_article_changelist"), {"q": "hoi"})

    assert list(response.context["cl"].result_list) == [draft, published]


def test_the_search_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    section = make_category()
    counts = []
    for total in [1, 30, search.CANDIDATES + 1]:
        Article.objects.bulk_create(
            Article(
                title=f"Đại hội {total} {number}",
                slug=f"dai-hoi-{total}-{number}",
                lead="Sapo.",
                category=section,
                status=Article.Status.PUBLISHED,
            )
            for number in range(total - Article.objects.count())
        )
        with django_assert_num_queries(3) as captured:
            ranked, _ = found(client, "dai hoi")
        counts.append(len(captured.captured_queries))
        assert len(ranked) == min(total, 20)
    assert counts == [3, 3, 3]


def test_pagination_links_keep_the_query(client):
    for number in range(25):
        make_article(title=f"Đại hội {number}")

    _, html = found(client, '"dai hoi"')

    assert tags(html, "a", href="?q=%22dai+hoi%22&page=2")
