import time
import unicodedata
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from comments import tokens
from comments.models import Comment, FilterWord
from comments.tasks import notify_editors
from tests.helpers.factories import make_article, make_comment, make_editor
from tests.helpers.html import tags, text_of
from tests.helpers.tasks import results_of, run_queued_tasks

pytestmark = pytest.mark.django_db

Status = Comment.Status
THANKS = "Cảm ơn bạn đã gửi ý kiến."


def post(client, article, data, **meta):
    return client.post(reverse("comments:post", kwargs={"article_id": article.pk}), data, **meta)


def form_errors(response):
    return text_of(response.content.decode(), "div", class_="alert-danger")


def assert_form_kept(response, data):
    form = response.context["form"]
    for name in ("name", "phone", "title", "content"):
        assert form[name].value() == data[name]


def test_filled_honeypot_is_refused_and_the_text_kept(client, article, comment_data):
    data = comment_data(website="http://spam.example")

    response = post(client, article, data)

    assert response.status_code == 400
    assert "ô “Để trống ô này” phải để trống" in form_errors(response)
    assert_form_kept(response, data)
    assert Comment.objects.count() == 0


def test_honeypot_is_hidden_from_people(client, article):
    page = client.get(article.get_absolute_url()).content.decode()

    (trap,) = tags(page, "div", class_="comment-trap")
    assert trap["aria-hidden"] == "true"
    (field,) = tags(page, "input", name="website")
    assert field["tabindex"] == "-1"
    # Where a browser draws it: tests/browser/test_commenting.py.


def test_too_fast_a_submission_is_refused(client, article, comment_data, settings, time_machine):
    settings.COMMENT_MIN_SECONDS = 3
    time_machine.move_to(timezone.now(), tick=False)
    data = comment_data(started_at=time.time() - 2.9)  # shown 2.9 seconds ago

    response = post(client, article, data)

    assert response.status_code == 400
    assert "Bạn gửi nhanh quá." in form_errors(response)
    assert_form_kept(response, data)
    assert Comment.objects.count() == 0


def test_a_few_seconds_are_enough(client, article, comment_data, settings, time_machine):
    settings.COMMENT_MIN_SECONDS = 3
    time_machine.move_to(timezone.now(), tick=False)
    shown = time.time()

    time_machine.shift(2.9)
    assert post(client, article, comment_data(started_at=shown)).status_code == 400
    time_machine.shift(0.2)
    assert post(client, article, comment_data(started_at=shown)).status_code == 302


@pytest.mark.parametrize(
    "started",
    [
        "",
        "không-phải-chữ-ký",
        pytest.param("tampered", id="tampered"),
        pytest.param("other-article", id="other-article"),
        pytest.param("two-days-old", id="two-days-old"),
    ],
)
def test_missing_or_forged_start_time_is_refused(client, article, comment_data, started):
    data = comment_data()
    key, a_minute_ago = data["captcha_0"], time.time() - 60
    if started == "tampered":
        started = tokens.issue(article.pk, key, a_minute_ago).dumps()[:-2] + "xx"
    elif started == "other-article":
        started = tokens.issue(make_article().pk, key, a_minute_ago).dumps()
    elif started == "two-days-old":
        started = tokens.issue(article.pk, key, time.time() - 2 * 86400).dumps()
    data["started"] = started

    response = post(client, article, data)

    assert response.status_code == 400
    assert "Biểu mẫu đã cũ hoặc không hợp lệ." in form_errors(response)
    assert_form_kept(response, data)


@pytest.fixture
def limits(settings):
    settings.COMMENT_RATE_LIMITS = [(2, 60), (3, 86400)]


def test_flood_is_answered_429_with_the_form_kept(client, article, comment_data, limits):
    for number in range(2):
        assert post(client, article, comment_data(content=f"Ý kiến {number}")).status_code == 302
    data = comment_data(content="Ý kiến thứ ba")

    response = post(client, article, data)

    assert response.status_code == 429
    assert "Bạn đã gửi 2 ý kiến trong 1 phút." in form_errors(response)
    assert 1 <= int(response["Retry-After"]) <= 61
    assert_form_kept(response, data)
    assert Comment.objects.count() == 2


def test_the_daily_limit_counts_too(client, article, comment_data, limits):
    earlier = timezone.now() - timedelta(hours=2)
    for number in range(3):
        make_comment(article, ip_address="127.0.0.1", created_at=earlier, content=f"Cũ {number}")

    response = post(client, article, comment_data())

    assert response.status_code == 429
    assert "Bạn đã gửi 3 ý kiến trong 1 ngày." in form_errors(response)
    assert "Vui lòng gửi lại sau 22 giờ." in form_errors(response)


def test_failed_submissions_never_count(client, article, comment_data, limits):
    for _ in range(5):
        assert post(client, article, comment_data(captcha_1="SAI")).status_code == 400

    assert post(client, article, comment_data()).status_code == 302


def test_limits_are_per_client_address(client, article, comment_data, limits):
    for number in range(2):
        post(client, article, comment_data(content=f"Ý kiến {number}"))

    response = post(client, article, comment_data(), REMOTE_ADDR="203.113.131.7")

    assert response.status_code == 302
    assert Comment.objects.latest("created_at").ip_address == "203.113.131.7"


def test_forwarded_for_is_ignored_without_a_trusted_proxy(client, article, comment_data, limits):
    for number in range(2):
        post(client, article, comment_data(content=f"Ý kiến {number}"))

    response = post(client, article, comment_data(), HTTP_X_FORWARDED_FOR="198.51.100.9")

    assert response.status_code == 429


def test_trusted_proxy_gives_the_client_address(client, article, comment_data, settings):
    settings.TRUSTED_PROXY_COUNT = 1

    post(client, article, comment_data(), HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9")

    assert Comment.objects.get().ip_address == "198.51.100.9"  # what our proxy saw


def test_same_content_again_is_refused_as_a_duplicate(client, article, comment_data):
    post(client, article, comment_data(content="Đề nghị sửa đường Láng."))
    data = comment_data(content="  đề nghị   SỬA đường láng. ", title="Tiêu đề khác")

    response = post(client, article, data)

    assert response.status_code == 409
    assert "Bạn đã gửi ý kiến này cho bài viết trong hôm nay." in form_errors(response)
    assert_form_kept(response, data)
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "again",
    [
        "Đề nghị sửa đường\u200b Láng.",  # zero-width space
        "Đề nghị sửa đư\u00adờng Láng.",  # soft hyphen
        "\ufeffĐề nghị sửa đường Láng.",  # byte-order mark
        "Đề nghị sửa đường Láng!!!",
        "Đề nghị: sửa đường Láng",
        "Đề nghị sửa đường Láng.".upper(),
        "Đề nghị sửa đường Lánɡ.",  # Latin script small g look-alike
        "Đề nghị sửа đường Láng.",  # Cyrillic а
        "Đề nghị sửa đường Ｌáng．",  # fullwidth
        "Đề\u00a0nghị\u2003sửa\tđường\r\nLáng.",  # other spaces
    ],
)
def test_evasions_of_the_duplicate_check_are_caught(client, article, comment_data, again):
    post(client, article, comment_data(content="Đề nghị sửa đường Láng."))

    response = post(client, article, comment_data(content=unicodedata.normalize("NFD", again)))

    assert response.status_code == 409
    assert Comment.objects.count() == 1


def test_duplicate_by_phone_from_another_address(client, article, comment_data):
    post(client, article, comment_data(content="Cùng nội dung", phone="0912345678"))

    response = post(
        client,
        article,
        comment_data(content="Cùng nội dung", phone="+84 912 345 678"),
        REMOTE_ADDR="203.113.131.7",
    )

    assert response.status_code == 409


def test_same_content_is_fine_elsewhere_or_later(client, article, comment_data):
    make_comment(
        article,
        content="Cùng nội dung",
        ip_address="127.0.0.1",
        created_at=timezone.now() - timedelta(days=1, minutes=1),
    )
    other = make_article()

    assert post(client, article, comment_data(content="Cùng nội dung")).status_code == 302
    other_data = comment_data(content="Cùng nội dung")
    other_data["started"] = tokens.issue(
        other.pk, other_data["captcha_0"], time.time() - 60
    ).dumps()
    assert post(client, other, other_data).status_code == 302


def test_banned_word_sends_the_comment_to_rejected(client, article, comment_data, settings):
    settings.MANAGERS = [("Ban biên tập", "bientap@hanoi.gov.vn")]
    FilterWord.objects.create(word="đụ", kind=FilterWord.Kind.BANNED)

    response = post(client, article, comment_data(content="Đồ đụ"))

    assert response.status_code == 302  # the sender learns nothing
    comment = Comment.objects.get()
    assert comment.status == Status.REJECTED
    assert comment.review_notes == "Có từ cấm: “đụ”"
    # The decision log answers for it too: who (the word lists), when, why.
    [decision] = comment.decisions.all()
    assert (decision.action, decision.editor, decision.editor_name) == (
        "rejected",
        None,
        "Hệ thống",
    )
    assert (decision.reason, decision.note) == ("language", "Có từ cấm: “đụ”")
    assert decision.decided_at == comment.created_at
    assert not results_of(notify_editors).exists()  # nothing for the editors to do
    run_queued_tasks()
    assert mail.outbox == []


def test_folded_match_of_a_banned_word_only_marks(client, article, comment_data):
    FilterWord.objects.create(word="đụ", kind=FilterWord.Kind.BANNED)

    post(client, article, comment_data(content="Mùa du lịch Hà Nội"))

    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    assert comment.review_notes == "Giống từ cấm “đụ” khi bỏ dấu"


def test_suspect_words_are_shown_to_the_editor(client, article, comment_data):
    FilterWord.objects.create(word="lừa đảo", kind=FilterWord.Kind.SUSPECT)
    post(client, article, comment_data(content="Trang này lừa đảo"))
    make_comment(article, title="Bình thường")
    client.force_login(make_editor())

    response = client.get(reverse("admin:comments_comment_changelist"), {"luu_y": "co"})

    assert [comment.title for comment in response.context["cl"].result_list] == [
        "Góp ý về công tác chuẩn bị"
    ]
    assert "Có từ đáng ngờ: “lừa đảo”" in response.content.decode()
    flagged = Comment.objects.get(title="Góp ý về công tác chuẩn bị")
    assert flagged.status == Status.PENDING
    (flag,) = flagged.flags
    assert flag["places"] == [{"field": "content", "start": 10, "end": 17}]
    assert flagged.content[10:17] == "lừa đảo"


def test_links_keep_the_comment_pending_and_marked(client, article, comment_data):
    post(client, article, comment_data(content="Xem http://a.example và http://b.example"))

    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    assert comment.review_notes == "Có 2 liên kết"


def test_editors_manage_the_word_lists_in_the_admin(client):
    client.force_login(make_editor())

    response = client.post(
        reverse("admin:comments_filterword_add"), {"word": "  lừa   đảo ", "kind": "suspect"}
    )

    assert response.status_code == 302
    assert FilterWord.objects.get().word == "lừa đảo"
