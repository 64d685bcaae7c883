"""Refuse requests the rest of the code should never have to think about.

Django and the database backends fail on a few inputs with a 500 (and a
mail to the admins) rather than a 400: a form body declared in a charset
other than UTF-8 (Django's own error views read it again and fail), and NUL
characters, which PostgreSQL refuses in any text. These are turned away
here, for every URL, with our 400 page; it sits below the middleware that
adds the security headers, so the answer carries them too.
"""

from django.core.exceptions import SuspiciousOperation
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
UTF8 = {"utf-8"}
NOT_UTF8 = "Dữ liệu gửi lên phải dùng bảng mã UTF-8."
NUL = "Dữ liệu gửi lên có ký tự không hợp lệ (ký tự NUL)."
MALFORMED = "Dữ liệu gửi lên không đúng dạng của biểu mẫu."


def allow_nul_in(*fields):
    """Let these POST fields reach the view with NUL characters: its form
    reports them beside the field and keeps the rest of what was typed."""

    def decorate(view):
        view.nul_allowed_fields = frozenset(fields)
        return view

    return decorate


def bad_request(request, reason):
    return render(request, "400.html", {"reason": reason}, status=400)


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if declares_another_charset(request):
            return bad_request(request, NOT_UTF8)
        if nul_outside_the_body(request):
            return bad_request(request, NUL)
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.method != "POST" or request.content_type not in FORM_CONTENT_TYPES:
            return None
        allowed = getattr(view, "nul_allowed_fields", frozenset())
        try:
            fields = list(request.POST.lists())
        except SuspiciousOperation:
            return None  # too big or too many fields: Django or the view answers
        except (MultiPartParserError, UnicodeDecodeError, ValueError):
            return bad_request(request, MALFORMED)
        for name, values in fields:
            if "\x00" in name or (name not in allowed and any("\x00" in v for v in values)):
                return bad_request(request, NUL)
        return None


def declares_another_charset(request):
    if request.content_type not in FORM_CONTENT_TYPES:
        return False
    charset = request.content_params.get("charset")
    return charset is not None and charset.strip().lower() not in UTF8


def nul_outside_the_body(request):
    """NUL in the path, the query string, the cookies or a header."""
    if "\x00" in request.path_info:
        return True
    for source in (request.GET, request.COOKIES):
        for name, value in iter_items(source):
            if "\x00" in name or "\x00" in value:
                return True
    return any("\x00" in str(value) for value in request.META.values())


def iter_items(source):
    if hasattr(source, "lists"):
        for name, values in source.lists():
            for value in values:
                yield name, value
    else:
        yield from source.items()
