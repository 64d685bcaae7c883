from django import template

from comments.forms import CommentForm
from comments.listing import comment_page, page_number

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article, page_parameter):
    """Approved comments of the article (newest first, a page at a time), then
    the form to write one.

    The page shows the same form to everyone (it may be cached): without a
    captcha, a CSRF token or a start token, which the page's script fetches
    for the reader who starts to write (comments.views.comment_session), and
    which a reader without JavaScript gets from the page the form's first
    submission brings back. A form in the context is one reader's (bound
    with its errors, or with its own captcha): shown as it is.
    """
    request = context.get("request")
    number = page_number(request.GET.get(page_parameter)) if request else 1
    own_form = context.get("comment_form")
    return {
        "page": comment_page(article, number),
        "article": article,
        "page_parameter": page_parameter,
        "form": own_form or CommentForm(article=article, shared=True),
        "messages": context.get("messages"),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
