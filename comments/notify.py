"""Tell the editors (settings.MANAGERS) that a comment waits for them."""

import logging

from django.conf import settings
from django.core.mail import mail_managers
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)


def notify_editors(comment):
    """Mail the managers about a new pending comment; never raise.

    Runs after the comment is committed: a mail server that is down costs a
    log line, never the reader's comment.
    """
    review_url = settings.SITE_URL + reverse("admin:comments_comment_change", args=[comment.pk])
    body = render_to_string(
        "comments/email/new_comment.txt", {"comment": comment, "review_url": review_url}
    )
    try:
        # One line: a header cannot hold the line breaks a title might carry.
        subject = " ".join(f"Bình luận chờ duyệt: {comment.title}".split())[:200]
        mail_managers(subject, body)
    except Exception:
        logger.exception("Could not mail the editors about comment %s", comment.pk)
