"""Background tasks of the comments app, run by the worker (`manage.py db_worker`)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .models import Comment
from .notify import send_editor_mail

logger = logging.getLogger(__name__)

# How long to wait before each new attempt: a mail server down for a couple of
# hours still gets the mail. After the last attempt the task fails for good
# (shown in the admin's task list and logged at ERROR); the comment itself
# still waits in the editors' queue, so nothing is lost.
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


@task()
def notify_editors(comment_id, attempt=1):
    """Mail the editors about a pending comment; on an SMTP failure, try again later.

    Enqueued in the transaction that saves the comment, so the two commit
    together. Returns what happened, which the admin's task list shows.
    """
    if not settings.MANAGERS:
        return {"sent": False, "reason": "no MANAGERS configured"}
    if settings.COMMENT_DIGEST:
        return {"sent": False, "reason": f"{settings.COMMENT_DIGEST} digest instead"}
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None:
        return {"sent": False, "reason": "comment deleted"}
    if comment.status != Comment.Status.PENDING:
        return {"sent": False, "reason": f"comment already {comment.status}"}
    try:
        send_editor_mail(comment)
    except OSError as error:  # socket errors, timeouts and smtplib's errors alike
        if attempt >= MAX_ATTEMPTS:
            logger.error(
                "Gave up mailing the editors about comment %s after %s attempts: %r",
                comment_id,
                attempt,
                error,
            )
            raise
        run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
        notify_editors.using(run_after=run_after).enqueue(comment_id, attempt=attempt + 1)
        logger.warning(
            "Could not mail the editors about comment %s (attempt %s of %s): %r; "
            "trying again after %s",
            comment_id,
            attempt,
            MAX_ATTEMPTS,
            error,
            run_after.isoformat(),
        )
        return {"sent": False, "error": repr(error), "next_attempt_after": run_after.isoformat()}
    return {"sent": True}
