"""Reads of public pages from a read replica, when DATABASE_REPLICA_URL names one.

Only what a reader's GET or HEAD of a public page reads goes to the replica,
outside transactions. Everything else reads the primary: every write, every
read after a write in the same request (a captcha drawn for the comment
form, say), the admin, the comment path, and for a few seconds whatever a
client asks after it has posted something (a cookie remembers it), so that
nobody misses their own change while the replica catches up.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
RECENT_WRITE_COOKIE = "vua_gui"
RECENT_WRITE_SECONDS = 10
SAFE_METHODS = {"GET", "HEAD"}

_reads_from_replica = ContextVar("reads_from_replica", default=False)


def private_prefixes():
    return (f"/{settings.ADMIN_URL}", "/binh-luan/", "/captcha/")


def reads_public_page(request):
    return (
        request.method in SAFE_METHODS
        and RECENT_WRITE_COOKIE not in request.COOKIES
        and not request.path_info.startswith(private_prefixes())
    )


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reads_from_replica.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        # From the first write on, this request reads what it wrote.
        _reads_from_replica.set(False)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows, wherever they were read

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reads_from_replica.set(reads_public_page(request))
        try:
            response = self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                RECENT_WRITE_COOKIE,
                "1",
                max_age=RECENT_WRITE_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
