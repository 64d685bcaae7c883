"""The editors' digest (DJANGO_COMMENT_DIGEST): one mail a period, sent once,
with counts, the oldest waiting and the flagged ones, and no contact data."""

import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from comments.digest import last_complete_period
from comments.models import Comment, DigestSent
from comments.tasks import notify_editors
from tests.comments.test_notify import post
from tests.comments.test_queue import flagged_comment
from tests.helpers.factories import hanoi_time, make_article, make_comment
from tests.helpers.forms import open_form, solve, start_token_for
from tests.helpers.tasks import results_of, run_queued_tasks

pytestmark = pytest.mark.django_db

SITE = "https://congthongtin.hanoi.gov.vn"


@pytest.fixture
def digest(settings):
    settings.MANAGERS = [("Ban biên tập", "bientap@hanoi.gov.vn")]
    settings.SITE_URL = SITE
    settings.COMMENT_DIGEST = "hourly"


def run(capsys, *args):
    call_command("send_comment_digest", *args)
    return capsys.readouterr().out


def test_the_hourly_digest_counts_names_the_oldest_and_lists_the_flagged(
    digest, capsys, time_machine
):
    time_machine.move_to(hanoi_time(2026, 12, 3, 10, 5), tick=False)
    oldest = make_comment(
        title="Chờ từ hôm qua",
        created_at=hanoi_time(2026, 12, 2, 9, 0),
        phone="+84912345678",
        ip_address="203.113.131.7",
    )
    make_comment(title="Mới trong giờ", created_at=hanoi_time(2026, 12, 3, 9, 30))
    make_comment(
        title="Đã duyệt trong giờ",
        created_at=hanoi_time(2026, 12, 3, 9, 40),
        status=Comment.Status.APPROVED,
    )
    flagged = flagged_comment(
        content="Cẩn thận lừa đảo.",
        title="Cảnh báo\nDuyệt tại https://gia-mao.example",
        created_at=hanoi_time(2026, 12, 3, 8, 0),
    )

    printed = run(capsys)

    assert printed.strip() == "Đã gửi bản tin 09:00–10:00 ngày 03/12/2026: 3 bình luận chờ duyệt."
    [message] = mail.outbox
    assert message.subject == (
        "[Cổng Hà Nội] Bản tin bình luận 09:00–10:00 ngày 03/12/2026: 3 chờ duyệt, 1 cần lưu ý"
    )
    body = message.body
    assert "Trong khoảng này có 2 bình luận mới, 1 bình luận vẫn chờ duyệt." in body
    assert "Hiện có 3 bình luận chờ duyệt, 1 bình luận cần lưu ý." in body
    assert (
        "Bình luận chờ lâu nhất (1 ngày 1 giờ, gửi lúc 09:00 02/12/2026):\n"
        f"{SITE}{reverse('admin:comments_comment_change', args=[oldest.pk])}\n"
        "Tiêu đề bạn đọc viết:\n> Chờ từ hôm qua\n"
    ) in body
    flagged_link = SITE + reverse("admin:comments_comment_change", args=[flagged.pk])
    assert (
        f"1. Gửi lúc 08:00 03/12/2026: {flagged_link}\n"
        "   - Có từ đáng ngờ: “lừa đảo”\n"
        "> Cảnh báo Duyệt tại https://gia-mao.example\n"
    ) in body
    for contact in ["912345678", "912 345 678", "203.113.131.7"]:
        assert contact not in body


def test_the_digest_goes_once_a_period_however_often_cron_runs_it(digest, capsys, time_machine):
    time_machine.move_to(hanoi_time(2026, 12, 3, 10, 5), tick=False)
    make_comment(created_at=hanoi_time(2026, 12, 3, 9, 30))

    run(capsys)
    again = run(capsys)

    assert len(mail.outbox) == 1
    assert again.strip() == "Đã gửi bản tin 09:00–10:00 ngày 03/12/2026 trước đó: không gửi lại."
    time_machine.move_to(hanoi_time(2026, 12, 3, 11, 1), tick=False)
    run(capsys)
    assert len(mail.outbox) == 2
    assert DigestSent.objects.count() == 2


def test_a_failed_digest_mail_is_sent_by_the_next_run(digest, capsys, time_machine, settings):
    time_machine.move_to(hanoi_time(2026, 12, 3, 10, 5), tick=False)
    make_comment(created_at=hanoi_time(2026, 12, 3, 9, 30))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2

    with pytest.raises(OSError):
        call_command("send_comment_digest")
    assert not DigestSent.objects.exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run(capsys)
    assert len(mail.outbox) == 1


def test_a_quiet_period_sends_no_mail(digest, capsys, time_machine):
    time_machine.move_to(hanoi_time(2026, 12, 3, 10, 5), tick=False)
    make_comment(status=Comment.Status.APPROVED, created_at=hanoi_time(2026, 12, 2, 9, 0))

    assert "không có gì mới" in run(capsys)
    assert mail.outbox == []


def test_the_daily_digest_covers_yesterday_in_hanoi_time():
    period = last_complete_period("daily", hanoi_time(2026, 12, 3, 0, 30))

    assert (period.start, period.end) == (
        hanoi_time(2026, 12, 2, 0, 0),
        hanoi_time(2026, 12, 3, 0, 0),
    )
    assert period.label == "ngày 02/12/2026"


def test_with_a_digest_no_mail_goes_per_comment(client, digest):
    article = make_article()
    form = open_form(client, article)
    data = {
        "name": "Nguyễn Văn An",
        "phone": "0912 345 678",
        "title": "Góp ý",
        "content": "Đề nghị công khai tiến độ.",
        "captcha_0": form["captcha_0"],
        "captcha_1": solve(form["captcha_0"]),
        "started": start_token_for(form["started"], time.time() - 60),
    }
    assert post(client, article, data).status_code == 302
    assert Comment.objects.pending().count() == 1
    assert not results_of(notify_editors).exists()
    run_queued_tasks()
    assert mail.outbox == []


def test_the_command_says_what_is_missing(settings):
    settings.COMMENT_DIGEST = ""
    with pytest.raises(CommandError, match="DJANGO_COMMENT_DIGEST is not set"):
        call_command("send_comment_digest")
    settings.MANAGERS = []
    with pytest.raises(CommandError, match="DJANGO_MANAGERS is empty"):
        call_command("send_comment_digest", "--period", "daily")


def test_an_unknown_digest_setting_stops_the_start():
    result = subprocess.run(
        [sys.executable, "-c", "import django; from django.conf import settings; settings.DEBUG"],
        env={
            **os.environ,
            "DJANGO_DEBUG": "1",
            "DJANGO_COMMENT_DIGEST": "weekly",
            "DJANGO_SETTINGS_MODULE": "portal.settings",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DJANGO_COMMENT_DIGEST must be hourly, daily or unset: 'weekly'" in result.stderr


def test_the_hour_boundary_is_local():
    period = last_complete_period("hourly", hanoi_time(2026, 12, 3, 0, 0) + timedelta(seconds=1))
    assert period.start == hanoi_time(2026, 12, 2, 23, 0)
