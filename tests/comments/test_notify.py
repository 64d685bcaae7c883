import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from comments.models import Comment

pytestmark = pytest.mark.django_db


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server is down")


@pytest.fixture
def managers(settings):
    settings.MANAGERS = [("Ban biên tập", "bientap@hanoi.gov.vn")]
    settings.SITE_URL = "https://congthongtin.hanoi.gov.vn"


def post(client, article, data):
    return client.post(reverse("comments:post", kwargs={"article_id": article.pk}), data)


def test_managers_are_mailed_after_the_commit(
    client, article, comment_data, managers, django_capture_on_commit_callbacks
):
    data = comment_data(title="Góp ý\nvề giao thông")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(client, article, data)
        assert len(mail.outbox) == 0  # nothing is sent before the commit

    assert len(callbacks) == 1
    callbacks[0]()
    comment = Comment.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bientap@hanoi.gov.vn"]
    assert message.subject == "[Cổng Hà Nội] Bình luận chờ duyệt: Góp ý về giao thông"
    assert article.title in message.body
    assert "Đề nghị thành phố công khai tiến độ." in message.body
    admin_url = reverse("admin:comments_comment_change", args=[comment.pk])
    assert f"https://congthongtin.hanoi.gov.vn{admin_url}" in message.body


def test_a_mail_failure_never_loses_the_comment(
    client, article, comment_data, managers, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, article, comment_data())

    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert "Could not mail the editors" in caplog.text
