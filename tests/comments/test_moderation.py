import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from tests.helpers.factories import (
    EDITOR_PERMISSIONS,
    make_article,
    make_comment,
    make_editor,
    make_user,
)
from tests.helpers.html import text_of, visible_text

pytestmark = pytest.mark.django_db

Status = Comment.Status
CHANGELIST = reverse("admin:comments_comment_changelist")


def change_url(comment):
    return reverse("admin:comments_comment_change", args=[comment.pk])


def decide_url(comment):
    return reverse("admin:comments_comment_decide", args=[comment.pk])


def run_action(client, action, *comments, **fields):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [comment.pk for comment in comments], **fields},
        follow=True,
    )


def test_the_whole_path_from_reader_to_editor(client, article, comment_data, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    response = client.post(
        reverse("comments:post", kwargs={"article_id": article.pk}),
        comment_data(
            title="Đề nghị mở rộng đường", content="Đường Láng hay tắc.\r\nĐề nghị mở rộng."
        ),
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    assert "Đề nghị mở rộng đường" not in client.get(article.get_absolute_url()).content.decode()

    editor = make_editor()
    client.force_login(editor)
    queue = client.get(CHANGELIST).content.decode()
    assert "Đề nghị mở rộng đường" in queue
    approved = run_action(client, "approve", comment)
    assert "Đã duyệt 1 bình luận." in approved.content.decode()
    client.logout()

    comment.refresh_from_db()
    assert comment.status == Status.APPROVED
    assert comment.moderated_by == editor
    assert comment.moderated_at == timezone.now()
    page = client.get(article.get_absolute_url()).content.decode()
    section = text_of(page, "section", class_="comments")
    assert "Ý kiến bạn đọc (1)" in section
    assert "Đề nghị mở rộng đường" in section
    assert "Nguyễn Văn An" in section
    assert "Đường Láng hay tắc. Đề nghị mở rộng." in section
    assert "Đường Láng hay tắc.<br>Đề nghị mở rộng." in page


def test_page_shows_approved_comments_only_with_their_time(client):
    article = make_article()
    created = timezone.make_aware(timezone.datetime(2020, 11, 15, 9, 5))
    make_comment(article, title="Được duyệt", status=Status.APPROVED, created_at=created)
    make_comment(article, title="Đang chờ", status=Status.PENDING)
    make_comment(article, title="Bị từ chối", status=Status.REJECTED)
    make_comment(make_article(), title="Bài khác", status=Status.APPROVED)

    page = client.get(article.get_absolute_url()).content.decode()

    section = text_of(page, "section", class_="comments")
    assert "Ý kiến bạn đọc (1)" in section
    assert "Được duyệt Nguyễn Thị Hoa (09:05 15/11/2020)" in section
    for hidden in ("Đang chờ", "Bị từ chối", "Bài khác"):
        assert hidden not in page


def test_phone_ip_and_status_never_reach_the_public_page(client):
    article = make_article()
    make_comment(
        article,
        status=Status.APPROVED,
        phone="+84912345678",
        ip_address="203.113.131.5",
        user_agent="Mozilla/5.0 (đặc biệt)",
    )

    page = client.get(article.get_absolute_url()).content.decode()

    for secret in ("912345678", "0912", "203.113.131.5", "đặc biệt", "Đã duyệt", "approved"):
        assert secret not in page


def test_queue_opens_on_pending_comments_oldest_first(client):
    article = make_article()
    now = timezone.now()
    newer = make_comment(article, title="Mới hơn", created_at=now - timedelta(hours=1))
    older = make_comment(article, title="Cũ hơn", created_at=now - timedelta(days=1))
    make_comment(article, title="Đã xử lý", status=Status.APPROVED)
    client.force_login(make_editor())

    response = client.get(CHANGELIST)

    result_list = list(response.context["cl"].result_list)
    assert result_list == [older, newer]
    assert response.context["cl"].show_full_result_count is False
    everything = client.get(CHANGELIST, {"status": "all"})
    assert len(everything.context["cl"].result_list) == 3


def test_pending_count_on_the_admin_home(client):
    make_comment()
    make_comment()
    make_comment(status=Status.APPROVED)
    client.force_login(make_editor())

    page = client.get(reverse("admin:index")).content.decode()

    assert "2 bình luận đang chờ duyệt" in visible_text(page)


def test_reject_action_records_who_and_when(client):
    pending = make_comment(title="Quảng cáo")
    already = make_comment(status=Status.REJECTED)
    editor = make_editor()
    client.force_login(editor)

    response = run_action(client, "reject", pending, already, ly_do="spam", post="yes")

    assert "Đã từ chối 1 bình luận." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Status.REJECTED
    assert pending.moderated_by == editor


def test_single_comment_buttons_decide_and_go_to_the_next_pending(client):
    article = make_article()
    now = timezone.now()
    first = make_comment(article, title="Thứ nhất", created_at=now - timedelta(hours=3))
    second = make_comment(article, title="Thứ hai", created_at=now - timedelta(hours=2))
    editor = make_editor()
    client.force_login(editor)

    page = client.get(change_url(first)).content.decode()
    assert 'value="Duyệt"' in page and 'value="Từ chối"' in page
    assert change_url(second) in page  # "sang bình luận chờ duyệt tiếp theo"

    response = client.post(decide_url(first), {"_approve": "Duyệt"})
    assert response.status_code == 302
    assert response["Location"] == change_url(second)
    first.refresh_from_db()
    assert (first.status, first.moderated_by) == (Status.APPROVED, editor)

    response = client.post(decide_url(second), {"_reject": "Từ chối", "ly_do": "spam"})
    assert response["Location"] == CHANGELIST  # the queue is empty
    second.refresh_from_db()
    assert second.status == Status.REJECTED


def test_decision_needs_a_post_and_a_choice(client):
    comment = make_comment()
    client.force_login(make_editor())

    assert client.get(decide_url(comment)).status_code == 405
    assert client.post(decide_url(comment), {}).status_code == 400
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_reader_text_is_read_only_in_the_admin(client):
    comment = make_comment(content="Nguyên văn")
    client.force_login(make_editor())

    client.post(change_url(comment), {"content": "Đã sửa", "status": "approved"})

    comment.refresh_from_db()
    assert comment.content == "Nguyên văn"
    assert comment.status == Status.PENDING


def test_editors_group_has_exactly_the_moderation_and_writing_permissions():
    """Moderating includes managing the word lists."""
    group = Group.objects.get(name="Biên tập viên")

    granted = set(group.permissions.values_list("content_type__app_label", "codename").order_by())

    assert granted == EDITOR_PERMISSIONS


def test_editor_can_write_an_article_but_not_manage_users(client):
    client.force_login(make_editor())

    assert client.get(reverse("admin:articles_article_add")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_staff_outside_the_group_cannot_approve(client):
    comment = make_comment()
    outsider = make_user(is_staff=True)
    outsider.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(outsider)

    run_action(client, "approve", comment)
    response = client.post(decide_url(comment), {"_approve": "Duyệt"})

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert 'value="Duyệt"' not in client.get(change_url(comment)).content.decode()


def test_phone_and_ip_need_their_own_permission(client):
    comment = make_comment(phone="+84912345678", ip_address="203.113.131.5")
    reader_of_queue = make_user(is_staff=True)
    reader_of_queue.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_comment", "change_comment"])
    )
    client.force_login(reader_of_queue)
    page = client.get(change_url(comment)).content.decode()
    assert "0912 345 678" not in page and "+84912345678" not in page
    assert "203.113.131.5" not in page

    client.force_login(make_editor())
    page = client.get(change_url(comment)).content.decode()
    assert "0912 345 678" in page  # the Vietnamese way, never E.164
    assert "+84912345678" not in page
    assert "203.113.131.5" in page


CONTACT_LOOKUPS = [
    f"{path}__{lookup}" if lookup else path
    for path in ["phone", "ip_address", "network", "user_agent", "article__comments__phone"]
    for lookup in ["", "exact", "startswith", "istartswith", "contains", "regex", "gt", "lte",
                   "isnull", "in", "endswith"]
]  # fmt: skip


def queue_reader():
    """Staff who may read and decide on comments, but not see contact details."""
    user = make_user(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_comment", "change_comment", "view_article"])
    )
    return user


@pytest.mark.parametrize("lookup", CONTACT_LOOKUPS)
def test_staff_without_the_permission_cannot_filter_by_contact_details(client, lookup):
    make_comment(phone="+84912345678", ip_address="2001:db8::7", user_agent="Firefox/140")
    client.force_login(queue_reader())

    matching = client.get(CHANGELIST, {lookup: "+849", "status": "all"})
    missing = client.get(CHANGELIST, {lookup: "+848", "status": "all"})

    # Refused alike whether or not a comment matches: nothing to learn.
    assert matching.status_code == missing.status_code == 400
    assert matching.content == missing.content
    assert "+84912345678" not in matching.content.decode()


@pytest.mark.parametrize("lookup", ["comments__phone__startswith", "comments__ip_address"])
def test_contact_details_cannot_be_reached_from_the_article_list(client, lookup):
    make_comment(phone="+84912345678")
    client.force_login(queue_reader())

    assert (
        client.get(reverse("admin:articles_article_changelist"), {lookup: "+84"}).status_code == 400
    )


def test_editors_with_the_permission_may_filter_by_phone(client):
    wanted = make_comment(phone="+84912345678")
    make_comment(phone="+84987654321")
    client.force_login(make_editor())

    response = client.get(CHANGELIST, {"phone__startswith": "+849123", "status": "all"})

    assert list(response.context["cl"].result_list) == [wanted]


def test_saving_a_read_only_comment_changes_nothing_and_says_so(client):
    comment = make_comment(title="Giữ nguyên", content="Nội dung gốc")
    client.force_login(make_editor())

    response = client.post(
        change_url(comment),
        {"title": "Sửa", "content": "Đã sửa", "status": "approved"},
        follow=True,
    )

    page = visible_text(response.content.decode())
    assert "Không có gì để lưu" in page
    assert "thành công" not in page
    comment.refresh_from_db()
    assert (comment.title, comment.content, comment.status) == (
        "Giữ nguyên",
        "Nội dung gốc",
        "pending",
    )


def test_editors_find_a_comment_by_the_phone_as_typed(client):
    wanted = make_comment(title="Có số", phone="+84912345678")
    make_comment(title="Không số")
    client.force_login(make_editor())

    response = client.get(CHANGELIST, {"q": "0912 345 678", "status": "all"})

    assert list(response.context["cl"].result_list) == [wanted]


def test_editors_search_by_vietnamese_name(client):
    wanted = make_comment(name="Phạm Đức Thắng")
    make_comment(name="Lê Văn Tám")
    client.force_login(make_editor())

    response = client.get(CHANGELIST, {"q": "Đức Thắng"})

    assert list(response.context["cl"].result_list) == [wanted]


def test_captcha_clean_removes_expired_captchas(capsys):
    from captcha.models import CaptchaStore

    CaptchaStore.objects.create(
        challenge="23456", response="23456", expiration=timezone.now() - timedelta(minutes=1)
    )
    fresh = CaptchaStore.objects.create(challenge="78945", response="78945")

    call_command("captcha_clean", verbosity=0)

    assert list(CaptchaStore.objects.all()) == [fresh]


def test_a_decision_made_meanwhile_by_another_editor_is_not_undone(client):
    comment = make_comment(title="Góp ý về vỉa hè")
    first = make_editor(username="an", first_name="An", last_name="Nguyễn")
    second = make_editor(username="binh")
    client.force_login(second)
    page = client.get(change_url(comment)).content.decode()
    assert 'name="trang_thai_da_xem" value="pending"' in page
    # Meanwhile, the first editor approves it.
    Comment.objects.filter(pk=comment.pk).moderate(Status.APPROVED, first)

    response = client.post(
        decide_url(comment),
        {"_reject": "Từ chối", "ly_do": "off_topic", "trang_thai_da_xem": "pending"},
    )

    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (Status.APPROVED, first)
    assert response["Location"] == change_url(comment)  # back to look again
    [message] = [str(m) for m in response.wsgi_request._messages]
    assert message.startswith(
        "Chưa lưu quyết định của bạn: “Góp ý về vỉa hè” đã được An Nguyễn duyệt lúc "
    )

    # Having seen it approved, the editor may still reject it.
    client.post(
        decide_url(comment),
        {"_reject": "Từ chối", "ly_do": "off_topic", "trang_thai_da_xem": "approved"},
    )
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (Status.REJECTED, second)


def test_a_bulk_decision_skips_and_names_what_was_decided_after_the_list_was_shown(client):
    article = make_article()
    waiting = make_comment(article, title="Còn chờ")
    decided = make_comment(article, title="Đã có người duyệt")
    first = make_editor(username="an", first_name="An", last_name="Nguyễn")
    client.force_login(make_editor(username="binh"))
    page = client.get(CHANGELIST).content.decode()
    [loaded_at] = re.findall(r'name="trang_mo_luc" value="([0-9.]+)"', page)
    Comment.objects.filter(pk=decided.pk).moderate(Status.APPROVED, first)

    response = client.post(
        CHANGELIST,
        {
            "action": "reject",
            "_selected_action": [waiting.pk, decided.pk],
            "trang_mo_luc": loaded_at,
            "ly_do": "duplicate",
            "post": "yes",
        },
        follow=True,
    )

    waiting.refresh_from_db()
    decided.refresh_from_db()
    assert waiting.status == Status.REJECTED
    assert (decided.status, decided.moderated_by) == (Status.APPROVED, first)
    shown = [str(message) for message in response.context["messages"]]
    assert "Đã từ chối 1 bình luận." in shown
    assert any(
        text.startswith(
            "Không đổi các bình luận đã được quyết định sau khi bạn mở danh sách: "
            "“Đã có người duyệt” đã được An Nguyễn duyệt lúc "
        )
        for text in shown
    )


def test_next_pending_stays_in_the_list_the_editor_came_from(client):
    traffic, schools = make_article(title="Giao thông"), make_article(title="Trường học")
    now = timezone.now()
    first = make_comment(traffic, title="Vỉa hè 1", created_at=now - timedelta(hours=4))
    make_comment(schools, title="Vỉa hè ở trường", created_at=now - timedelta(hours=3))
    make_comment(traffic, title="Đèn đỏ", created_at=now - timedelta(hours=2))
    second = make_comment(traffic, title="Vỉa hè 2", created_at=now - timedelta(hours=1))
    client.force_login(make_editor())
    filters = urlencode({"article__category__id__exact": traffic.category_id, "q": "via he"})
    came_from = {"_changelist_filters": filters}

    page = client.get(change_url(first), came_from).content.decode()
    assert f"{decide_url(first)}?{urlencode(came_from)}" in page.replace("&amp;", "&")

    response = client.post(f"{decide_url(first)}?{urlencode(came_from)}", {"_approve": "Duyệt"})
    assert response["Location"] == f"{change_url(second)}?{urlencode(came_from)}"

    response = client.post(f"{decide_url(second)}?{urlencode(came_from)}", {"_approve": "Duyệt"})
    assert response["Location"] == f"{CHANGELIST}?{filters}"  # none left in that list


def test_a_forged_list_filter_falls_back_to_the_whole_queue(client):
    comment = make_comment(title="Thứ nhất")
    other = make_comment(title="Thứ hai")
    client.force_login(make_editor())
    forged = urlencode({"_changelist_filters": "khong_co_truong=1&created_at__year=abc"})

    response = client.post(f"{decide_url(comment)}?{forged}", {"_approve": "Duyệt"})

    assert response.status_code == 302
    assert response["Location"].startswith(change_url(other))


@pytest.mark.parametrize("sent", ["", "abc", "nan", "inf", "-inf", "1e400", "-1e20", "１２"])
def test_a_bulk_decision_with_a_broken_list_time_decides_as_asked(client, sent):
    comment = make_comment(title="Góp ý")
    client.force_login(make_editor())

    response = client.post(
        CHANGELIST,
        {"action": "approve", "_selected_action": [comment.pk, "abc"], "trang_mo_luc": sent},
        follow=True,
    )

    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED
