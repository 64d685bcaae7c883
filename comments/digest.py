"""The editors' digest: one mail a period (DJANGO_COMMENT_DIGEST=hourly or
daily) instead of one per comment: how many came, how many wait, the oldest
waiting, and the flagged ones. Sent by `manage.py send_comment_digest`, run
by cron; a period is mailed once however often the command runs, and a mail
that fails is tried again by the next run. No contact data, ever.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import mail_managers
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from portal.text import vietnamese_age

from .models import Comment, DigestSent
from .notify import one_line, quoted

# The flagged comments a digest names; the rest are counted.
FLAGGED_SHOWN = 20


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime
    label: str


def last_complete_period(kind, now=None):
    """The hour or the (local) day that ended last before `now`."""
    now = timezone.localtime(now or timezone.now())
    if kind == "hourly":
        end = now.replace(minute=0, second=0, microsecond=0)
        start = end - timedelta(hours=1)
        return Period(start, end, f"{start:%H:%M}–{end:%H:%M} ngày {start:%d/%m/%Y}")
    end = timezone.make_aware(datetime.combine(now.date(), time()))
    start = timezone.make_aware(datetime.combine(now.date() - timedelta(days=1), time()))
    return Period(start, end, f"ngày {start:%d/%m/%Y}")


def send_digest(kind, now=None):
    """Mail the digest of the last complete period unless it went already;
    return what happened, in words for the command to print."""
    period = last_complete_period(kind, now)
    if DigestSent.objects.filter(period_start=period.start).exists():
        return f"Đã gửi bản tin {period.label} trước đó: không gửi lại."
    pending = Comment.objects.pending()
    arrived = Comment.objects.filter(created_at__gte=period.start, created_at__lt=period.end)
    count = pending.count()
    if not count and not arrived.exists():
        DigestSent.objects.get_or_create(period_start=period.start, defaults={"pending": 0})
        return f"Bản tin {period.label}: không có gì mới, không gửi thư."
    subject, body = digest_mail(period, arrived, pending, count, now)
    try:
        with transaction.atomic():
            # Recorded first, inside the transaction: a failed mail rolls it back.
            DigestSent.objects.create(period_start=period.start, pending=count)
            mail_managers(subject, body, fail_silently=False)
    except IntegrityError:  # another run of the command sent it meanwhile
        return f"Đã gửi bản tin {period.label} trước đó: không gửi lại."
    return f"Đã gửi bản tin {period.label}: {count} bình luận chờ duyệt."


def digest_mail(period, arrived, pending, count, now=None):
    now = now or timezone.now()
    oldest = pending.select_related("article").order_by("created_at", "pk").first()
    flagged = pending.exclude(flags=[]).order_by("created_at", "pk")
    flagged_count = flagged.count()
    body = render_to_string(
        "comments/email/digest.txt",
        {
            "period": period,
            "arrived": arrived.count(),
            "arrived_pending": arrived.filter(status=Comment.Status.PENDING).count(),
            "pending": count,
            "oldest": oldest and entry(oldest),
            "oldest_age": oldest and vietnamese_age((now - oldest.created_at).total_seconds()),
            "flagged": [entry(comment) for comment in flagged[:FLAGGED_SHOWN]],
            "flagged_count": flagged_count,
            "flagged_more": max(flagged_count - FLAGGED_SHOWN, 0),
            "queue_url": settings.SITE_URL + reverse("admin:comments_comment_changelist"),
        },
    )
    subject = f"Bản tin bình luận {period.label}: {count} chờ duyệt, {flagged_count} cần lưu ý"
    return subject, body


def entry(comment):
    """What the digest says of one comment: our words and link first, the
    reader's title last and quoted (see comments/notify.py)."""
    return {
        "url": settings.SITE_URL + reverse("admin:comments_comment_change", args=[comment.pk]),
        "sent_at": timezone.localtime(comment.created_at),
        "reasons": [flag["text"] for flag in comment.flags],
        "title": quoted(one_line(comment.title)),
    }
