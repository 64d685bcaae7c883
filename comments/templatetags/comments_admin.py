from django import template
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from portal.text import vietnamese_age

register = template.Library()


def queue_state(request):
    """How many comments wait and since when, for editors who may see them:
    one query over the queue's (status, time) index."""
    if not request.user.has_perm("comments.view_comment"):
        return {"visible": False}
    waiting = Comment.objects.pending().aggregate(count=Count("pk"), oldest=Min("created_at"))
    oldest = waiting["oldest"]
    return {
        "visible": True,
        "count": waiting["count"],
        "oldest_age": vietnamese_age((timezone.now() - oldest).total_seconds()) if oldest else "",
        "queue_url": reverse("admin:comments_comment_changelist"),
    }


@register.inclusion_tag("admin/comments/pending_notice.html", takes_context=True)
def pending_comments_notice(context):
    """The admin home's box: the queue's size and its oldest comment's age."""
    return queue_state(context["request"])


@register.inclusion_tag("admin/comments/pending_badge.html", takes_context=True)
def pending_comments_badge(context):
    """The same, in a line at the top of every admin page."""
    return queue_state(context["request"])
