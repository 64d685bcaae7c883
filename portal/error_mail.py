"""Django's error mails to ADMINS, sent by the task worker instead of the request.

Django's AdminEmailHandler sends from inside the failing request: with the
SMTP server down or silent, that request (and the server's worker) waits for
it. Ours only queues the mail; the worker sends it. One attempt, no retry:
the log keeps every error anyway, and a dead mail server must not be tried
again and again for notices.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.utils import timezone
from django.utils.log import AdminEmailHandler
from django.utils.regex_helper import _lazy_re_compile
from django.views.debug import SafeExceptionReporterFilter
from django_tasks import task

# The same subject (error and path) is queued at most once in this window: a
# page that fails for every visitor sends one mail, not thousands.
REPEAT_WINDOW = timedelta(minutes=10)


@task()
def mail_admins(subject, message, html_message=None):
    mail.mail_admins(subject, message, fail_silently=False, html_message=html_message)


class QueuedAdminEmailHandler(AdminEmailHandler):
    """AdminEmailHandler whose mail goes through the task queue."""

    def emit(self, record):
        # A logging handler must never raise into the code that logged (the
        # database might be what failed): report on stderr as logging does.
        try:
            super().emit(record)
        except Exception:
            self.handleError(record)

    def send_mail(self, subject, message, *args, html_message=None, **kwargs):
        if not settings.ADMINS or queued_recently(subject):
            return
        mail_admins.enqueue(subject=subject, message=message, html_message=html_message)


def queued_recently(subject):
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=mail_admins.module_path,
        enqueued_at__gt=timezone.now() - REPEAT_WINDOW,
        args_kwargs__kwargs__subject=subject,
    ).exists()


class PrivateReporterFilter(SafeExceptionReporterFilter):
    """Error reports (the mail to ADMINS, the log) without who the reader is:
    no address, cookie or browser among the request's headers, and no phone
    number among a comment's fields (post_comment marks it sensitive)."""

    hidden_settings = _lazy_re_compile(
        SafeExceptionReporterFilter.hidden_settings.pattern
        + "|REMOTE_ADDR|FORWARDED|REAL_IP|CLIENT_IP|COOKIE|USER_AGENT",
        flags=re.I,
    )
