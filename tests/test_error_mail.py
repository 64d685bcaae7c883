"""Django's error mails to ADMINS go through the task queue, never from the request."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django_tasks import TaskResultStatus

from portal.error_mail import REPEAT_WINDOW, mail_admins
from tests.helpers.mailserver import body_of, silent_server, smtp_server
from tests.helpers.tasks import results_of, run_queued_tasks

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("Lỗi thử nghiệm trong trang")


@sensitive_post_parameters("phone")
@csrf_exempt
def broken_form(request):
    request.POST.get("phone")
    raise RuntimeError("Lỗi khi nhận biểu mẫu")


urlpatterns = [
    path("hong/", broken_view),
    path("hong-nua/", broken_view),
    path("bieu-mau-hong/", broken_form),
]


@pytest.fixture
def broken_site(settings):
    settings.ROOT_URLCONF = __name__
    settings.ADMINS = [("Quản trị", "quantri@hanoi.gov.vn")]
    return Client(raise_request_exception=False)


def test_a_server_error_queues_the_mail_without_touching_smtp(broken_site, mail_via):
    with silent_server() as (port, callers):
        mail_via(port)
        response = broken_site.get("/hong/")

        assert response.status_code == 500
        assert callers() == 0
    [queued] = results_of(mail_admins)
    assert queued.status == TaskResultStatus.READY
    subject = queued.args_kwargs["kwargs"]["subject"]
    assert subject == "ERROR (EXTERNAL IP): Internal Server Error: /hong/"


def test_the_worker_sends_the_error_mail(broken_site, mail_via):
    broken_site.get("/hong/")

    with smtp_server() as (port, inbox):
        mail_via(port)
        run_queued_tasks()

    [message] = inbox.messages
    assert message["To"] == "quantri@hanoi.gov.vn"
    assert message["Subject"].strip() == (
        "[Cổng Hà Nội] ERROR (EXTERNAL IP): Internal Server Error: /hong/"
    )
    assert "RuntimeError at /hong/\nLỗi thử nghiệm trong trang\n" in body_of(message)
    assert results_of(mail_admins).get().status == TaskResultStatus.SUCCESSFUL


def test_a_dead_mail_server_fails_the_task_once(broken_site, mail_via):
    broken_site.get("/hong/")

    with silent_server() as (port, callers):
        mail_via(port)
        run_queued_tasks()
        assert callers() == 1

    failed = results_of(mail_admins).get()
    assert failed.status == TaskResultStatus.FAILED  # no retry: the log has the error
    assert "timed out" in failed.traceback


def test_the_same_error_is_mailed_once_per_window(broken_site, time_machine):
    time_machine.move_to("2026-11-20 08:00 +07:00", tick=False)
    for _ in range(3):
        assert broken_site.get("/hong/").status_code == 500
    broken_site.get("/hong-nua/")  # another page: another mail

    assert results_of(mail_admins).count() == 2
    time_machine.shift(REPEAT_WINDOW - timedelta(seconds=1))
    broken_site.get("/hong/")
    assert results_of(mail_admins).count() == 2
    time_machine.shift(timedelta(seconds=1))
    broken_site.get("/hong/")
    assert results_of(mail_admins).count() == 3


def test_the_error_mail_names_no_reader(broken_site):
    broken_site.post(
        "/bieu-mau-hong/",
        {"name": "Lê Văn Tám", "phone": "0912345678"},
        REMOTE_ADDR="203.0.113.77",
        HTTP_X_FORWARDED_FOR="198.51.100.8",
        HTTP_USER_AGENT="Mozilla/5.0 (Trình duyệt của bạn đọc)",
        HTTP_COOKIE="sessionid=bimat",
    )

    [queued] = results_of(mail_admins)
    message = queued.args_kwargs["kwargs"]["message"]
    assert "RuntimeError" in message and "Lỗi khi nhận biểu mẫu" in message
    for private in [
        "203.0.113.77",
        "198.51.100.8",
        "Trình duyệt của bạn đọc",
        "bimat",
        "0912345678",
    ]:
        assert private not in message


def test_no_admins_no_mail(broken_site, settings):
    settings.ADMINS = []

    assert broken_site.get("/hong/").status_code == 500
    assert not results_of(mail_admins).exists()
