"""Turn notice files into published Articles: upsert, in batches, with a report.

A batch of files is read and checked before the database is touched: a file
that cannot be read or whose fields do not fit is named and left out, and
writes nothing. The rest of the batch is written in bulk, in one
transaction: one query finds which notices are already there, one INSERT
adds the new ones and one UPDATE the changed ones, so that importing costs
about what `loaddata` costs for the same rows. Should the database still
refuse a row (a rule only it knows, another writer at the same moment), the
batch is rolled back and written again a file at a time, each in its own
savepoint, so that the file at fault is named and the others import.

Each batch commits on its own, so that a long import never holds SQLite's
single write lock for long, and nothing of the files already imported is
kept in memory: the report counts them and keeps only those with errors or
warnings.

Text the parser left out that is not known page chrome comes back as
warnings on the file's result; with `strict`, such a file is an error and
nothing of it is written.
"""

import enum
import itertools
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from .models import SEARCH_COLUMNS, Article, Category, first_free_slug
from .notices import NoticeError, read_notice

DEFAULT_CATEGORY_NAME = "Chỉ đạo điều hành"
# The section's slug on the original portal.
DEFAULT_CATEGORY_SLUG = "chidaodieuhanh"
BATCH_SIZE = 300
# What a notice sets on its article, besides its key (title and time).
IMPORTED_FIELDS = ["outlet_code", "lead", "body", "author", "status", "category"]


class Action(enum.StrEnum):
    CREATED = "tạo mới"
    UPDATED = "cập nhật"
    UNCHANGED = "không đổi"
    FAILED = "lỗi"


@dataclass
class FileResult:
    path: Path
    action: Action
    # The article's slug, once it has one (not for a new article in a dry run).
    slug: str | None = None
    # Each message starts with its line ("dòng 12: ...") when it has one.
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug}) if self.slug else None


@dataclass
class ImportReport:
    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)
    # The results with errors or warnings, in order; the others are counted.
    notable: list[FileResult] = field(default_factory=list)
    # Files found in the folders given that are not notices (*.txt).
    skipped: list[Path] = field(default_factory=list)

    def add(self, result):
        self.counts[result.action] += 1
        if result.errors or result.warnings:
            self.notable.append(result)

    @property
    def total(self):
        return self.counts.total()

    def count(self, action):
        return self.counts[action]

    @property
    def failures(self):
        return [result for result in self.notable if result.action == Action.FAILED]

    @property
    def warned(self):
        return [result for result in self.notable if result.warnings]


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
    files = iter(files)
    while batch := list(itertools.islice(files, batch_size)):
        parsed = [(path, parse_file(path, strict)) for path in batch]
        for result in import_batch(parsed, category, dry_run):
            report.add(result)
            if on_result:
                on_result(result)
    return report


def import_batch(parsed, category, dry_run):
    """[(path, Notice or Unreadable)] -> their FileResults, in order."""
    batch = Batch(category, [notice for _, notice in parsed if not isinstance(notice, Unreadable)])
    for path, notice_or_error in parsed:
        batch.add(path, notice_or_error)
    if not dry_run:
        try:
            with transaction.atomic():
                batch.write()
        except DatabaseError:
            # Refused by the database alone: a file at a time, each in its
            # own savepoint, names the file at fault and keeps the others.
            with transaction.atomic():
                return [store(path, notice_or_error, category) for path, notice_or_error in parsed]
    return batch.results()


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


def key(article_or_notice):
    """The natural key of a notice and its article."""
    return article_or_notice.title, article_or_notice.published_at


class Batch:
    """What a batch of notices does to the articles: which are new, which
    changed, decided file by file in order (a notice given twice in a batch
    updates the article its first copy made), then written in bulk."""

    def __init__(self, category, notices):
        self.category = category
        self.articles = existing_articles({key(notice) for notice in notices})
        self.new, self.changed = {}, {}
        self.outcomes = []  # (FileResult, its article or None)

    def add(self, path, notice):
        result, article = self.outcome(path, notice)
        self.outcomes.append((result, article))

    def outcome(self, path, notice):
        if isinstance(notice, Unreadable):
            return FileResult(path, Action.FAILED, errors=notice.errors), None
        warnings = tuple(map(str, notice.warnings))
        values = article_values(notice, self.category)
        try:
            check(notice, values)
        except ValidationError as error:
            errors = describe(error, notice)
            return FileResult(path, Action.FAILED, errors=errors, warnings=warnings), None
        article = self.articles.get(key(notice))
        if article is None:
            article = Article(title=notice.title, published_at=notice.published_at, **values)
            self.articles[key(notice)] = self.new[key(notice)] = article
            return FileResult(path, Action.CREATED, warnings=warnings), article
        if not update(article, values):
            return FileResult(path, Action.UNCHANGED, warnings=warnings), article
        if key(notice) not in self.new:
            self.changed[key(notice)] = article
        return FileResult(path, Action.UPDATED, warnings=warnings), article

    def write(self):
        if self.new:
            give_slugs(self.new.values())
            Article.objects.bulk_create(self.new.values())
        if self.changed:
            now = timezone.now()
            for article in self.changed.values():
                article.updated_at = now
            fields = [*IMPORTED_FIELDS, "updated_at"]
            Article.objects.bulk_update(self.changed.values(), fields)

    def results(self):
        """The results, each with its article's slug once it has one."""
        for result, article in self.outcomes:
            if article is not None:
                result.slug = article.slug or None
        return [result for result, _ in self.outcomes]


def existing_articles(keys):
    """{key: article} of the notices' articles already stored, in one query
    over the (title, time) index; the search columns are not read."""
    if not keys:
        return {}
    found = Article.objects.filter(
        title__in={title for title, _ in keys}, published_at__in={time for _, time in keys}
    ).defer(*SEARCH_COLUMNS.values())
    return {key(article): article for article in found if key(article) in keys}


def give_slugs(articles):
    """A free slug for each new article, none given twice within the batch:
    one query for the batch finds which bases are taken, and only a taken
    base has its numbered slugs looked up (over the slug's index)."""
    articles = list(articles)
    bases = [article.slug_base() for article in articles]
    in_use = set(Article.objects.filter(slug__in=set(bases)).values_list("slug", flat=True))
    taken = {}
    for article, base in zip(articles, bases, strict=True):
        if base not in taken:
            taken[base] = Article.objects.slugs_from(base) if base in in_use else set()
        article.slug = first_free_slug(base, taken[base])
        taken[base].add(article.slug)


def article_values(notice, category):
    """The IMPORTED_FIELDS of a notice's article."""
    return {
        "outlet_code": notice.outlet_code,
        "lead": notice.lead,
        "body": notice.body,
        "author": notice.author,
        "status": Article.Status.PUBLISHED,
        "category_id": category.pk,
    }


def check(notice, values):
    """Lengths and choices, as the model states them; raises ValidationError.
    The natural key is looked up, the slug made later."""
    article = Article(title=notice.title, published_at=notice.published_at, **values)
    article.full_clean(
        exclude=["slug", "category"], validate_unique=False, validate_constraints=False
    )


def update(article, values):
    """Set the values that differ on the article; whether any did."""
    changed = {name for name, value in values.items() if getattr(article, name) != value}
    for name in changed:
        setattr(article, name, values[name])
    return bool(changed)


def store(path, parsed, category):
    """Import one file on its own, in a savepoint (the slow path)."""
    if isinstance(parsed, Unreadable):
        return FileResult(path, Action.FAILED, errors=parsed.errors)
    warnings = tuple(map(str, parsed.warnings))
    values = article_values(parsed, category)
    try:
        check(parsed, values)
        with transaction.atomic():
            action, article = upsert(parsed, values)
    except ValidationError as error:
        return FileResult(path, Action.FAILED, errors=describe(error, parsed), warnings=warnings)
    except DatabaseError as error:
        errors = (f"lỗi cơ sở dữ liệu: {error}",)
        return FileResult(path, Action.FAILED, errors=errors, warnings=warnings)
    return FileResult(path, action, article.slug, warnings=warnings)


def upsert(notice, values):
    """Create or update the article for a notice; its title and time are its key."""
    article = Article.objects.filter(title=notice.title, published_at=notice.published_at).first()
    if article is None:
        article = Article(title=notice.title, published_at=notice.published_at, **values)
        article.save()
        return Action.CREATED, article
    if not update(article, values):
        return Action.UNCHANGED, article
    article.save()
    return Action.UPDATED, article


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
