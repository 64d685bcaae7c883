"""Accept a valid comment: flood and duplicate limits, the word lists, save, notify."""

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from portal.network import client_network
from portal.text import comparable

from . import moderation, tokens
from .intake import Refusal
from .models import USER_AGENT_MAX_LENGTH, Comment, Decision, FilterWord
from .tasks import notify_editors

DUPLICATE_WINDOW = timedelta(days=1)
DUPLICATE_MESSAGE = (
    "Bạn đã gửi ý kiến này cho bài viết trong hôm nay. "
    "Ý kiến sẽ được hiển thị sau khi được Ban biên tập duyệt."
)


def submit_comment(form, article, *, ip_address, user_agent):
    """Save the form's comment, or raise Refusal (flood: 429, duplicate: 409)."""
    comment = form.save(commit=False)
    comment.article = article
    comment.ip_address = ip_address
    comment.network = client_network(ip_address)  # saved with it; the limits need it now
    comment.submission_key = tokens.submission_key(form.data["started"])
    comment.user_agent = user_agent[:USER_AGENT_MAX_LENGTH]
    verdict = moderation.review(
        {"name": comment.name, "title": comment.title, "content": comment.content},
        list(filter_words()),
    )
    comment.status = Comment.Status.REJECTED if verdict.rejected else Comment.Status.PENDING
    comment.flags = [reason.as_data() for reason in verdict.reasons]
    with transaction.atomic():
        # Checking the limits, then saving, is one step for each client network.
        lock(f"network:{comment.network}")
        now = timezone.now()
        enforce_rate_limits(comment.network, now)
        if is_duplicate(comment, now):
            raise Refusal(409, DUPLICATE_MESSAGE)
        comment.created_at = now
        comment.save()
        if verdict.rejected:
            # The log answers for every rejection, the word lists' too.
            Decision.for_comment(
                comment,
                None,
                action=Decision.Action.REJECTED,
                reason=Decision.Reason.LANGUAGE,
                note=comment.review_notes,
                at=now,
                from_status="",
            ).save()
        if comment.status == Comment.Status.PENDING and not settings.COMMENT_DIGEST:
            notify_editors.enqueue(comment.pk)  # commits with the comment
    return comment


def filter_words():
    for word, kind in FilterWord.objects.values_list("word", "kind"):
        yield moderation.Word(word, banned=kind == FilterWord.Kind.BANNED)


def form_already_sent(started):
    """Whether a comment from the form with this start token is stored.

    Concurrent posts of one form wait for each other here, so that the
    second one sees what the first stored.
    """
    if not started:
        return False
    lock(f"form:{started}")
    return Comment.objects.filter(submission_key=tokens.submission_key(started)).exists()


def lock(name):
    """Make concurrent transactions about the same thing wait for each other.

    SQLite transactions begin IMMEDIATE (see settings), which already
    serialises every writer. PostgreSQL needs a lock: a transaction-scoped
    advisory lock on the name.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])


def enforce_rate_limits(network, now):
    """At most N comments per client network per window; failed submissions never count."""
    mine = Comment.objects.filter(network=network)
    for limit, seconds in settings.COMMENT_RATE_LIMITS:
        window = mine.filter(created_at__gt=now - timedelta(seconds=seconds))
        times = list(window.order_by("-created_at").values_list("created_at", flat=True)[:limit])
        if len(times) >= limit:
            free_at = times[-1] + timedelta(seconds=seconds)
            wait = max(int((free_at - now).total_seconds()) + 1, 1)
            raise Refusal(
                429,
                f"Bạn đã gửi {limit} ý kiến trong {describe_window(seconds)}. "
                f"Vui lòng gửi lại sau {describe_wait(wait)}.",
                {"Retry-After": str(wait)},
            )


def is_duplicate(comment, now):
    """The same content for the same article from the same network or phone, today."""
    same_client = Q(network=comment.network) if comment.network else Q(pk__in=[])
    if comment.phone:
        same_client |= Q(phone=comment.phone)
    earlier = Comment.objects.filter(
        same_client, article=comment.article, created_at__gt=now - DUPLICATE_WINDOW
    ).values_list("content", flat=True)
    content = comparable(comment.content)
    return any(comparable(other) == content for other in earlier)


def describe_window(seconds):
    for unit_seconds, unit in ((86400, "ngày"), (3600, "giờ"), (60, "phút")):
        if seconds % unit_seconds == 0:
            return f"{seconds // unit_seconds} {unit}"
    return f"{seconds} giây"


def describe_wait(seconds):
    if seconds < 60:
        return f"{seconds} giây"
    if seconds < 3600:
        return f"{-(-seconds // 60)} phút"
    return f"{-(-seconds // 3600)} giờ"
