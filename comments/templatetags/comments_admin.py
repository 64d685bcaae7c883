from django import template
from django.urls import reverse

from comments.models import Comment

register = template.Library()


@register.inclusion_tag("admin/comments/pending_notice.html", takes_context=True)
def pending_comments_notice(context):
    """How many comments wait in the queue, for editors who may see them."""
    if not context["request"].user.has_perm("comments.view_comment"):
        return {"visible": False}
    return {
        "visible": True,
        "count": Comment.objects.pending().count(),
        "queue_url": reverse("admin:comments_comment_changelist"),
    }
