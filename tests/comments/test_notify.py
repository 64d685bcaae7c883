"""The mail to the editors: queued by the reader's POST, sent by the worker.

Real parts throughout: the database task backend, the `db_worker` command,
and mail servers on local ports (a real SMTP server, a refused port, a
server that never answers).
"""

import logging

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus

from comments.models import Comment
from comments.tasks import MAX_ATTEMPTS, RETRY_DELAYS, notify_editors
from tests.helpers.factories import make_editor
from tests.helpers.html import text_of
from tests.helpers.mailserver import body_of, refusing_port, silent_server, smtp_server
from tests.helpers.tasks import results_of, run_queued_tasks

pytestmark = pytest.mark.django_db

FENCE = "Nội dung bạn đọc gửi (chưa kiểm duyệt, không bấm vào liên kết trong đó):"
SITE = "https://congthongtin.hanoi.gov.vn"


@pytest.fixture
def managers(settings):
    settings.MANAGERS = [("Ban biên tập", "bientap@hanoi.gov.vn")]
    settings.SITE_URL = SITE


def post(client, article, data, **extra):
    url = reverse("comments:post", kwargs={"article_id": article.pk})
    return client.post(url, data, **extra)


def review_link(comment):
    return SITE + reverse("admin:comments_comment_change", args=[comment.pk])


def test_the_post_only_queues_the_mail_when_the_server_hangs(
    client, article, comment_data, managers, mail_via, django_capture_on_commit_callbacks
):
    with silent_server() as (port, callers):
        mail_via(port)
        # Whatever would run after the commit runs here too.
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, article, comment_data())

        assert response.status_code == 302
        assert callers() == 0  # the request never opened a connection to the mail server
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    [queued] = results_of(notify_editors)
    assert queued.status == TaskResultStatus.READY
    assert queued.args_kwargs == {"args": [comment.pk], "kwargs": {}}


def test_the_post_only_queues_the_mail_when_the_server_refuses(
    client, article, comment_data, managers, mail_via, django_capture_on_commit_callbacks, caplog
):
    with refusing_port() as port:
        mail_via(port)
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, article, comment_data())

    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert results_of(notify_editors).get().status == TaskResultStatus.READY
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


def test_a_refused_comment_leaves_no_task(client, article, comment_data, managers):
    post(client, article, comment_data(content="Lần một"))
    data = comment_data(content="Lần một")  # the same again: a duplicate, refused

    assert post(client, article, data).status_code == 409
    assert Comment.objects.count() == 1
    assert results_of(notify_editors).count() == 1


def test_the_worker_mails_the_editors(client, article, comment_data, managers, mail_via):
    post(client, article, comment_data(title="Góp ý\nvề giao thông", phone="0912 345 678"))
    comment = Comment.objects.get()

    with smtp_server() as (port, inbox):
        mail_via(port)
        run_queued_tasks()

    [message] = inbox.messages
    assert message["To"] == "bientap@hanoi.gov.vn"
    # Django folds the encoded subject onto a continuation line; the parser keeps its space.
    assert message["Subject"].strip() == "[Cổng Hà Nội] Bình luận chờ duyệt: Góp ý về giao thông"
    body = body_of(message)
    assert f"Bài viết: {article.title}\n" in body
    assert f"Duyệt hoặc từ chối: {review_link(comment)}\n" in body
    assert "> Người gửi: Nguyễn Văn An\n> Tiêu đề: Góp ý về giao thông\n" in body
    assert "> Đề nghị thành phố công khai tiến độ.\n> Xin cảm ơn." in body
    assert body.index(review_link(comment)) < body.index(FENCE) < body.index("Nguyễn Văn An")
    assert results_of(notify_editors).get().status == TaskResultStatus.SUCCESSFUL
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_no_contact_data_in_the_mail(client, article, comment_data, managers, mail_via):
    post(client, article, comment_data(phone="0912 345 678"), REMOTE_ADDR="203.113.131.7")
    comment = Comment.objects.get()
    assert (comment.phone, comment.ip_address) == ("+84912345678", "203.113.131.7")

    with smtp_server() as (port, inbox):
        mail_via(port)
        run_queued_tasks()

    [message] = inbox.messages
    text = message.as_string()
    for contact in ["912345678", "912 345 678", "203.113.131.7", "Số điện thoại", "IP"]:
        assert contact not in text


def test_a_planted_link_cannot_pass_for_ours(client, article, comment_data, managers, mail_via):
    planted = (
        "Xem chi tiết tại đây.\r\n"
        "------------------------------------------------------------\r\n"
        "Duyệt hoặc từ chối: https://hanoi-gov.example/duyet"
    )
    post(client, article, comment_data(content=planted))
    comment = Comment.objects.get()

    with smtp_server() as (port, inbox):
        mail_via(port)
        run_queued_tasks()

    lines = body_of(inbox.messages[0]).splitlines()
    ours = [line for line in lines if line.startswith("Duyệt hoặc từ chối:")]
    assert ours == [f"Duyệt hoặc từ chối: {review_link(comment)}"]
    reader_lines = lines[lines.index(FENCE) + 1 :]
    assert "> Duyệt hoặc từ chối: https://hanoi-gov.example/duyet" in reader_lines
    assert all(line.startswith(">") for line in reader_lines if line)
    assert lines.count(FENCE) == 1


def test_a_down_server_is_retried_with_backoff_then_the_task_fails_visibly(
    client, article, comment_data, managers, mail_via, time_machine, caplog, admin_client
):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    post(client, article, comment_data())
    comment = Comment.objects.get()

    with refusing_port() as port:
        mail_via(port)
        run_queued_tasks()
        for attempt, delay in enumerate(RETRY_DELAYS, start=2):
            retry = results_of(notify_editors).get(status=TaskResultStatus.READY)
            now += delay
            assert retry.run_after == now
            assert retry.args_kwargs == {"args": [comment.pk], "kwargs": {"attempt": attempt}}
            run_queued_tasks()  # not due yet: nothing happens
            assert results_of(notify_editors).get(status=TaskResultStatus.READY) == retry
            time_machine.move_to(now, tick=False)
            run_queued_tasks()

    results = list(results_of(notify_editors))
    assert len(results) == MAX_ATTEMPTS
    assert [result.status for result in results] == [TaskResultStatus.SUCCESSFUL] * len(
        RETRY_DELAYS
    ) + [TaskResultStatus.FAILED]
    assert results[0].return_value["sent"] is False
    failed = results[-1]
    assert failed.exception_class_path == "builtins.ConnectionRefusedError"
    warnings = [r.getMessage() for r in caplog.records if r.name == "comments.tasks"]
    assert len(warnings) == MAX_ATTEMPTS
    assert all(
        f"Could not mail the editors about comment {comment.pk} (attempt {n} of 5)" in warning
        for n, warning in enumerate(warnings[:-1], start=1)
    )
    [error] = [r for r in caplog.records if r.name == "comments.tasks" and r.levelname == "ERROR"]
    assert error.getMessage().startswith(
        f"Gave up mailing the editors about comment {comment.pk} after 5 attempts"
    )
    assert Comment.objects.get() == comment
    assert Comment.objects.get().status == Comment.Status.PENDING

    # Administrators find the failure in the admin's task list.
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    assert "Hàng đợi tác vụ" in admin_client.get(reverse("admin:index")).content.decode()
    response = admin_client.get(changelist, {"trang_thai": "FAILED"})
    assert response.status_code == 200
    table = text_of(response.content.decode(), "table", id="result_list")
    assert table.count("notify_editors") == 1  # the failed attempt only
    assert f"notify_editors {comment.pk}, attempt=5 Thất bại" in table
    assert "builtins.ConnectionRefusedError" in table
    response = admin_client.get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed.id])
    )
    assert "ConnectionRefusedError" in response.content.decode()


def test_a_silent_server_times_out_and_is_retried(
    client, article, comment_data, managers, mail_via, caplog
):
    post(client, article, comment_data())

    with silent_server() as (port, callers):
        mail_via(port)
        run_queued_tasks()
        assert callers() == 1

    first, retry = results_of(notify_editors)
    assert first.status == TaskResultStatus.SUCCESSFUL
    assert first.return_value["sent"] is False
    assert "timed out" in first.return_value["error"]
    assert retry.status == TaskResultStatus.READY
    assert retry.run_after > first.finished_at
    assert "(attempt 1 of 5)" in caplog.text


def test_the_mail_goes_once_the_server_is_back(
    client, article, comment_data, managers, mail_via, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    post(client, article, comment_data())

    with refusing_port() as port:
        mail_via(port)
        run_queued_tasks()
    time_machine.shift(RETRY_DELAYS[0])
    with smtp_server() as (port, inbox):
        mail_via(port)
        run_queued_tasks()

    assert len(inbox.messages) == 1
    statuses = [result.status for result in results_of(notify_editors)]
    assert statuses == [TaskResultStatus.SUCCESSFUL, TaskResultStatus.SUCCESSFUL]


def test_a_comment_deleted_before_the_mail_goes_ends_quietly(
    client, article, comment_data, managers, mail_via, caplog
):
    post(client, article, comment_data())
    Comment.objects.get().delete()

    with smtp_server() as (port, inbox):
        mail_via(port)
        run_queued_tasks()

    assert inbox.messages == []
    result = results_of(notify_editors).get()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"sent": False, "reason": "comment deleted"}
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


def test_a_comment_moderated_before_the_mail_goes_is_not_mailed(
    client, article, comment_data, managers, mail_via
):
    post(client, article, comment_data())
    Comment.objects.moderate(Comment.Status.APPROVED, make_editor())

    with smtp_server() as (port, inbox):
        mail_via(port)
        run_queued_tasks()

    assert inbox.messages == []
    assert results_of(notify_editors).get().return_value["reason"] == "comment already approved"


def test_editors_do_not_see_the_task_list(client):
    client.force_login(make_editor())

    response = client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))

    assert response.status_code == 403


def test_without_managers_the_task_sends_nothing(client, article, comment_data, settings, mail_via):
    settings.MANAGERS = []
    post(client, article, comment_data())

    with smtp_server() as (port, inbox):
        mail_via(port)
        run_queued_tasks()

    assert inbox.messages == []
    assert results_of(notify_editors).get().return_value["reason"] == "no MANAGERS configured"


def test_the_mail_says_why_a_comment_was_flagged_before_the_readers_text(
    client, article, comment_data, managers, mail_via
):
    from comments.models import FilterWord

    FilterWord.objects.create(word="lừa đảo", kind=FilterWord.Kind.SUSPECT)
    post(client, article, comment_data(content="Cẩn thận lừa đảo qua điện thoại."))

    with smtp_server() as (port, inbox):
        mail_via(port)
        run_queued_tasks()

    body = body_of(inbox.messages[0])
    assert "Cần lưu ý:\n  - Có từ đáng ngờ: “lừa đảo”\n" in body
    assert body.index("Cần lưu ý:") < body.index(FENCE)
