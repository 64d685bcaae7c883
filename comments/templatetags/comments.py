from django import template

from comments.forms import CommentForm
from comments.models import Comment

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """Approved comments of the article, then the form to write one.

    The form comes from the context when a submission failed (bound, with
    its errors), otherwise it is a new one.
    """
    return {
        "comments": list(
            Comment.objects.approved()
            .for_article(article)
            .only("title", "name", "content", "created_at")
        ),
        "form": context.get("comment_form") or CommentForm(article=article),
        "messages": context.get("messages"),
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }
