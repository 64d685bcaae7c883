"""The editors' newsroom: decisions from the queue's rows, reasons, the
append-only decision log and its export, the admin's history, undo, claims,
the editors' reply and the commenter's context."""

import csv
import io
import json
import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from comments.admin import FORMULA_STARTS, csv_cell
from comments.models import Claim, Comment, Decision
from tests.comments.test_queue import flagged_comment
from tests.helpers.factories import make_article, make_comment, make_editor, make_user
from tests.helpers.html import tags, text_of, texts, visible_text
from tests.helpers.plans import table_scans

pytestmark = pytest.mark.django_db

Status = Comment.Status
CHANGELIST = reverse("admin:comments_comment_changelist")
LOG = reverse("admin:comments_decision_changelist")
EXPORT = reverse("admin:comments_decision_export")


def change_url(comment):
    return reverse("admin:comments_comment_change", args=[comment.pk])


def decide_url(comment):
    return reverse("admin:comments_comment_decide", args=[comment.pk])


def undo_url(comment):
    return reverse("admin:comments_comment_undo", args=[comment.pk])


def reply_url(comment):
    return reverse("admin:comments_comment_reply", args=[comment.pk])


def messages_of(response):
    return [str(message) for message in response.wsgi_request._messages]


def loaded_at(html):
    [value] = re.findall(r'name="trang_mo_luc" value="([0-9.]+)"', html)
    return value


def row_buttons(html):
    """The formaction of each queue row's button, by its name, per comment."""
    found = {}
    for attributes in tags(html, "button"):
        if attributes.get("name") in {"_approve", "_reject"}:
            found.setdefault(attributes["formaction"], set()).add(attributes["name"])
    return found


# Deciding from the queue's rows, without script: the list's own form.


def test_each_row_posts_duyet_and_tu_choi_to_its_comment_within_the_list(editor_client):
    article = make_article(title="Cải tạo hồ Gươm")
    waiting = make_comment(article, title="Góp ý về hồ")
    approved = make_comment(article, title="Đã đăng", status=Status.APPROVED)
    filters = urlencode({"status": "all", "article__category__id__exact": article.category_id})

    html = editor_client.get(f"{CHANGELIST}?{filters}").content.decode()

    in_list = urlencode({"_changelist_filters": filters})
    buttons = row_buttons(html.replace("&amp;", "&"))
    assert buttons[f"{decide_url(waiting)}?{in_list}"] == {"_approve", "_reject"}
    # An approved comment can only be rejected.
    assert buttons[f"{decide_url(approved)}?{in_list}"] == {"_reject"}


def test_a_rows_duyet_decides_and_comes_back_to_the_same_list(editor_client):
    article = make_article()
    first = make_comment(article, title="Thứ nhất")
    filters = urlencode({"article__category__id__exact": article.category_id})
    html = editor_client.get(f"{CHANGELIST}?{filters}").content.decode()

    # What the browser sends: the whole list form, the row's button named.
    response = editor_client.post(
        f"{decide_url(first)}?{urlencode({'_changelist_filters': filters})}",
        {"_approve": "", "action": "", "trang_mo_luc": loaded_at(html)},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST}?{filters}"
    assert messages_of(response) == ["Đã duyệt bình luận “Thứ nhất”."]
    first.refresh_from_db()
    assert first.status == Status.APPROVED


def test_a_rows_tu_choi_without_a_reason_opens_the_comment_to_ask_for_one(editor_client):
    comment = make_comment(title="Quảng cáo bán hàng")

    response = editor_client.post(decide_url(comment), {"_reject": ""})

    assert response.status_code == 302
    assert response["Location"] == change_url(comment)
    assert messages_of(response) == ["Hãy chọn lý do từ chối."]
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert not Decision.objects.exists()
    page = editor_client.get(response["Location"]).content.decode()
    reasons = texts(page, "option")
    assert reasons[1:] == [
        "1. Spam",
        "2. Ngôn từ không phù hợp",
        "3. Không liên quan",
        "4. Chứa thông tin cá nhân",
        "5. Trùng lặp",
        "6. Khác",
    ]


def test_khac_needs_a_note(editor_client):
    comment = make_comment()

    response = editor_client.post(decide_url(comment), {"_reject": "", "ly_do": "other"})

    assert messages_of(response) == ["Lý do “Khác”: hãy ghi rõ lý do vào ô ghi chú."]
    comment.refresh_from_db()
    assert comment.status == Status.PENDING

    editor_client.post(
        decide_url(comment), {"_reject": "", "ly_do": "other", "ghi_chu": "  Bình luận  thử  "}
    )
    [decision] = Decision.objects.all()
    assert (decision.reason, decision.note) == ("other", "Bình luận thử")
    assert decision.summary == "Từ chối (Khác: Bình luận thử)"


def test_the_queues_script_gets_json_and_no_message_for_later(editor_client):
    comment = make_comment(title="Góp ý về đèn đường")
    later = make_comment(title="Sau")

    response = editor_client.post(
        decide_url(comment),
        {"_reject": "", "ly_do": "spam"},
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["message"] == "Đã từ chối bình luận “Góp ý về đèn đường”."
    assert data["status_label"] == "Từ chối"
    assert data["undo_url"] == undo_url(comment)
    assert data["next_url"] == change_url(later)
    assert messages_of(response) == []

    missing = editor_client.post(
        decide_url(later), {"_reject": ""}, headers={"Accept": "application/json"}
    )
    assert missing.status_code == 400
    assert json.loads(missing.content)["message"] == "Hãy chọn lý do từ chối."


def test_a_row_decided_by_someone_else_after_the_list_was_shown_is_refused(editor_client):
    comment = make_comment(title="Góp ý về vỉa hè")
    html = editor_client.get(CHANGELIST).content.decode()
    other = make_editor(username="an", first_name="An", last_name="Nguyễn")
    Comment.objects.filter(pk=comment.pk).moderate(Status.APPROVED, other)

    response = editor_client.post(
        decide_url(comment),
        {"_reject": "", "ly_do": "spam", "trang_mo_luc": loaded_at(html)},
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 409
    assert json.loads(response.content)["message"].startswith(
        "Chưa lưu quyết định của bạn: “Góp ý về vỉa hè” đã được An Nguyễn duyệt lúc "
    )
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (Status.APPROVED, other)


# Bulk actions: a reason once for the batch; flagged comments shown before approval.


def test_bulk_rejection_asks_once_for_the_reason_of_the_batch(editor_client):
    comments = [make_comment(title=f"Rao vặt số {number}") for number in range(3)]
    ticked = [comment.pk for comment in comments]

    asked = editor_client.post(CHANGELIST, {"action": "reject", "_selected_action": ticked})

    html = asked.content.decode()
    assert "Từ chối 3 bình luận với cùng một lý do" in visible_text(html)
    assert [f"{c.title} (mở trong thẻ mới)" for c in comments] == texts(html, "a", target="_blank")
    assert Comment.objects.pending().count() == 3
    assert {tag["value"] for tag in tags(html, "input", name="_selected_action")} == {
        str(pk) for pk in ticked
    }

    without_note = editor_client.post(
        CHANGELIST,
        {"action": "reject", "_selected_action": ticked, "ly_do": "other", "post": "yes"},
    )
    assert "Lý do “Khác”: hãy ghi rõ lý do" in text_of(
        without_note.content.decode(), "p", class_="errornote"
    )
    assert Comment.objects.pending().count() == 3

    done = editor_client.post(
        CHANGELIST,
        {"action": "reject", "_selected_action": ticked, "ly_do": "spam", "post": "yes"},
        follow=True,
    )
    assert "Đã từ chối 3 bình luận." in messages_of(done)
    assert Comment.objects.rejected().count() == 3
    assert sorted(Decision.objects.values_list("comment_number", "reason", "action")) == [
        (pk, "spam", "rejected") for pk in sorted(ticked)
    ]


def test_bulk_approval_of_flagged_comments_lists_them_first(editor_client):
    plain = make_comment(title="Cảm ơn thành phố")
    flagged = flagged_comment(content="Cẩn thận lừa đảo qua điện thoại.", title="Cảnh báo")
    ticked = [plain.pk, flagged.pk]

    asked = editor_client.post(CHANGELIST, {"action": "approve", "_selected_action": ticked})

    html = asked.content.decode()
    assert "1 bình luận cần lưu ý" in visible_text(html)
    assert "Cảnh báo" in visible_text(html)
    assert "Cảm ơn thành phố" not in visible_text(html)
    assert "Có từ đáng ngờ: “lừa đảo”" in text_of(html, "ul", class_="confirm-reasons")
    assert Comment.objects.approved().count() == 0

    done = editor_client.post(
        CHANGELIST,
        {"action": "approve", "_selected_action": ticked, "post": "yes"},
        follow=True,
    )
    assert "Đã duyệt 2 bình luận." in messages_of(done)
    assert Comment.objects.approved().count() == 2
    assert sorted(Decision.objects.values_list("comment_number", "action", "from_status")) == [
        (pk, "approved", "pending") for pk in sorted(ticked)
    ]
    assert sorted(
        LogEntry.objects.values_list("object_id", "change_message", "action_flag")
    ) == sorted((str(pk), "Duyệt", CHANGE) for pk in ticked)


def test_bulk_approval_without_flags_needs_no_confirmation(editor_client):
    comment = make_comment()

    done = editor_client.post(
        CHANGELIST, {"action": "approve", "_selected_action": [comment.pk]}, follow=True
    )

    assert "Đã duyệt 1 bình luận." in messages_of(done)


# The log, the admin's history and undo.


def test_every_decision_is_logged_with_who_when_from_what_and_why(editor_client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    editor = make_editor(username="hoa", first_name="Hoa", last_name="Lê")
    editor_client.force_login(editor)
    comment = make_comment(make_article(title="Lễ hội mùa thu"), title="Ý kiến về lễ hội")

    editor_client.post(decide_url(comment), {"_approve": ""})
    editor_client.post(
        decide_url(comment), {"_reject": "", "ly_do": "personal_data", "ghi_chu": "Có số CCCD"}
    )

    approved, rejected = Decision.objects.order_by("pk")
    assert (approved.action, approved.from_status, approved.reason) == ("approved", "pending", "")
    assert (rejected.action, rejected.from_status, rejected.reason) == (
        "rejected",
        "approved",
        "personal_data",
    )
    assert rejected.note == "Có số CCCD"
    for decision in (approved, rejected):
        assert decision.editor == editor
        assert decision.editor_name == "Hoa Lê"
        assert decision.decided_at == timezone.now()
        assert (decision.comment_title, decision.article_title) == (
            "Ý kiến về lễ hội",
            "Lễ hội mùa thu",
        )
    # The admin's own history: "Hoạt động gần đây" and the comment's "Lịch sử".
    entries = LogEntry.objects.filter(object_id=str(comment.pk)).order_by("pk")
    assert [(e.user_id, e.action_flag, e.get_change_message()) for e in entries] == [
        (editor.pk, CHANGE, "Duyệt"),
        (editor.pk, CHANGE, "Từ chối (Chứa thông tin cá nhân: Có số CCCD)"),
    ]
    history_url = reverse("admin:comments_comment_history", args=[comment.pk])
    history = editor_client.get(history_url).content.decode()
    assert "Từ chối (Chứa thông tin cá nhân: Có số CCCD)" in visible_text(history)
    home = editor_client.get(reverse("admin:index")).content.decode()
    assert "Ý kiến về lễ hội" in home


def test_a_comments_page_shows_its_history(editor_client):
    editor = make_editor(username="minh", first_name="Minh", last_name="Phạm")
    comment = make_comment(title="Góp ý")
    Comment.objects.filter(pk=comment.pk).moderate(Status.REJECTED, editor, reason="duplicate")

    html = editor_client.get(change_url(comment)).content.decode()

    history = text_of(html, "ol", class_="decision-list")
    assert "Minh Phạm · Từ chối (Trùng lặp) (trước đó: chờ duyệt)" in history


def test_the_log_keeps_its_meaning_when_the_comment_and_the_editor_are_gone(editor_client):
    editor = make_editor(username="tam", first_name="Tâm")
    comment = make_comment(make_article(title="Bài sẽ bị xoá"), title="Bình luận sẽ bị xoá")
    Comment.objects.filter(pk=comment.pk).moderate(Status.REJECTED, editor, reason="spam")
    number = comment.pk

    comment.article.delete()
    editor.delete()

    [decision] = Decision.objects.all()
    assert (decision.comment_id, decision.editor_id) == (None, None)
    assert decision.comment_number == number
    assert (decision.comment_title, decision.article_title, decision.editor_name) == (
        "Bình luận sẽ bị xoá",
        "Bài sẽ bị xoá",
        "Tâm",
    )
    html = editor_client.get(LOG).content.decode()
    assert f"#{number} Bình luận sẽ bị xoá (đã xoá)" in visible_text(html)


def test_an_editor_undoes_their_last_decision_and_the_undo_is_logged(editor_client):
    comment = make_comment(title="Lỡ tay")
    editor_client.post(decide_url(comment), {"_reject": "", "ly_do": "spam"})

    response = editor_client.post(undo_url(comment), headers={"Accept": "application/json"})

    assert json.loads(response.content)["message"] == "Đã hoàn tác: “Lỡ tay” trở lại chờ duyệt."
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    undone = Decision.objects.first()  # newest first
    assert (undone.action, undone.from_status, undone.note) == ("pending", "rejected", "Hoàn tác")


def test_undo_never_reverts_another_editors_later_decision(editor_client):
    comment = make_comment(title="Tranh chấp")
    editor_client.post(decide_url(comment), {"_reject": "", "ly_do": "spam"})
    other = make_editor(username="lan")
    Comment.objects.filter(pk=comment.pk).moderate(Status.APPROVED, other)

    response = editor_client.post(undo_url(comment), headers={"Accept": "application/json"})

    assert response.status_code == 409
    assert json.loads(response.content)["message"].startswith("Không hoàn tác được")
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (Status.APPROVED, other)


def test_nobody_changes_or_deletes_the_log_through_the_admin_superusers_included(client):
    comment = make_comment()
    Comment.objects.filter(pk=comment.pk).moderate(Status.REJECTED, make_editor(), reason="spam")
    [decision] = Decision.objects.all()
    client.force_login(make_user(is_staff=True, is_superuser=True))
    change = reverse("admin:comments_decision_change", args=[decision.pk])
    delete = reverse("admin:comments_decision_delete", args=[decision.pk])

    page = client.get(change).content.decode()
    assert client.get(change).status_code == 200  # read, not written
    assert 'name="_save"' not in page
    assert client.post(change, {"reason": "other", "note": "sửa"}).status_code == 403
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:comments_decision_add")).status_code == 403
    listing = client.get(LOG).content.decode()
    assert "delete_selected" not in listing
    client.post(
        LOG, {"action": "delete_selected", "_selected_action": [decision.pk], "post": "yes"}
    )

    decision.refresh_from_db()
    assert (decision.reason, decision.note) == ("spam", "")
    assert Decision.objects.count() == 1


def test_the_log_refuses_changes_in_code_too():
    comment = make_comment()
    Comment.objects.filter(pk=comment.pk).moderate(Status.APPROVED, make_editor())
    decision = Decision.objects.get()

    decision.note = "sửa lại"
    with pytest.raises(PermissionError):
        decision.save()
    with pytest.raises(PermissionError):
        decision.delete()
    with pytest.raises(PermissionError):
        Decision.objects.update(note="x")
    with pytest.raises(PermissionError):
        Decision.objects.all().delete()
    assert Decision.objects.get().note == ""


def test_editors_read_the_log_and_filter_it(editor_client):
    editor = make_editor(username="an", first_name="An")
    other = make_editor(username="binh", first_name="Bình")
    first, second = make_comment(title="Một"), make_comment(title="Hai")
    Comment.objects.filter(pk=first.pk).moderate(Status.REJECTED, editor, reason="spam")
    Comment.objects.filter(pk=second.pk).moderate(Status.APPROVED, other)

    everything = visible_text(editor_client.get(LOG).content.decode())
    rejected = visible_text(editor_client.get(LOG, {"reason__exact": "spam"}).content.decode())
    by_other = visible_text(
        editor_client.get(LOG, {"editor__id__exact": other.pk}).content.decode()
    )

    assert (
        "#" + str(first.pk) + " Một" in everything and "#" + str(second.pk) + " Hai" in everything
    )
    assert "Một" in rejected and "Hai" not in rejected
    assert "Hai" in by_other and "Một" not in by_other


# The CSV export.


def exported(client, **filters):
    response = client.get(EXPORT, filters)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert data.startswith("\ufeff".encode())  # Excel reads UTF-8 by its BOM
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_csv_export_has_the_filtered_log_with_formulas_neutralised(editor_client):
    article = make_article(title='=HYPERLINK("http://x")')
    attack = make_comment(article, title="=cmd|' /C calc'!A0", phone="+84912345678")
    plain = make_comment(article, title="Góp ý về chợ Đồng Xuân")
    editor = make_editor(username="an", first_name="An", last_name="Nguyễn")
    Comment.objects.filter(pk=attack.pk).moderate(
        Status.REJECTED, editor, reason="other", note="@SUM(1+1)"
    )
    Comment.objects.filter(pk=plain.pk).moderate(Status.APPROVED, editor)

    header, *rows = exported(editor_client, reason__exact="other")

    assert header[:3] == ["Lúc", "Biên tập viên", "Quyết định"]
    assert header[-2:] == ["Số điện thoại", "Địa chỉ IP"]  # the editors may see contacts
    [row] = rows
    assert row[1:6] == ["An Nguyễn", "Từ chối", "Chờ duyệt", "Khác", "'@SUM(1+1)"]
    assert row[7] == "'=cmd|' /C calc'!A0"
    assert row[9] == '\'=HYPERLINK("http://x")'
    assert row[10] == "0912 345 678"


def test_the_csv_export_leaves_contacts_out_without_the_permission(client):
    comment = make_comment(phone="+84912345678", ip_address="203.113.131.5")
    Comment.objects.filter(pk=comment.pk).moderate(Status.APPROVED, make_editor())
    reader = make_user(is_staff=True)
    reader.user_permissions.add(*Permission.objects.filter(codename="view_decision"))
    client.force_login(reader)

    header, row = exported(client)

    assert "Số điện thoại" not in header and len(row) == len(header) == 10
    assert "0912 345 678" not in ",".join(row) and "203.113.131.5" not in ",".join(row)


def test_the_csv_export_needs_the_logs_view_permission(client):
    client.force_login(make_user(is_staff=True))
    assert client.get(EXPORT).status_code == 403


@given(st.text())
def test_a_csv_cell_never_starts_a_formula_and_reads_back_as_written(text):
    cell = csv_cell(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell == text or cell == "'" + text
    buffer = io.StringIO()
    csv.writer(buffer).writerow([cell])
    [[read_back]] = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert read_back == cell


# The editors' reply.


def test_the_editors_reply_is_written_edited_withdrawn_and_logged(editor_client, client):
    article = make_article(title="Xây cầu mới")
    comment = make_comment(article, title="Khi nào xong cầu?", status=Status.APPROVED)

    editor_client.post(reply_url(comment), {"tra_loi": "Dự kiến tháng 6/2027.\nXin cảm ơn."})
    page = client.get(article.get_absolute_url()).content.decode()
    [reply] = texts(page, "aside", class_="editor-reply")
    assert reply.startswith("Trả lời của Ban biên tập (")
    assert "Dự kiến tháng 6/2027. Xin cảm ơn." in reply
    assert reply.endswith("Ban biên tập")

    editor_client.post(reply_url(comment), {"tra_loi": "Dự kiến tháng 9/2027."})
    page = client.get(article.get_absolute_url()).content.decode()
    assert "tháng 9/2027" in text_of(page, "aside", class_="editor-reply")
    assert "tháng 6/2027" not in page

    editor_client.post(reply_url(comment), {"_withdraw_reply": ""})
    page = client.get(article.get_absolute_url()).content.decode()
    assert texts(page, "aside", class_="editor-reply") == []

    log = list(Decision.objects.order_by("pk").values_list("action", "note"))
    assert log == [
        ("replied", "Dự kiến tháng 6/2027.\nXin cảm ơn."),
        ("reply_edited", "Dự kiến tháng 9/2027."),
        ("reply_withdrawn", "Dự kiến tháng 9/2027."),
    ]
    assert LogEntry.objects.filter(object_id=str(comment.pk)).count() == 3


def test_the_reply_is_escaped_and_hidden_while_its_comment_is_not_approved(editor_client, client):
    article = make_article()
    comment = make_comment(article, title="Câu hỏi")
    response = editor_client.post(
        reply_url(comment), {"tra_loi": "<script>alert('x')</script> Đã chuyển <b>Sở</b>."}
    )
    assert messages_of(response) == [
        "Đã lưu trả lời của Ban biên tập. Trả lời sẽ hiện khi bình luận được duyệt."
    ]
    assert "<script>alert" not in client.get(article.get_absolute_url()).content.decode()
    assert "Đã chuyển" not in client.get(article.get_absolute_url()).content.decode()

    Comment.objects.filter(pk=comment.pk).moderate(Status.APPROVED, make_editor())
    page = client.get(article.get_absolute_url()).content.decode()

    assert (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Đã chuyển &lt;b&gt;Sở&lt;/b&gt;." in page
    )
    assert "<script>alert" not in page


def test_an_empty_reply_is_refused_and_nothing_is_logged(editor_client):
    comment = make_comment()

    response = editor_client.post(reply_url(comment), {"tra_loi": " \u200b\n  "})

    assert messages_of(response) == ["Hãy viết nội dung trả lời."]
    assert not Decision.objects.exists()


def test_the_reply_form_says_the_reader_is_not_notified(editor_client):
    html = editor_client.get(change_url(make_comment())).content.decode()
    assert "Người gửi không được báo tin" in visible_text(html)


# Claims.


def test_next_pending_skips_a_comment_another_editor_has_open_until_the_claim_expires(
    client, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    now = timezone.now()
    first = make_comment(title="Một", created_at=now - timedelta(hours=3))
    second = make_comment(title="Hai", created_at=now - timedelta(hours=2))
    third = make_comment(title="Ba", created_at=now - timedelta(hours=1))
    an = make_editor(username="an", first_name="An", last_name="Nguyễn")
    binh = make_editor(username="binh")
    client.force_login(an)
    client.get(change_url(second))  # An has the second open
    client.force_login(binh)

    page = client.get(change_url(first)).content.decode()
    assert f'href="{change_url(third)}" data-key-next' in page

    other_view = client.get(change_url(second)).content.decode()
    assert "An Nguyễn đang mở bình luận này (đến " in text_of(
        other_view, "p", class_="claim-notice"
    )

    time_machine.shift(timedelta(seconds=Claim.DURATION_SECONDS + 1))
    page = client.get(change_url(first)).content.decode()
    assert f'href="{change_url(second)}" data-key-next' in page


def test_the_claim_is_renewed_while_the_page_is_open_and_released_by_a_decision(
    client, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    comment = make_comment()
    an, binh = make_editor(username="an"), make_editor(username="binh", first_name="Bình")
    client.force_login(an)
    client.get(change_url(comment))
    claim = reverse("admin:comments_comment_claim", args=[comment.pk])

    time_machine.shift(timedelta(seconds=Claim.DURATION_SECONDS - 10))
    assert json.loads(client.post(claim).content) == {"claimed_by": None}
    time_machine.shift(timedelta(seconds=60))
    assert Comment.objects.claimed_by_others(binh).filter(pk=comment.pk).exists()

    client.force_login(binh)
    answer = json.loads(client.post(claim).content)
    assert answer["claimed_by"].startswith("an đang mở bình luận này")

    client.force_login(an)
    client.post(decide_url(comment), {"_approve": ""})
    assert not Claim.objects.exists()


# The commenter's context.


def test_the_commenters_other_comments_need_the_contact_permission(client):
    phone = "+84912345678"
    make_comment(title="Lần trước", phone=phone, status=Status.APPROVED)
    make_comment(title="Lần kia", phone=phone, status=Status.REJECTED)
    make_comment(title="Cùng mạng", ip_address="203.113.131.9")
    comment = make_comment(title="Lần này", phone=phone, ip_address="203.113.131.9")

    client.force_login(make_editor())
    html = client.get(change_url(comment)).content.decode()
    context = text_of(html, "fieldset", class_="commenter-context")
    assert (
        "Cùng số điện thoại (0912 345 678): 2 bình luận khác — 1 đã duyệt, 1 bị từ chối, "
        "0 chờ duyệt." in context
    )
    assert "Cùng mạng (203.113.131.9/32): 1 bình luận khác" in context
    assert "Lần trước" in context and "Lần kia" in context

    no_contact = make_user(is_staff=True)
    no_contact.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_comment", "change_comment"])
    )
    client.force_login(no_contact)
    html = client.get(change_url(comment)).content.decode()
    assert "commenter-context" not in html
    assert "0912 345 678" not in html and "Lần trước" not in html


def test_a_reader_of_the_queue_who_cannot_decide_holds_nothing(client):
    comment = make_comment()
    reader = make_user(is_staff=True)
    reader.user_permissions.add(*Permission.objects.filter(codename="view_comment"))
    client.force_login(reader)

    assert client.get(change_url(comment)).status_code == 200

    assert not Claim.objects.exists()


# A real archive: the newsroom's pages never read it all, and their queries
# do not grow with the rows shown.


def newsroom_pages(comment):
    return [
        CHANGELIST,
        change_url(comment),
        LOG,
        reverse("admin:comments_comment_statistics"),
    ]


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def fill_archive(count):
    article = make_article()
    editor = make_editor()
    Comment.objects.bulk_create(
        Comment(
            article=article,
            name="Bạn đọc",
            title=f"Góp ý {number}",
            content="Nội dung",
            phone="+84912345678",
            network="203.113.131.5/32",
        )
        for number in range(count)
    )
    Comment.objects.filter(pk__in=Comment.objects.values("pk")[: count // 2]).moderate(
        Status.REJECTED, editor, reason="spam"
    )
    return Comment.objects.pending().last()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plans")
def test_the_newsrooms_pages_never_scan_the_comments_or_the_log(editor_client):
    comment = fill_archive(300)

    for url in newsroom_pages(comment):
        scans = table_scans(queries_of(editor_client, url))
        assert not scans & {"comments_comment", "comments_decision"}, (url, scans)


def test_the_newsrooms_pages_ask_as_many_queries_for_many_rows_as_for_few(editor_client):
    few = [len(queries_of(editor_client, url)) for url in newsroom_pages(fill_archive(4))]
    many = [len(queries_of(editor_client, url)) for url in newsroom_pages(fill_archive(120))]

    assert many == few


def test_the_log_is_searched_by_a_comments_number_or_its_words(editor_client):
    editor = make_editor()
    lamps = make_comment(title="Đèn đường hỏng", content="Phố Huế tối om.")
    other = make_comment(title="Cây đổ")
    for comment in (lamps, other):
        Comment.objects.filter(pk=comment.pk).moderate(Status.APPROVED, editor)

    by_words = visible_text(editor_client.get(LOG, {"q": "den duong"}).content.decode())
    by_number = visible_text(editor_client.get(LOG, {"q": f"#{other.pk}"}).content.decode())

    assert "Đèn đường hỏng" in by_words and "Cây đổ" not in by_words
    assert "Cây đổ" in by_number and "Đèn đường hỏng" not in by_number
