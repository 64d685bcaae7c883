"""The editors' search of comments: whole words, without diacritics or
case, over the index each database keeps (comments/search.py)."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment
from tests.helpers.factories import make_article, make_comment
from tests.helpers.plans import table_scans

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


def found(client, query):
    response = client.get(CHANGELIST, {"q": query, "status": "all"})
    assert response.status_code == 200
    return sorted(comment.title for comment in response.context["cl"].result_list)


def test_words_are_found_without_diacritics_or_case(editor_client):
    make_comment(title="Đại hội", content="Chúc Đại hội thành công tốt đẹp.")
    make_comment(title="Thời tiết", content="Thời tiết hôm nay đẹp.")

    assert found(editor_client, "dai hoi") == ["Đại hội"]
    assert found(editor_client, "ĐẠI HỘI") == ["Đại hội"]
    assert found(editor_client, "thoi") == ["Thời tiết"]
    # Whole words: "hoi" is not a piece of "thời".
    assert found(editor_client, "hoi") == ["Đại hội"]


def test_every_word_must_be_there_in_any_field(editor_client):
    make_comment(name="Phạm Đức Thắng", title="Góp ý", content="Đề nghị sửa đường Láng.")
    make_comment(name="Lê Văn Tám", title="Góp ý khác", content="Đề nghị thêm cây xanh.")

    assert found(editor_client, "duc thang lang") == ["Góp ý"]
    assert found(editor_client, "de nghi") == ["Góp ý", "Góp ý khác"]
    assert found(editor_client, "tam lang") == []


def test_what_editors_type_is_never_search_syntax(editor_client):
    make_comment(title="Ý kiến", content="Đường Láng ngập.")

    for query in ['"lang', "lang OR *", "NEAR(lang)", "lang & !ngap", "lang:*", "'"]:
        response = editor_client.get(CHANGELIST, {"q": query, "status": "all"})
        assert response.status_code == 200
    assert found(editor_client, '"lang" OR ngap*') == []  # "or" is a word here
    assert found(editor_client, "(lang) ngap!") == ["Ý kiến"]


def test_the_index_follows_every_write(editor_client):
    article = make_article()
    posted = make_comment(article=article, title="Đã gửi", content="Ô nhiễm tiếng ồn.")
    Comment.objects.bulk_create(
        [Comment(article=article, name="Bạn đọc", title="Hàng loạt", content="Tiếng ồn ban đêm.")]
    )
    assert found(editor_client, "tieng on") == ["Hàng loạt", "Đã gửi"]

    posted.delete()

    assert found(editor_client, "tieng on") == ["Hàng loạt"]


def test_loaded_comments_are_found(editor_client, tmp_path):
    article = make_article()
    fixture = tmp_path / "comments.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "comments.comment",
                    "pk": 900,
                    "fields": {
                        "article": article.pk,
                        "name": "Bạn đọc",
                        "title": "Nạp lại",
                        "content": "Khôi phục từ bản sao lưu.",
                        "created_at": "2026-12-01T08:00:00Z",
                    },
                }
            ]
        ),
        encoding="utf-8",
    )

    call_command("loaddata", str(fixture), stdout=io.StringIO())

    assert found(editor_client, "khoi phuc") == ["Nạp lại"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plans")
@pytest.mark.parametrize("status", ["all", "pending"])
def test_a_search_never_reads_every_comment(editor_client, status):
    article = make_article()
    Comment.objects.bulk_create(
        Comment(article=article, name="Bạn đọc", title=f"Ý kiến {n}", content=f"Giao thông {n}.")
        for n in range(150)  # more than a page of the list
    )

    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(CHANGELIST, {"q": "giao thong 7", "status": status})

    assert [comment.title for comment in response.context["cl"].result_list] == ["Ý kiến 7"]
    assert "comments_comment" not in table_scans([q["sql"] for q in queries.captured_queries])


def test_the_lists_never_read_the_folded_copy_back(editor_client):
    make_comment(title="Ý kiến", content="Đường Láng ngập sau mưa.")

    with CaptureQueriesContext(connection) as queries:
        editor_client.get(CHANGELIST, {"status": "all"})
        editor_client.get(CHANGELIST, {"q": "duong lang", "status": "all"})

    assert not [query for query in queries.captured_queries if "search_text" in query["sql"]]


def test_a_common_word_shows_its_newest_matches_and_says_so(editor_client, monkeypatch):
    from comments import search

    monkeypatch.setattr(search, "NEWEST_MATCHES", 3)
    article = make_article()
    for number in range(5):
        make_comment(article, title=f"Ý kiến {number}", content="Thành phố cần thêm cây xanh.")

    assert found(editor_client, "thanh pho") == ["Ý kiến 2", "Ý kiến 3", "Ý kiến 4"]
    page = editor_client.get(CHANGELIST).content.decode()
    assert "Hiện tối đa 1.000 bình luận mới nhất." in page
