"""Demo data for the portal: `manage.py seed_demo` (see the README).

Realistic Vietnamese articles (articles/demo_words.py) spread over years of
office hours, and readers' comments under them, written with bulk inserts
fast enough for 100,000 articles in seconds.

What makes it fast (measured, see the README): no per-row save(); rows go in
with bulk_create, committed every CHUNK rows so that a long run never holds
SQLite's only write lock for long, without DEBUG's query log; titles are
folded a word at a time, each distinct word once, and slugs come from the
folded title instead of a second transliteration; body sentences are drawn
from pools rendered once per topic, a few different ones per article.
Article.objects.bulk_create folds the search columns itself (the most of
the time now) and the database indexes them (articles/search_index.py).

How demo rows are told apart: every demo article's slug ends in
`-demo-<n>`, n counting the demo articles of the database from 1 (the
next run carries on after the largest n, so runs never collide). Such slugs
are reserved for demo data. Anything else is a real article, except the
sample notices of seeds/ that `make run` imports.

Reproducible: the same --seed and --until give the same rows (titles, slugs,
times, comments) on an empty database. Each run draws from random.Random
instances seeded with the seed and the run's first n, never the global one.
"""

import functools
import importlib
import ipaddress
import itertools
import re
import time as clock
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from random import Random
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from comments.models import Comment, Decision
from portal.network import client_network
from portal.text import SLUG_WORDS_LENGTH, fold

from . import demo_words as words
from .importing import notice_files
from .models import Article, Category
from .notices import NoticeError, read_notice

DEMO_SLUG = re.compile(r"-demo-([0-9]+)$")
# The same pattern for the database's regex lookup (SQLite through Python's
# re, PostgreSQL's ~): both read it the same way.
DEMO_SLUG_REGEX = r"-demo-[0-9]+$"
# Rows per transaction: short write locks, few commits.
CHUNK = 2000
DRAFT_SHARE = 0.02
SCHEDULED_SHARE = 0.01
SCHEDULED_DAYS = 30
COMMENT_SHARES = {
    Comment.Status.APPROVED: 0.70,
    Comment.Status.PENDING: 0.25,
    Comment.Status.REJECTED: 0.05,
}
# Office hours, Hanoi time: 7:30 to 17:30.
FIRST_MINUTE, LAST_MINUTE = 7 * 60 + 30, 17 * 60 + 30
# Share of readers who leave a phone number.
PHONE_SHARE = 0.4
# Reserved ranges only (see the README): documentation addresses (RFC 5737,
# RFC 3849) and mobile numbers in 095, the block of S-Fone, closed in 2012:
# libphonenumber takes +8495xxxxxxx for a valid Vietnamese mobile and knows no
# carrier for it.
IPV4_DOC_NETWORKS = ("192.0.2.", "198.51.100.", "203.0.113.")
IPV6_SHARE = 0.35
PHONE_PREFIX = "+8495"
# Rendered sentences kept per template and topic.
POOL_RENDERINGS = 6
OUTLET_CODE = "HNP"


class DemoRefused(Exception):
    """Why seed_demo will not write into this database (Vietnamese)."""


@dataclass
class DemoReport:
    articles: int
    comments: int
    first_number: int
    article_seconds: float
    comment_seconds: float

    @property
    def seconds(self):
        return self.article_seconds + self.comment_seconds

    @property
    def articles_per_second(self):
        return self.articles / self.article_seconds if self.article_seconds else 0


# --- safety -----------------------------------------------------------------


def check_allowed(force=False):
    """Raise DemoRefused unless demo data may go into this database."""
    if force:
        return
    if not settings.DEBUG:
        raise DemoRefused(
            "DEBUG đang tắt, có thể đây là máy chủ thật: seed_demo chỉ dùng trên máy phát "
            "triển. Chạy với DJANGO_DEBUG=1, hoặc thêm --force nếu chắc chắn muốn thêm dữ "
            "liệu mẫu vào cơ sở dữ liệu này."
        )
    real = real_articles()
    count = real.count()
    if count:
        example = real.order_by("pk").values_list("title", flat=True).first()
        raise DemoRefused(
            f"Cơ sở dữ liệu đã có {count} bài viết thật (không phải dữ liệu mẫu), ví dụ "
            f"«{example}»: seed_demo không trộn dữ liệu mẫu vào bài thật. Dùng một cơ sở dữ "
            "liệu trống, hoặc thêm --force nếu chắc chắn."
        )


def real_articles():
    """Articles not made by seed_demo, nor imported from the sample notices."""
    articles = Article.objects.exclude(slug__regex=DEMO_SLUG_REGEX)
    samples = sample_notices()
    if samples:
        articles = articles.exclude(
            functools.reduce(
                Q.__or__, (Q(title=title, published_at=when) for title, when in samples)
            )
        )
    return articles


def sample_notices():
    """(title, published_at) of the notices in seeds/, which `make run` imports."""
    folder = settings.BASE_DIR / "seeds"
    if not folder.is_dir():
        return []
    keys = []
    for path in notice_files([folder]).files:
        try:
            notice = read_notice(path)
        except (NoticeError, OSError, UnicodeError):
            continue
        keys.append((notice.title, notice.published_at))
    return keys


def next_number():
    """The n of the next demo slug: one past the newest demo article's."""
    newest = (
        Article.objects.filter(slug__regex=DEMO_SLUG_REGEX)
        .order_by("-pk")
        .values_list("slug", flat=True)
        .first()
    )
    return int(DEMO_SLUG.search(newest).group(1)) + 1 if newest else 1


# --- the run --------------------------------------------------------------------


def seed_demo(*, articles, comments, seed, until=None, years=10, progress=None):
    """Add `articles` demo articles and `comments` comments; return a DemoReport.

    Articles are published on office hours of the `years` years before the
    day `until` (default today, Hanoi time), a few of them drafts and a few
    scheduled after it; comments go under the published ones, after them and
    before `until`. Comments without articles in this run go under the demo
    articles already there.
    """
    until = until or timezone.localdate()
    progress = progress or (lambda done: None)
    first = next_number()
    pools = build_pools(Random(f"{seed}:pools"))
    started = clock.perf_counter()
    rng = Random(f"{seed}:{first}:articles")
    visible = create_articles(rng, articles, first, until, years, pools, progress)
    article_seconds = clock.perf_counter() - started
    rng = Random(f"{seed}:{first}:comments")
    if comments and not visible:
        visible = visible_demo_articles(rng, until, pools)
    if comments and not visible:
        raise DemoRefused(
            "Chưa có bài viết mẫu nào đã đăng để gắn bình luận: chạy kèm --articles N."
        )
    started = clock.perf_counter()
    create_comments(rng, comments, visible, until, pools, progress)
    return DemoReport(
        articles=articles,
        comments=comments,
        first_number=first,
        article_seconds=article_seconds,
        comment_seconds=clock.perf_counter() - started,
    )


def start_of(day):
    """Midnight at the start of `day`, Hanoi time."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def batch_size(model, objs):
    """Rows per INSERT: SQLite takes 999 parameters, so 999 // fields there."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    return connection.ops.bulk_batch_size(fields, objs) or len(objs)


# --- text ---------------------------------------------------------------------

SLOT = re.compile(r"\{(\w+)\}")


class FoldedWords(dict):
    """fold() of each word (space-separated piece) seen so far. The words come
    from the word lists, numbers and dates: a few tens of thousands at most."""

    def __missing__(self, word):
        folded = self[word] = fold(word)
        return folded


_FOLDED_WORDS = FoldedWords()


def fold_words(text):
    """fold(text), a word at a time: fold works character by character, so
    folding the words of a text and joining them gives fold(text), and each
    distinct word is folded once (folding whole bodies would take longer than
    writing them)."""
    return " ".join(map(_FOLDED_WORDS.__getitem__, text.split(" ")))


def pick(rng, items):
    """rng.choice(items), in one call to the generator."""
    return items[int(rng.random() * len(items))]


def between(rng, low, high):
    """A whole number from low to high - 1."""
    return low + int(rng.random() * (high - low))


def different(rng, groups, count):
    """One rendering each of `count` different groups (fewer if there are fewer)."""
    order = list(groups)
    count = min(count, len(order))
    for index in range(count):
        other = between(rng, index, len(order))
        order[index], order[other] = order[other], order[index]
    return [pick(rng, group) for group in order[:count]]


@functools.cache
def parse(template):
    """A template as literal strings and (slot name, capitalised) pairs."""
    items = []
    for index, part in enumerate(SLOT.split(template)):
        if index % 2:
            items.append((part.lower(), part[0].isupper()))
        elif part:
            items.append(part)
    return tuple(items)


def capitalise(text):
    return text[:1].upper() + text[1:]


class Writer:
    """Fills templates' slots from `values` (the article's own), then the
    topic's lists, then the common ones. A value is a string (a template), a
    list (one entry is drawn and filled in turn) or a function of nothing
    returning finished text. `{Slot}` capitalises what it fills in.

    The names in `kept` are drawn once and then kept: an article's writer
    keeps ARTICLE_KEPT, so that its title, lead and body agree on what it is
    about and who spoke."""

    ARTICLE_KEPT = frozenset(
        ["place", "subject", "question", "procedure", "directive", "news", "leader"]
    )

    def __init__(self, rng, topic, values, kept=frozenset()):
        self.rng, self.topic, self.values, self.kept = rng, topic, values, kept

    def render(self, template, capital=False):
        return "".join(self.write([], template, capital))

    def write(self, out, template, capital=False):
        for item in parse(template):
            if type(item) is str:
                out.append(capitalise(item) if capital else item)
            else:
                name, capital_slot = item
                self.fill(out, name, capital or capital_slot)
            capital = False
        return out

    def fill(self, out, name, capital):
        value = self.values.get(name)
        if value is None:
            value = self.topic.get(name) or words.COMMON[name]
            if name in self.kept:
                value = self.values[name] = self.render(pick(self.rng, value))
        if type(value) is list:
            value = pick(self.rng, value)
        elif callable(value):
            out.append(capitalise(value()) if capital else value())
            return
        if "{" in value:
            self.write(out, value, capital)
        else:
            out.append(capitalise(value) if capital else value)


def full_date(day):
    return f"{day.day}/{day.month}/{day.year}"


def thousands(number):
    """12.345, as Vietnamese writes thousands."""
    return f"{number:,}".replace(",", ".")


class Figures:
    """Numbers and dates drawn afresh at each use, around `day` (the day an
    article is about; None for sentences written in advance for any year)."""

    def __init__(self, rng):
        self.rng, self.day = rng, None

    def values(self):
        return {
            "n": self.many,
            "small": lambda: str(between(self.rng, 3, 150)),
            "many": lambda: thousands(between(self.rng, 1000, 60000)),
            "percent": lambda: str(between(self.rng, 62, 99)),
            "growth": lambda: str(between(self.rng, 3, 16)),
            "months": lambda: str(between(self.rng, 2, 11)),
            "days": lambda: str(pick(self.rng, (3, 5, 7, 10, 15, 20))),
            "reference": self.reference,
            "deadline": self.deadline,
            "year": lambda: str(self.day.year) if self.day else "nay",
            "office": words.OFFICES,
        }

    def many(self):
        if self.rng.random() < 0.5:
            return str(between(self.rng, 20, 1000))
        return thousands(between(self.rng, 1000, 60000))

    def document(self, kinds=words.DOCUMENTS):
        """ "Thông báo số 540/TB-VP"."""
        kind, code = pick(self.rng, kinds)
        return f"{kind} số {between(self.rng, 1, 3000)}{code}"

    def reference(self):
        """An earlier document: "Kế hoạch số 268/KH-UBND ngày 8/8/2019"."""
        if self.day is None:
            return self.document()
        issued = self.day - timedelta(days=between(self.rng, 30, 700))
        return f"{self.document()} ngày {full_date(issued)}"

    def deadline(self):
        if self.day is None:  # any year: "15/12"
            later = date(2001, 1, 1) + timedelta(days=between(self.rng, 0, 365))
            return f"{later.day}/{later.month}"
        return full_date(self.day + timedelta(days=between(self.rng, 7, 60)))


def person_name(rng):
    middles, givens = words.MEN if rng.random() < 0.5 else words.WOMEN
    return f"{pick(rng, words.SURNAMES)} {pick(rng, middles)} {pick(rng, givens)}"


# --- pools ----------------------------------------------------------------------


@dataclass
class TopicPool:
    """A topic's words, and its sentences rendered in advance: for each
    template a group of renderings ((text, folded) pairs), so that an
    article can say several different things."""

    words: dict
    sentences: list
    results: list
    demands: list
    comment_titles: list
    comment_sentences: list


def build_pools(rng):
    pools = []
    figures = Figures(rng)
    for topic in words.TOPICS.values():
        values = {**figures.values(), "district": words.DISTRICTS, "agency": topic["agency"]}
        writer = Writer(rng, topic, values)

        def rendered(templates, writer=writer):
            groups = []
            for template in templates:
                texts = [writer.render(template) for _ in range(POOL_RENDERINGS)]
                groups.append([(text, fold_words(text)) for text in texts])
            return groups

        pools.append(
            TopicPool(
                words=topic,
                sentences=rendered(topic["sentence"]),
                results=rendered(words.COMMON["result"]),
                demands=rendered(words.COMMON["demand"]),
                comment_titles=rendered(words.COMMENT_TITLES),
                comment_sentences=rendered([*topic["comment"], *words.COMMENT_SENTENCES]),
            )
        )
    return pools


# --- articles -----------------------------------------------------------------


def publication_times(rng, count, until, years):
    """(time, status) of `count` articles, oldest first: office hours on the
    days of the `years` years before `until`, a share of them drafts, and a
    share scheduled on the days after it."""
    scheduled = round(count * SCHEDULED_SHARE)
    past = count - scheduled
    drafts = set(rng.sample(range(past), min(past, round(count * DRAFT_SHARE))))
    span = round(365.25 * years)
    days = [until - timedelta(days=between(rng, 1, span + 1)) for _ in range(past)]
    days += [until + timedelta(days=between(rng, 1, SCHEDULED_DAYS + 1)) for _ in range(scheduled)]
    hanoi = ZoneInfo(settings.TIME_ZONE)
    result = []
    for index, day in enumerate(days):
        if day.weekday() >= 5 and rng.random() < 0.8 and index < past:
            day -= timedelta(days=day.weekday() - 4)  # most weekend news waits for Friday
        minute = between(rng, FIRST_MINUTE, LAST_MINUTE)
        when = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=hanoi)
        status = Article.Status.DRAFT if index in drafts else Article.Status.PUBLISHED
        result.append((when, status))
    result.sort(key=lambda pair: pair[0])
    return result


NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug_words(folded_title):
    """make_slug(title), from the folded title: the same words, up to
    SLUG_WORDS_LENGTH characters cut at a word boundary."""
    slug = NOT_SLUG.sub("-", folded_title).strip("-")
    if len(slug) <= SLUG_WORDS_LENGTH:
        return slug
    kept = ""
    for word in slug.split("-"):
        longer = f"{kept}-{word}" if kept else word
        if len(longer) > SLUG_WORDS_LENGTH:
            break
        kept = longer
    return kept


DECISIONS = [("Quyết định", "/QĐ-UBND")]


class ArticleMaker:
    def __init__(self, rng, categories, pools):
        self.rng, self.categories, self.pools = rng, categories, pools
        self.cum_weights = list(
            itertools.accumulate(words.SECTION_WEIGHTS.get(c.slug, 1) for c in categories)
        )
        self.figures = Figures(rng)
        self.common = self.figures.values()

    def make(self, number, when, status):
        """A demo article (unsaved) and the index of the topic pool it was
        written from."""
        rng = self.rng
        category = rng.choices(self.categories, cum_weights=self.cum_weights)[0]
        section = words.SECTIONS.get(category.slug) or words.SECTIONS[words.DEFAULT_SECTION]
        pool_index = int(rng.random() * len(self.pools))
        pool = self.pools[pool_index]
        day = when.date()
        writer = self.writer(pool, day)
        title = writer.render(pick(rng, section["title"]))
        # "Ngày 11/11, Văn phòng UBND thành phố ...": the notice's own day,
        # the day of publication or just before.
        notice_day = day - timedelta(days=pick(rng, (0, 0, 0, 1, 2)))
        start = f"{pick(rng, words.LEAD_STARTS)} {notice_day.day}/{notice_day.month}, "
        lead = start + writer.render(pick(rng, section["lead"]))
        opening = writer.render(pick(rng, section["opening"]))
        paragraphs = [(opening, fold_words(opening)), *self.middle(pool)]
        paragraphs.append(joined(different(rng, pool.demands, between(rng, 1, 3)), " "))
        body, body_folded = joined(paragraphs, "\n\n")
        title_folded = fold_words(title)
        article = Article(
            title=title,
            slug=f"{slug_words(title_folded)}-demo-{number}",
            category_id=category.pk,
            outlet_code=OUTLET_CODE,
            lead=lead,
            body=body,
            author=pick(rng, words.AUTHORS),
            status=status,
            published_at=when,
        )
        return article, pool_index

    def writer(self, pool, day):
        """A Writer for a new article of `pool`'s topic about `day`."""
        rng, figures = self.rng, self.figures
        figures.day = day
        values = {
            **self.common,
            "district": pick(rng, words.DISTRICTS),
            "agency": pick(rng, pool.words["agency"]),
            "document": figures.document(),
            "decision": figures.document(DECISIONS),
            "name": person_name(rng),
        }
        return Writer(rng, pool.words, values, kept=Writer.ARTICLE_KEPT)

    def middle(self, pool):
        """1 to 6 paragraphs of 1 to 3 different sentences of the topic,
        some closing with a result."""
        rng = self.rng
        sizes = [between(rng, 1, 4) for _ in range(between(rng, 1, 7))]
        said = iter(different(rng, pool.sentences, sum(sizes)))
        results = iter(different(rng, pool.results, len(sizes)))
        for size in sizes:
            chosen = list(itertools.islice(said, size))
            if rng.random() < 0.25:
                chosen.append(next(results))
            if chosen:
                yield joined(chosen, " ")


def joined(pairs, separator):
    """(text, folded) pairs joined into one."""
    texts, folds = zip(*pairs, strict=True)
    return separator.join(texts), separator.join(folds)


def demo_categories():
    """The portal's sections; the five of the original menu if there are none."""
    categories = list(Category.objects.order_by("order", "pk"))
    if categories:
        return categories
    sections = importlib.import_module("articles.migrations.0002_portal_sections").SECTIONS
    for order, (name, slug) in enumerate(sections, start=1):
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})
    return list(Category.objects.order_by("order", "pk"))


def article_chunks(rng, count, first_number, until, years, pools, categories):
    """Lists of up to CHUNK (unsaved article, index of its topic pool)."""
    maker = ArticleMaker(rng, categories, pools)
    times = publication_times(rng, count, until, years)
    for start in range(0, count, CHUNK):
        yield [
            maker.make(number, when, status)
            for number, (when, status) in enumerate(
                times[start : start + CHUNK], start=first_number + start
            )
        ]


def create_articles(rng, count, first_number, until, years, pools, progress):
    """Write `count` demo articles; return (pk, published_at, pool) of those
    readers see before `until`, for the comments."""
    if not count:
        return []
    had_articles = Article.objects.exists()
    horizon = start_of(until)
    keys, visible = set(), []
    chunks = article_chunks(rng, count, first_number, until, years, pools, demo_categories())
    for made in chunks:
        rows = [row for row, _ in made]
        free_times(rows, keys, had_articles)
        with transaction.atomic(), unlogged_queries():
            Article.objects.bulk_create(rows, batch_size=batch_size(Article, rows))
        visible.extend(
            (row.pk, row.published_at, pool)
            for row, pool in made
            if row.status == Article.Status.PUBLISHED and row.published_at < horizon
        )
        progress(len(rows))
    return visible


def free_times(rows, keys, check_database):
    """Move a row's time on by a minute while another article has the same
    title and time (a unique constraint): one of this run (`keys`) or, when
    the database had articles before, one of those."""
    for row in rows:
        while (row.title, row.published_at) in keys:
            row.published_at += timedelta(minutes=1)
        keys.add((row.title, row.published_at))
    clashes = taken_keys(rows) if check_database else set()
    while clashes:
        for row in rows:
            if (row.title, row.published_at) in clashes:
                while (row.title, row.published_at) in keys | clashes:
                    row.published_at += timedelta(minutes=1)
                keys.add((row.title, row.published_at))
        clashes = taken_keys(rows)


def taken_keys(rows):
    """The (title, published_at) of `rows` that the database already has."""
    titles = list({row.title for row in rows})
    taken = set()
    for start in range(0, len(titles), 500):  # few enough parameters for SQLite
        taken.update(
            Article.objects.filter(title__in=titles[start : start + 500])
            .order_by()
            .values_list("title", "published_at")
        )
    return taken & {(row.title, row.published_at) for row in rows}


@contextmanager
def unlogged_queries():
    """Run this connection's queries without DEBUG's query log.

    With DEBUG on (seed_demo's normal case) Django keeps the SQL of every
    query with its parameters, and on SQLite rebuilds that text with extra
    queries: for bulk inserts of whole articles that doubled the time. The
    plain cursor is what DEBUG off uses.
    """
    connection.make_debug_cursor = connection.make_cursor
    try:
        yield
    finally:
        del connection.make_debug_cursor


# --- comments -------------------------------------------------------------------


def visible_demo_articles(rng, until, pools):
    """(pk, published_at, pool index) of the demo articles readers see before
    `until` (their topics are not stored: each gets one at random)."""
    rows = (
        Article.objects.filter(
            slug__regex=DEMO_SLUG_REGEX,
            status=Article.Status.PUBLISHED,
            published_at__lt=start_of(until),
        )
        .order_by("published_at", "pk")
        .values_list("pk", "published_at")
    )
    return [(pk, published_at, int(rng.random() * len(pools))) for pk, published_at in rows]


COMMENT_MEAN_DELAY = 36 * 3600  # seconds


def comment_times(rng, count, articles, until):
    """(time, article) of `count` comments, oldest first. Newer articles get
    more comments; each comes after its article, most within a day or two."""
    horizon = start_of(until)
    ordered = sorted(articles, key=lambda article: article[1])
    last = len(ordered) - 1
    result = []
    for _ in range(count):
        article = ordered[last - int(len(ordered) * rng.random() ** 2)]
        window = (horizon - article[1]).total_seconds() - 60
        delay = rng.expovariate(1 / COMMENT_MEAN_DELAY)
        if delay >= window:
            delay = window * rng.random()
        result.append((article[1] + timedelta(seconds=60 + int(delay)), article))
    result.sort(key=lambda pair: pair[0])
    return result


def statuses(rng, count):
    """`count` statuses in random order, in the exact shares of COMMENT_SHARES
    (pending takes what rounding leaves)."""
    left = {status: round(count * share) for status, share in COMMENT_SHARES.items()}
    left[Comment.Status.PENDING] = count - sum(
        n for status, n in left.items() if status != Comment.Status.PENDING
    )
    remaining = count
    for _ in range(count):
        draw = int(rng.random() * remaining)
        for status, n in left.items():
            if draw < n:
                left[status] -= 1
                remaining -= 1
                yield status
                break
            draw -= n


IPV6_DOC = 0x20010DB8
IPV6_NETWORKS = 3000


# Who decided the demo's comments, in the decision log (no user accounts:
# the log keeps names), how soon, and why the rejected ones were.
DEMO_EDITORS = ["Nguyễn Thu Hà", "Trần Minh Đức", "Lê Thị Lan", "Phạm Quốc Bảo"]
DECISION_MEAN_DELAY = 6 * 3600  # seconds
DEMO_REJECTION_REASONS = [
    Decision.Reason.SPAM,
    Decision.Reason.SPAM,
    Decision.Reason.LANGUAGE,
    Decision.Reason.OFF_TOPIC,
    Decision.Reason.DUPLICATE,
]


class CommentMaker:
    def __init__(self, rng, pools, until):
        self.rng, self.pools = rng, pools
        self.horizon = start_of(until)
        self.ipv6_networks = [rng.getrandbits(32) for _ in range(IPV6_NETWORKS)]
        self.networks = {}
        # Every host of a /64 is in the same network when limits count /64s
        # or wider ones (the default); narrower ones are worked out each time.
        self.same_network_per_64 = settings.CLIENT_IPV6_PREFIX <= 64

    def make(self, when, article, status):
        rng = self.rng
        pk, _, pool_index = article
        pool = self.pools[pool_index]
        if status == Comment.Status.REJECTED:
            title, content = pick(rng, words.REJECTED_COMMENTS)
        else:
            title = pick(rng, pick(rng, pool.comment_titles))[0]
            said = different(rng, pool.comment_sentences, pick(rng, (1, 1, 2, 2, 3)))
            content = " ".join(text for text, _ in said)
        address, network = self.address()
        decided_at = None
        if status != Comment.Status.PENDING:
            delay = timedelta(seconds=60 + rng.expovariate(1 / DECISION_MEAN_DELAY))
            decided_at = min(when + delay, self.horizon - timedelta(seconds=1))
        return Comment(
            article_id=pk,
            name=person_name(rng),
            phone=self.phone(),
            title=title,
            content=content,
            status=status,
            created_at=when,
            moderated_at=decided_at,
            ip_address=address,
            network=network,
            user_agent=pick(rng, words.USER_AGENTS),
        )

    def decisions(self, comments):
        """The log's lines for the decided ones among these saved comments."""
        decided = [comment for comment in comments if comment.moderated_at is not None]
        titles = dict(
            Article.objects.filter(pk__in={c.article_id for c in decided}).values_list(
                "pk", "title"
            )
        )
        for comment in decided:
            rejected = comment.status == Comment.Status.REJECTED
            yield Decision(
                comment_id=comment.pk,
                comment_number=comment.pk,
                comment_title=comment.title,
                comment_sent_at=comment.created_at,
                article_title=titles[comment.article_id],
                editor_name=pick(self.rng, DEMO_EDITORS),
                action=comment.status,
                from_status=Comment.Status.PENDING,
                reason=pick(self.rng, DEMO_REJECTION_REASONS) if rejected else "",
                decided_at=comment.moderated_at,
                waited_seconds=int((comment.moderated_at - comment.created_at).total_seconds()),
            )

    def phone(self):
        if self.rng.random() >= PHONE_SHARE:
            return ""
        return f"{PHONE_PREFIX}{between(self.rng, 0, 10**7):07d}"

    def address(self):
        """A documentation address and its client_network(): 192.0.2.x,
        198.51.100.x, 203.0.113.x or 2001:db8::/32 (a few thousand /64
        networks, any host in them)."""
        rng = self.rng
        if rng.random() >= IPV6_SHARE:
            address = f"{pick(rng, IPV4_DOC_NETWORKS)}{between(rng, 1, 255)}"
            return address, self.network(address, address)
        network = (IPV6_DOC << 96) | (pick(rng, self.ipv6_networks) << 64)
        address = str(ipaddress.IPv6Address(network | rng.getrandbits(64)))
        return address, self.network(network if self.same_network_per_64 else address, address)

    def network(self, key, address):
        """client_network(address), remembered under `key`."""
        network = self.networks.get(key)
        if network is None:
            network = self.networks[key] = client_network(address)
        return network


def comment_chunks(rng, maker, count, articles, until):
    """Lists of up to CHUNK unsaved comments."""
    drawn = zip(comment_times(rng, count, articles, until), statuses(rng, count), strict=True)
    for _ in range(0, count, CHUNK):
        yield [
            maker.make(when, article, status)
            for (when, article), status in itertools.islice(drawn, CHUNK)
        ]


def create_comments(rng, count, articles, until, pools, progress):
    if not count:
        return
    maker = CommentMaker(rng, pools, until)
    for rows in comment_chunks(rng, maker, count, articles, until):
        with transaction.atomic(), unlogged_queries():
            Comment.objects.bulk_create(rows, batch_size=batch_size(Comment, rows))
            if decisions := list(maker.decisions(rows)):
                Decision.objects.bulk_create(decisions, batch_size=batch_size(Decision, decisions))
        progress(len(rows))
