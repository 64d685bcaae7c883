"""The editors' queue shows what to judge: each comment's text in its row,
the words that flagged it marked, its reasons, and the queue's size and age
on every admin page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comments import moderation
from comments.admin import EXCERPT_LENGTH
from tests.helpers.factories import make_article, make_comment
from tests.helpers.html import tags, texts, visible_text

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")
SUSPECT = moderation.Word("lừa đảo", banned=False)


def flagged_comment(**fields):
    """A comment as posting stores it: its reasons found by the moderation rules."""
    fields.setdefault("name", "Trần Văn Bình")
    fields.setdefault("title", "Góp ý về dự án")
    verdict = moderation.review(
        {name: fields[name] for name in ("name", "title", "content")}, [SUSPECT]
    )
    return make_comment(flags=[reason.as_data() for reason in verdict.reasons], **fields)


def test_each_row_shows_the_text_with_the_flagged_words_marked(editor_client):
    flagged_comment(
        title="Cảnh báo LỪA ĐẢO",
        content="Có kẻ <b>giả danh</b> cán bộ để lừa đảo người dân.\nĐề nghị xử lý.",
    )

    html = editor_client.get(CHANGELIST).content.decode()

    [row] = [row for row in texts(html, "tr") if "Cảnh báo" in row]
    assert "Có kẻ <b>giả danh</b> cán bộ để lừa đảo người dân. Đề nghị xử lý." in row
    assert "&lt;b&gt;giả danh&lt;/b&gt;" in html  # what readers wrote stays text
    assert texts(html, "mark") == ["LỪA ĐẢO", "lừa đảo"]
    assert "Có từ đáng ngờ: “lừa đảo”" in row


def test_a_long_comment_shows_its_first_lines_and_the_rest_on_demand(editor_client):
    words = "Người dân phường Tràng Tiền kiến nghị sửa vỉa hè trước cửa nhà. "
    content = words * 10 + "Câu cuối cùng."
    flagged_comment(content=content)

    html = editor_client.get(CHANGELIST).content.decode()

    [excerpt] = texts(html, "p", class_="comment-excerpt")
    assert excerpt.endswith("…") and len(excerpt) <= EXCERPT_LENGTH + 1
    assert content.startswith(excerpt.removesuffix("…"))
    [whole] = [text for text in texts(html, "details") if text.startswith("Xem toàn bộ")]
    assert whole.removeprefix("Xem toàn bộ").startswith(content[:40])
    assert whole.endswith("Câu cuối cùng.")


def test_the_article_opens_in_a_new_tab(editor_client):
    article = make_article(title="Đại hội Đảng bộ thành phố")
    make_comment(article)

    html = editor_client.get(CHANGELIST).content.decode()

    [link] = [link for link in tags(html, "a") if link.get("href") == article.get_absolute_url()]
    assert (link["target"], link["rel"]) == ("_blank", "noopener")
    assert "(mở trong thẻ mới)" in visible_text(html)


def test_every_admin_page_says_how_many_wait_and_for_how_long(editor_client):
    now = timezone.now()
    make_comment(created_at=now - timedelta(hours=3, minutes=5))
    make_comment(created_at=now - timedelta(minutes=10))
    make_comment(status="approved", created_at=now - timedelta(days=9))

    for url in [reverse("admin:articles_article_changelist"), reverse("admin:index"), CHANGELIST]:
        html = editor_client.get(url).content.decode()
        [badge] = texts(html, "p", id="pending-badge")
        assert badge == "2 bình luận chờ duyệt · lâu nhất 3 giờ 5 phút", url


def test_an_empty_queue_says_so(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()

    assert texts(html, "p", id="pending-badge") == ["Không có bình luận chờ duyệt"]
