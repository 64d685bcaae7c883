"""Pages every reader sees alike, rendered once per content version.

A cached page holds nothing of one reader: no CSRF token, no captcha, no
form token, no message (the comment form gets those from its own request,
see comments/views.py `comment_session`). Its key is the content version
(portal/content.py: bumped by database triggers on every change readers can
see, and the next scheduled publication), the release, the day in Hanoi (the
date bar), the host (canonical links) and the page itself; so every process
and every server agrees on what is stale without being told. The body is
kept plain and gzipped, and answers `If-None-Match` with 304.

Pages are kept in Django's default cache: each process's memory unless
settings point it at a shared one.
"""

import gzip
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from . import content

logger = logging.getLogger(__name__)
TIMEOUT = 24 * 60 * 60


@dataclass(frozen=True)
class Entry:
    body: bytes
    gzipped: bytes
    content_type: str


def cached_page(request, render, *, allowed_parameters=()):
    """The response of `render()`, from the cache when it can be shared.

    Only GET and HEAD without a message waiting for this reader, and only
    with query parameters the page knows (anything else shows in the page,
    e.g. the search box, and must not be served to others).
    """
    if not shareable(request, allowed_parameters):
        return render()
    key = page_key(request, content.state())
    entry = cache.get(key)
    if entry is None:
        response = render()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()  # a TemplateResponse: render it now, to keep it
        entry = entry_of(request, response)
        if entry is None:
            return response
        cache.set(key, entry, TIMEOUT)
    return respond(request, entry, etag_of(key))


def shareable(request, allowed_parameters):
    if not settings.PAGE_CACHE or request.method not in {"GET", "HEAD"}:
        return False
    if settings.MESSAGE_STORAGE.endswith("CookieStorage") and "messages" in request.COOKIES:
        return False
    return set(request.GET) <= set(allowed_parameters)


def page_key(request, state):
    today = timezone.localdate().isoformat()
    page = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{settings.RELEASE}:{state.key}:{today}:{request.get_host()}:{page}"


def etag_of(key):
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def entry_of(request, response):
    """What to keep of a freshly rendered page, or None if it must not be kept."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(
        getattr(request, "session", None), "accessed", False
    ):
        # A per-reader part (a CSRF token, the session) reached the page.
        logger.warning("Not caching %s: it holds a part of one reader", request.path)
        return None
    body = response.content
    return Entry(body, gzip.compress(body, mtime=0), response["Content-Type"])


def respond(request, entry, etag):
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    elif "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(entry.gzipped, content_type=entry.content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(entry.body, content_type=entry.content_type)
    response["ETag"] = etag
    # Anyone may keep it, but must ask again (a 304 is cheap) before showing it.
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
