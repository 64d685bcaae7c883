"""Readers' search: the query as we read it, the ranked matches, highlights.

What matches: every word and every "quoted phrase" of the query, as whole
words, compared folded (portal.text: without diacritics or case, so `dai hoi`
finds `Đại hội` and `hoi` does not find `thời`), anywhere in the title, lead
or body of a published article.

Ranking: an article whose title holds the whole query comes first, then one
whose title and lead hold it, then the rest; newest first within each. A
common query is ranked among its newest CANDIDATES matches only, so that a
search costs about the same at 1,000 articles and at 100,000: the database
finds the newest matches (one query), the tiers are computed here from
their folded title and lead, the same on both databases.

The query is tokenised here, into folded words; the database only ever sees
them as quoted literals, never the reader's own syntax (`*`, `NEAR`, `:`,
`-`, `OR`, parentheses are plain text, that is nothing, to a search).

Each database indexes the folded columns its own way (search_index.py):
SQLite with an FTS5 table, PostgreSQL with a tsvector column and a GIN index.
Highlights are found again in the original text (portal.text.find_words).
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connections, router
from django.db.models import BooleanField, F, Func
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from portal.text import find_words, fold, search_words

from .models import SEARCH_COLUMNS, Article
from .search_index import FTS_TABLE, KEY_ID_LIMIT

# Words a query keeps; the rest are dropped.
MAX_WORDS = 10
# A query matching more articles than this ranks its newest this many.
CANDIDATES = 1000
# Straight, curly and fullwidth double quotes open and close a phrase.
QUOTES = re.compile('["“”„＂]')
# A result's snippet: a passage of the lead or body about this long, chosen
# among the first SNIPPET_SCAN characters of lead and body.
SNIPPET_LENGTH = 300
SNIPPET_SCAN = 20_000
LEAD_WORDS = 60
WHITESPACE = re.compile(r"\s+")

TITLE, HEAD, ANYWHERE = 3, 2, 1


@dataclass(frozen=True)
class Query:
    """A query as search reads it: phrases of folded words (a lone word is a
    phrase of one), every one of which must match."""

    phrases: tuple[tuple[str, ...], ...] = ()

    def __bool__(self):
        return bool(self.phrases)

    @property
    def words(self):
        return {word for phrase in self.phrases for word in phrase}


def parse_query(text):
    """`dai "hoi dong" nhan` -> phrases (dai,), (hoi, dong), (nhan,). Words
    are what portal.text.search_words finds; an unmatched quote is ignored;
    at most MAX_WORDS words are kept."""
    parts = QUOTES.split(text)
    phrases, room = [], MAX_WORDS
    for index, part in enumerate(parts):
        words = search_words(part)
        # Odd parts sit between quotes, unless the last quote never closed.
        quoted = index % 2 == 1 and index < len(parts) - 1
        for phrase in [tuple(words)] if quoted and words else [(word,) for word in words]:
            phrase = phrase[:room]
            if phrase and phrase not in phrases:
                phrases.append(phrase)
                room -= len(phrase)
    return Query(tuple(phrases))


@dataclass(frozen=True)
class Found:
    ids: tuple[int, ...] = ()  # ranked
    more: bool = False  # more than CANDIDATES matched: these are the newest


def find(query, now=None):
    """The published articles matching the query, ranked: ids and whether
    there were more than CANDIDATES. One query to the database."""
    if not query:
        return Found()
    now = now or timezone.now()
    connection = connections[router.db_for_read(Article)]
    build = _find_sqlite if connection.vendor == "sqlite" else _find_postgresql
    with connection.cursor() as cursor:
        cursor.execute(*build(query, now, connection))
        newest_first = cursor.fetchall()  # (id, search_title, search_lead)
    candidates = newest_first[:CANDIDATES]
    # A stable sort: newest first within a tier.
    ranked = sorted(candidates, key=lambda row: -tier(query, row[1], row[2]))
    return Found(tuple(row[0] for row in ranked), more=len(newest_first) > CANDIDATES)


def tier(query, title, lead):
    """TITLE if the folded title holds every phrase, HEAD if title and lead
    do (each phrase whole in one of them), else ANYWHERE. Computed here over
    the candidates' folded columns rather than by more index lookups: a
    phrase of common words costs the index a look at the positions of every
    article holding both words."""
    title, lead = f" {title} ", f" {lead} "
    phrases = [f" {' '.join(phrase)} " for phrase in query.phrases]
    if all(phrase in title for phrase in phrases):
        return TITLE
    if all(phrase in title or phrase in lead for phrase in phrases):
        return HEAD
    return ANYWHERE


def newest_matches(queryset, query):
    """The newest CANDIDATES articles of the queryset that match, as a
    queryset (whatever their status): the admin's search."""
    if not query:
        return queryset.none()
    if connections[queryset.db].vendor == "sqlite":
        matching = queryset.filter(InFullTextIndex(fts_match(query)))
    else:
        matching = queryset.filter(
            RawSQL(POSTGRESQL_MATCH, [tsquery(query)], output_field=BooleanField())
        )
    # Read once: the admin's list asks its queryset for a count, the dates
    # of its drill-down and a page, and a subquery would search each time.
    newest = matching.order_by("-published_at", "-pk").values_list("pk", flat=True)
    return queryset.filter(pk__in=list(newest[:CANDIDATES]))


# SQLite: the FTS5 table's rowid orders published articles by publication
# minute (search_index.py), so the newest matches come first from the index
# itself and a common word stops after CANDIDATES rows. CROSS JOIN keeps the
# candidates as the outer loop (else SQLite may walk every article).
SQLITE_FIND = f"""
    SELECT article.id, article.search_title, article.search_lead
    FROM (
        SELECT rowid AS key FROM {FTS_TABLE}
        WHERE {FTS_TABLE} MATCH %s AND rowid BETWEEN 1 AND %s
        ORDER BY rowid DESC LIMIT %s
    ) AS candidate
    CROSS JOIN articles_article AS article ON article.id = candidate.key %% {KEY_ID_LIMIT}
    WHERE article.status = %s AND article.published_at <= %s
    ORDER BY article.published_at DESC, article.id DESC"""
SQLITE_MATCHING_IDS = f"""
    SELECT CASE WHEN rowid < 0 THEN -rowid ELSE rowid %% {KEY_ID_LIMIT} END
    FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"""


class InFullTextIndex(Func):
    """The article's id is among the FTS matches. The unary + keeps SQLite
    from looking up every match by primary key (a second per 100,000
    matches): it walks an index in the order asked for instead."""

    output_field = BooleanField()

    def __init__(self, match):
        super().__init__(F("pk"))
        self.match = match

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        return f"+{column} IN ({SQLITE_MATCHING_IDS})", [*params, self.match]


def _find_sqlite(query, now, connection):
    params = [
        fts_match(query),
        newest_key(now),
        CANDIDATES + 1,
        Article.Status.PUBLISHED,
        connection.ops.adapt_datetimefield_value(now),
    ]
    return SQLITE_FIND, params


def newest_key(now):
    """The highest FTS rowid of an article published by `now` (see the key
    in search_index.py): its minute, and any id."""
    minute = (now - datetime(1, 1, 1, tzinfo=UTC)) // timedelta(minutes=1)
    return minute * KEY_ID_LIMIT + KEY_ID_LIMIT - 1


def fts_match(query):
    """An FTS5 query of quoted phrases, all required."""
    return " AND ".join('"' + " ".join(phrase).replace('"', '""') + '"' for phrase in query.phrases)


# PostgreSQL: the planner walks the (status, published_at) index backwards
# for a common word and stops after CANDIDATES matches, or takes the GIN
# index for a rare one.
POSTGRESQL_MATCH = "search_vector @@ to_tsquery('simple', %s)"
POSTGRESQL_FIND = f"""
    SELECT id, search_title, search_lead
    FROM articles_article
    WHERE status = %s AND published_at <= %s AND {POSTGRESQL_MATCH}
    ORDER BY published_at DESC, id DESC LIMIT %s"""


def _find_postgresql(query, now, connection):
    return POSTGRESQL_FIND, [Article.Status.PUBLISHED, now, tsquery(query), CANDIDATES + 1]


def tsquery(query):
    """A tsquery of quoted lexemes: phrases joined by <->, all required (&)."""

    def lexeme(word):
        quoted = word.replace("\\", "\\\\").replace("'", "''")
        return f"'{quoted}'"

    return " & ".join("(" + " <-> ".join(map(lexeme, phrase)) + ")" for phrase in query.phrases)


@dataclass(frozen=True)
class Result:
    article: Article
    title: SafeString  # the title, matches marked
    snippet: SafeString  # a passage of lead or body, matches marked


def results(ids, query):
    """The articles of one page of results, in order, with highlights. One query."""
    articles = (
        Article.objects.select_related("category").defer(*SEARCH_COLUMNS.values()).in_bulk(ids)
    )
    return [
        Result(
            article,
            marked(article.title, find_words(article.title, query.phrases)),
            snippet(article, query),
        )
        for article in map(articles.get, ids)
        if article is not None
    ]


def marked(text, spans):
    """The text, escaped, with each (start, end) span in <mark>."""
    parts, last = [], 0
    for start, end in spans:
        parts += [escape(text[last:start]), format_html("<mark>{}</mark>", text[start:end])]
        last = end
    parts.append(escape(text[last:]))
    # Every part was escaped above.
    return mark_safe("".join(parts))


def snippet(article, query):
    """The paragraph of lead or body holding most words of the query (the
    first such), cut to about SNIPPET_LENGTH characters around its first
    match, matches marked; the lead's beginning when only the title matched."""
    any_word = re.compile(
        r"(?<![^\W_])(?:" + "|".join(map(re.escape, sorted(query.words))) + r")(?![^\W_])"
    )
    best, best_count, first_hit, scanned = None, 0, 0, 0
    for paragraph in [article.lead, *article.paragraphs]:
        paragraph = WHITESPACE.sub(" ", paragraph).strip()[:SNIPPET_SCAN]
        # Folded offsets stand close to the original ones: the window below
        # is wide enough for the difference, and the marks are exact.
        hits = list(any_word.finditer(fold(paragraph)))
        count = len({hit.group() for hit in hits})
        if count > best_count:
            best, best_count, first_hit = paragraph, count, hits[0].start()
        scanned += len(paragraph)
        if best_count == len(query.words) or scanned >= SNIPPET_SCAN:
            break
    if best is None:
        return escape(Truncator(article.lead).words(LEAD_WORDS))
    start, end = window(best, first_hit)
    text = best[start:end]
    return format_html(
        "{}{}{}",
        "… " if start > 0 else "",
        marked(text, find_words(text, query.phrases)),
        " …" if end < len(best) else "",
    )


def window(text, around):
    """(start, end) of about SNIPPET_LENGTH characters of text, cut at
    spaces, with `around` in its first third."""
    if len(text) <= SNIPPET_LENGTH:
        return 0, len(text)
    start = max(0, min(around - SNIPPET_LENGTH // 3, len(text) - SNIPPET_LENGTH))
    if start > 0:
        start = text.rfind(" ", 0, start) + 1
    end = start + SNIPPET_LENGTH
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, min(end, len(text))
