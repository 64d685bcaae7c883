from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


@require_GET
def accessibility(request):
    """Tuyên bố hỗ trợ tiếp cận: the standard followed, what is supported,
    what is not yet, and how to report a barrier."""
    return render(request, "portal/accessibility.html")


def csrf_failure(request, reason=""):
    """A form refused by the CSRF check. A comment sent from the page every
    reader shares (no JavaScript: it has no token yet) comes back with what
    was typed and what it lacked; any other form gets the plain explanation."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None and match.view_name == "comments:post":
        from comments.views import form_without_session

        return form_without_session(request, match.kwargs["article_id"])
    return render(request, "403_csrf.html", status=403)
