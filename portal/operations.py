"""What operators and load balancers ask of every app server: `/healthz`,
and one log line per request (JSON with DJANGO_LOG_FORMAT=json)."""

import json
import logging
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils import timezone

HEALTH_PATH = "/healthz"
request_log = logging.getLogger("portal.requests")


class HealthCheckMiddleware:
    """Answers /healthz before anything else runs: before the Host check (a
    load balancer probes by IP address), sessions, the page cache and the
    replica router. 200 when this server can serve, 503 when the database
    (or Redis, when configured) does not answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in {"GET", "HEAD"}:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        checks, healthy = health()
        response = JsonResponse(checks, status=200 if healthy else 503)
        response["Cache-Control"] = "no-store"
        return response


def health():
    """({check: result}, all well?). The queue's age is reported, not judged:
    a stopped worker shows there first."""
    checks, healthy = {}, True
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
        checks["oldest_queued_task_seconds"] = oldest_queued_task_seconds()
    except DatabaseError as error:
        checks["database"] = f"error: {type(error).__name__}"
        healthy = False
    if settings.REDIS_URL:
        try:
            caches["default"].get("portal:healthz")
            checks["redis"] = "ok"
        except Exception as error:  # noqa: BLE001 (redis-py's errors, sockets, timeouts)
            checks["redis"] = f"error: {type(error).__name__}"
            healthy = False
    return checks, healthy


def oldest_queued_task_seconds():
    from django_tasks_db.models import DBTaskResult

    due = DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True)
    oldest = due.first()
    return round((timezone.now() - oldest).total_seconds()) if oldest else 0


class RequestLogMiddleware:
    """One line per request: method, path, status, duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        # The path alone: query strings carry what editors search for, phone
        # numbers among them, and logs are not where contact data belongs.
        request_log.info(
            "%s %s %s %.1f ms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response


# What a JSON line carries besides the message, when a record has it.
JSON_FIELDS = ["method", "path", "status", "duration_ms"]


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON, for log collectors."""

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({name: getattr(record, name) for name in JSON_FIELDS if hasattr(record, name)})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)
