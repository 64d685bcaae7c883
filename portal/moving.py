"""Copy a running portal's data into another database (SQLite to PostgreSQL,
typically), keeping every article, comment, decision, account and image
reference; what migrations create there, and what is disposable, is left
out: content types, permissions, sessions, captchas, login attempts, rate
counts, the task queue, and the summaries the target's triggers rebuild.

The target is migrated first and must hold no articles or comments; the
copy is one transaction there, so a failure leaves it as it was.
"""

import tempfile
from pathlib import Path

import dj_database_url
from django.apps import apps
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction

TARGET = "move_target"
# Created by migrations in the target, or of no use after a move.
LEFT_OUT = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "captcha",
    "axes",
    "django_tasks_db",
    "comments.ratecount",
    "comments.claim",
    "portal.contentversion",
    "articles.sitemappage",
]


class MoveError(Exception):
    pass


def copied_models():
    left_out = {label.lower() for label in LEFT_OUT}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in left_out or label in left_out:
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        yield model


def counts(alias):
    return {
        model._meta.label: model._default_manager.using(alias).count() for model in copied_models()
    }


def move_database(target_url, progress=print):
    """Copy the default database into the one at `target_url`; return the
    count of rows of each model, checked equal in both."""
    # Django's defaults for every key a connection reads, as for DATABASES.
    configured = connections.configure_settings(
        {
            DEFAULT_DB_ALIAS: connections.settings[DEFAULT_DB_ALIAS],
            TARGET: dj_database_url.parse(target_url),
        }
    )
    connections.settings[TARGET] = configured[TARGET]
    try:
        progress("Áp dụng migrations cho cơ sở dữ liệu đích…")
        call_command("migrate", database=TARGET, interactive=False, verbosity=0)
        Article = apps.get_model("articles", "Article")
        Comment = apps.get_model("comments", "Comment")
        if Article.objects.using(TARGET).exists() or Comment.objects.using(TARGET).exists():
            raise MoveError(
                "Cơ sở dữ liệu đích đã có bài viết hoặc bình luận: "
                "hãy dùng một cơ sở dữ liệu trống."
            )
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / "portal.jsonl"
            progress("Xuất dữ liệu…")
            call_command(
                "dumpdata",
                *[model._meta.label for model in copied_models()],
                database=DEFAULT_DB_ALIAS,
                format="jsonl",
                output=str(dump),
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
                verbosity=0,
            )
            progress("Nạp vào cơ sở dữ liệu đích…")
            with transaction.atomic(using=TARGET):
                call_command("loaddata", str(dump), database=TARGET, verbosity=0)
        source, target = counts(DEFAULT_DB_ALIAS), counts(TARGET)
        if source != target:
            differ = {
                label: (source[label], target[label])
                for label in source
                if source[label] != target[label]
            }  # noqa: E501
            raise MoveError(f"Số bản ghi khác nhau sau khi chuyển: {differ}")
        return target
    finally:
        connections[TARGET].close()
        del connections.settings[TARGET]
