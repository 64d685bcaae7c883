"""Turn notice files into published Articles: upsert, in batches, with a report.

Each file is parsed before the database is touched, and written in its own
savepoint: a bad file leaves nothing behind and the others still import.
The batch commits every `batch_size` files so that a long import never holds
SQLite's single write lock for long.

Text the parser left out that is not known page chrome comes back as
warnings on the file's result; with `strict`, such a file is an error and
nothing of it is written.
"""

import enum
import os
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from .models import Article, Category
from .notices import NoticeError, read_notice

DEFAULT_CATEGORY_NAME = "Chỉ đạo điều hành"
# The section's slug on the original portal.
DEFAULT_CATEGORY_SLUG = "chidaodieuhanh"
BATCH_SIZE = 100


class Action(enum.StrEnum):
    CREATED = "tạo mới"
    UPDATED = "cập nhật"
    UNCHANGED = "không đổi"
    FAILED = "lỗi"


@dataclass
class FileResult:
    path: Path
    action: Action
    article: Article | None = None
    # Each message starts with its line ("dòng 12: ...") when it has one.
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass
class ImportReport:
    dry_run: bool = False
    results: list[FileResult] = field(default_factory=list)
    # Files found in the folders given that are not notices (*.txt).
    skipped: list[Path] = field(default_factory=list)

    def count(self, action):
        return sum(1 for result in self.results if result.action == action)

    @property
    def failures(self):
        return [result for result in self.results if result.action == Action.FAILED]

    @property
    def warned(self):
        return [result for result in self.results if result.warnings]


class NoticeFiles(NamedTuple):
    files: list[Path]
    skipped: list[Path]


def notice_files(paths):
    """Find the files to import: each file given, whatever its name, and every
    *.txt (in any case: .TXT, .Txt) below each folder. The other files in the
    folders come back as skipped; hidden files and folders (".git",
    ".DS_Store") are left out altogether."""
    files, skipped = [], []
    for path in map(Path, paths):
        if path.is_dir():
            for found in sorted(visible_files(path)):
                (files if found.suffix.lower() == ".txt" else skipped).append(found)
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"Không tìm thấy tệp hoặc thư mục: {path}")
    return NoticeFiles(list(dict.fromkeys(files)), list(dict.fromkeys(skipped)))


def visible_files(folder):
    for root, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            if not name.startswith(".") and (found := Path(root, name)).is_file():
                yield found


def default_category(dry_run=False):
    """The section notices go to unless told otherwise, created if missing."""
    lookup = {"slug": DEFAULT_CATEGORY_SLUG, "defaults": {"name": DEFAULT_CATEGORY_NAME}}
    if dry_run:
        existing = Category.objects.filter(slug=DEFAULT_CATEGORY_SLUG).first()
        return existing or Category(slug=DEFAULT_CATEGORY_SLUG, name=DEFAULT_CATEGORY_NAME)
    return Category.objects.get_or_create(**lookup)[0]


def import_notices(
    files,
    category,
    *,
    dry_run=False,
    strict=False,
    skipped=(),
    batch_size=BATCH_SIZE,
    on_result=None,
):
    report = ImportReport(dry_run=dry_run, skipped=list(skipped))
    files = list(files)
    for start in range(0, len(files), batch_size):
        parsed = [(path, parse_file(path, strict)) for path in files[start : start + batch_size]]
        with writing(dry_run):
            for path, notice_or_error in parsed:
                result = store(path, notice_or_error, category, dry_run)
                report.results.append(result)
                if on_result:
                    on_result(result)
    return report


def writing(dry_run):
    """A transaction, except in a dry run, which only reads and must not
    take SQLite's write lock."""
    return nullcontext() if dry_run else transaction.atomic()


@dataclass(frozen=True)
class Unreadable:
    """A file that is not imported, and why (one message per line at fault)."""

    errors: tuple[str, ...]


def parse_file(path, strict=False):
    try:
        notice = read_notice(path)
    except NoticeError as error:
        return Unreadable((str(error),))
    except OSError as error:
        return Unreadable((f"không đọc được tệp ({error.strerror})",))
    if strict and notice.warnings:
        return Unreadable(
            tuple(f"{warning} (--strict: không nhập tệp)" for warning in notice.warnings)
        )
    return notice


def store(path, parsed, category, dry_run):
    if isinstance(parsed, Unreadable):
        return FileResult(path, Action.FAILED, errors=parsed.errors)
    warnings = tuple(map(str, parsed.warnings))
    try:
        with writing(dry_run):
            action, article = upsert(parsed, category, dry_run)
    except ValidationError as error:
        return FileResult(path, Action.FAILED, errors=describe(error, parsed), warnings=warnings)
    except DatabaseError as error:
        errors = (f"lỗi cơ sở dữ liệu: {error}",)
        return FileResult(path, Action.FAILED, errors=errors, warnings=warnings)
    return FileResult(path, action, article, warnings=warnings)


def upsert(notice, category, dry_run):
    """Create or update the article for a notice; its title and time are its key."""
    values = {
        "outlet_code": notice.outlet_code,
        "lead": notice.lead,
        "body": notice.body,
        "author": notice.author,
        "status": Article.Status.PUBLISHED,
    }
    article = Article.objects.filter(title=notice.title, published_at=notice.published_at).first()
    if article is None:
        article = Article(
            title=notice.title, published_at=notice.published_at, category=category, **values
        )
        action = Action.CREATED
    else:
        changed = {name for name, value in values.items() if getattr(article, name) != value}
        if not changed and article.category_id == category.pk:
            return Action.UNCHANGED, article
        for name in changed:
            setattr(article, name, values[name])
        article.category = category
        action = Action.UPDATED
    # Lengths and choices; the natural key was looked up above.
    article.full_clean(
        exclude=["slug", "category"], validate_unique=False, validate_constraints=False
    )
    if not dry_run:
        article.save()
    return action, article


def describe(error, notice):
    """One message per field at fault, starting with the line it came from."""
    messages = []
    for name, texts in error.message_dict.items():
        message = " ".join(texts)
        if name != "__all__":
            message = f"{Article._meta.get_field(name).verbose_name}: {message}"
        if name in notice.lines:
            message = f"dòng {notice.lines[name]}: {message}"
        messages.append(message)
    return tuple(messages)
