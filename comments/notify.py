"""The mail that tells the editors (settings.MANAGERS) a comment waits for them.

Built and sent by the task worker (comments/tasks.py), never in a reader's
request. Our text and our review link come first; what the reader wrote comes
last, under a fence and quoted line by line, so that nothing they type (a
link, a fake fence, a fake "review here") can pass for ours. Contact data
(phone, IP address, browser) never leaves the admin.
"""

from django.conf import settings
from django.core.mail import mail_managers
from django.template.loader import render_to_string
from django.urls import reverse

SUBJECT_MAX_LENGTH = 200


def send_editor_mail(comment):
    """Mail the managers about a pending comment; SMTP errors propagate."""
    subject, body = editor_mail(comment)
    mail_managers(subject, body, fail_silently=False)


def editor_mail(comment):
    """The (subject, body) of the mail about a pending comment."""
    review_url = settings.SITE_URL + reverse("admin:comments_comment_change", args=[comment.pk])
    reader_text = "\n".join(
        [
            f"Người gửi: {one_line(comment.name)}",
            f"Tiêu đề: {one_line(comment.title)}",
            "",
            comment.content,
        ]
    )
    body = render_to_string(
        "comments/email/new_comment.txt",
        {
            "reasons": [flag["text"] for flag in comment.flags],
            "article_title": one_line(comment.article.title),
            "review_url": review_url,
            "reader_text": quoted(reader_text),
        },
    )
    # One line: a header cannot hold the line breaks a title might carry.
    subject = one_line(f"Bình luận chờ duyệt: {comment.title}")[:SUBJECT_MAX_LENGTH]
    return subject, body


def one_line(text):
    """Every run of whitespace (line breaks of any kind included) as one space."""
    return " ".join(text.split())


def quoted(text):
    """Each line behind "> ": no line of the reader's starts where ours do."""
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines() or [""])
