"""Settings for the Hanoi portal, read from environment variables.

Every knob is listed in the README. Defaults suit one small machine with
SQLite; PostgreSQL, Redis and several app servers are a matter of setting
DATABASE_URL and friends.
"""

import hashlib
import json
import os
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
SOURCE_FOLDERS = ["portal", "articles", "comments", "templates", "static"]


def source_fingerprint():
    """A name for this release of the code: cached pages of another release
    (a shared cache across a deploy) are never served."""
    digest = hashlib.sha256()
    for folder in SOURCE_FOLDERS:
        for path in sorted((BASE_DIR / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".html", ".css", ".js", ".txt"}:
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default, minimum=None, maximum=None):
    value = os.environ.get(name, "").strip()
    number = int(value) if value else default
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum}: {number}")
    return number


def env_rates(name, default):
    """ "3/60,10/3600": [(3, 60), (10, 3600)], that many uses per that many seconds."""
    rates = [tuple(int(part) for part in rule.split("/")) for rule in env_list(name, default)]
    if not rates or any(len(rate) != 2 or min(rate) < 1 for rate in rates):
        raise ImproperlyConfigured(f"{name} must read like 3/60,10/3600: {rates}")
    return rates


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set DJANGO_SECRET_KEY to a long random "
            "string for production, or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. Set it to the site's host names, comma-separated "
        "(e.g. congthongtin.hanoi.gov.vn), or set DJANGO_DEBUG=1 for local development."
    )

# Part of every cached page's key (portal/pagecache.py).
RELEASE = os.environ.get("DJANGO_RELEASE") or source_fingerprint()
# Pages readers share are kept between requests; off by default while
# developing, so that an edited template shows at once.
PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", not DEBUG)

# The portal's name, as pages, feeds and mails say it.
SITE_NAME = "Cổng Giao tiếp điện tử thành phố Hà Nội"
SITE_SHORT_NAME = "Cổng Hà Nội"
# What a Vietnamese news site shows in its footer, as the operator states it
# (left empty, a line is left out: no placeholder). The managing agency,
# the person responsible for the content, the licence, how to reach it.
SITE_AGENCY = os.environ.get("DJANGO_SITE_AGENCY", "Ủy ban nhân dân thành phố Hà Nội")
SITE_RESPONSIBLE = os.environ.get("DJANGO_SITE_RESPONSIBLE", "")
SITE_LICENCE = os.environ.get("DJANGO_SITE_LICENCE", "")
SITE_ADDRESS = os.environ.get("DJANGO_SITE_ADDRESS", "")
SITE_PHONE = os.environ.get("DJANGO_SITE_PHONE", "")
SITE_EMAIL = os.environ.get("DJANGO_SITE_EMAIL", "")

# Absolute base URL of the site, for links that leave the request (command
# output, e-mails to editors).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "captcha",
    "axes",
    # Background tasks: Django's tasks framework (backport) and its database
    # backend, whose worker is `manage.py db_worker`.
    "django_tasks",
    "portal.task_queue.TaskQueueConfig",
    "portal",
    "articles",
    "comments",
]

# A read replica for public pages (see DATABASES below).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()

MIDDLEWARE = [
    # One log line per request, whatever answers it.
    "portal.operations.RequestLogMiddleware",
    # /healthz, before the Host check: load balancers probe by IP address.
    "portal.operations.HealthCheckMiddleware",
    # Public pages' reads from the replica, when there is one.
    *(["portal.replica.ReplicaMiddleware"] if DATABASE_REPLICA_URL else []),
    # Then, so that every answer carries the security headers: static files,
    # and Django's own answers to a bad Host, a CSRF failure or a refused body.
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Bodies in another charset and NUL characters: a 400 before anything reads them.
    "portal.middleware.RequestGuardMiddleware",
    # Pages compressed when no proxy in front does it (its answers carry random
    # padding against BREACH); WhiteNoise sends static files compressed already.
    *(["django.middleware.gzip.GZipMiddleware"] if env_bool("DJANGO_GZIP", True) else []),
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.menu",
                "portal.context_processors.site_owner",
            ],
        },
    },
]

# Widgets render with the project's templates too (our captcha widget).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "portal.wsgi.application"

# Database: SQLite file by default, anything dj-database-url knows otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections: connecting costs PostgreSQL more CPU than a
        # comment's insert (79 against 134 comments a second measured here).
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A read replica (PostgreSQL streaming replication, say): public pages read
# it, everything else the primary (portal/replica.py).
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    # Tests read the primary's test database through it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["portal.replica.ReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock when a transaction starts, so
        # concurrent writers wait (up to the timeout) instead of failing
        # with "database is locked" on a read-then-write transaction.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and refuses them once locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Day/month/year in forms and the admin (see portal/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # Uploaded images: files in MEDIA_ROOT by default; several app servers
    # share a volume, or name another storage (docs/deploy.md: S3 through
    # django-storages) with its options as JSON.
    "default": {
        "BACKEND": os.environ.get("DJANGO_MEDIA_STORAGE", "").strip()
        or "django.core.files.storage.FileSystemStorage",
        "OPTIONS": json.loads(os.environ.get("DJANGO_MEDIA_STORAGE_OPTIONS", "").strip() or "{}"),
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Redis, when several app servers share one: the cache (the page cache, and
# sessions through it). Without it, each process keeps its own page cache
# (its keys come from the database, so every process agrees on what is
# stale) and what processes must share lives in the database.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "portal"),
            "TIMEOUT": 24 * 3600,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions (editors' only) read from Redis, written through to the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Messages live in a signed cookie: readers never need a session row.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "quan-tri/").strip("/") + "/"

# Security. The redirect to HTTPS belongs to the proxy in front (nginx), so
# SECURE_SSL_REDIRECT stays off unless asked for; `check --deploy` then warns
# about it alone (security.W008).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
if env_bool("DJANGO_BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# A comment refused for want of a token comes back with its text (portal/views.py).
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Admin logins: five failures lock that username from that address for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.network.network_address"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# One captcha per form shown: each form creates its own (one row), never
# handed to anyone else (a shared pool let one reader spoil another's). It
# lives CAPTCHA_TIMEOUT minutes: time enough to write a long comment.
CAPTCHA_GET_FROM_POOL = False
CAPTCHA_TIMEOUT = 180
# Captchas per client network, count/seconds: for comment forms readers
# start (fetched when they begin to write), and new ones for a form that has
# one ("Lấy lại mã bảo mật").
CAPTCHA_FORM_LIMIT = env_rates("DJANGO_CAPTCHA_FORM_LIMIT", "30/60")[0]
CAPTCHA_REFRESH_LIMIT = env_rates("DJANGO_CAPTCHA_REFRESH_LIMIT", "10/60")[0]
CAPTCHA_AUDIO_LIMIT = env_rates("DJANGO_CAPTCHA_AUDIO_LIMIT", "10/60")[0]
# The program that reads the captcha aloud (comments/audio.py): a name on
# the PATH or a path. Not installed: no audio captcha, and a system warning.
COMMENT_AUDIO_PROGRAM = os.environ.get("DJANGO_COMMENT_AUDIO_PROGRAM", "espeak-ng")
# Five digits 2-9, drawn by comments/captcha.py (which serves the library's
# image addresses): the library's drawing settings do not apply. One
# rendering at twice the CSS size, so no separate `@2` image.
CAPTCHA_LENGTH = 5
CAPTCHA_2X_IMAGE = False
CAPTCHA_CHALLENGE_FUNCT = "comments.captcha.readable_challenge"

# Spam and flood defences of the comment form (see comments/posting.py).
# At most N comments per client address per window: "N/seconds,...".
COMMENT_RATE_LIMITS = env_rates("DJANGO_COMMENT_RATE_LIMITS", "3/60,10/3600,30/86400")
# "hourly" or "daily": the editors get one digest mail a period (the
# send_comment_digest command, run by cron) instead of a mail per comment.
COMMENT_DIGEST = os.environ.get("DJANGO_COMMENT_DIGEST", "").strip().lower()
if COMMENT_DIGEST not in {"", "hourly", "daily"}:
    raise ImproperlyConfigured(
        f"DJANGO_COMMENT_DIGEST must be hourly, daily or unset: {COMMENT_DIGEST!r}"
    )
# A person needs a few seconds to write; robots post at once.
COMMENT_MIN_SECONDS = env_int("DJANGO_COMMENT_MIN_SECONDS", 3)
# How many proxies in front of the app append to X-Forwarded-For. 0: the
# client is REMOTE_ADDR and X-Forwarded-For, which anyone can send, is ignored.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0, minimum=0)
# Limits count per client network: one IPv6 subscriber holds a whole /64.
CLIENT_IPV6_PREFIX = env_int("DJANGO_CLIENT_IPV6_PREFIX", 64, minimum=1, maximum=128)
CLIENT_IPV4_PREFIX = env_int("DJANGO_CLIENT_IPV4_PREFIX", 32, minimum=1, maximum=32)

# Error reports name no reader: no address, cookie, browser or phone number.
DEFAULT_EXCEPTION_REPORTER_FILTER = "portal.error_mail.PrivateReporterFilter"

# E-mail: the console by default; SMTP when DJANGO_EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
# Only the task worker talks to the SMTP server (never a request): this bounds
# how long one attempt may hold the worker before it is retried later.
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", f"{SITE_SHORT_NAME} <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = f"[{SITE_SHORT_NAME}] "
# Editors told about every new comment: "Name <address>, Other <address>".
MANAGERS = getaddresses(env_list("DJANGO_MANAGERS"))
ADMINS = getaddresses(env_list("DJANGO_ADMINS"))

# Background tasks live in the database (django-tasks-db): a task enqueued in a
# transaction commits or rolls back with it, and needs no other server. The
# worker (`manage.py db_worker`) runs them; `make run` starts one.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "portal.operations.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if os.environ.get("DJANGO_LOG_FORMAT") == "json" else "plain",
        },
        # Django's error mails to ADMINS, queued for the worker instead of
        # sent from the failing request (portal/error_mail.py).
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "portal.error_mail.QueuedAdminEmailHandler",
        },
    },
    # Django's own records reach the console through the root logger.
    "loggers": {"django": {"handlers": ["mail_admins"], "level": "INFO"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
