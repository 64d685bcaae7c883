"""The search index, kept by the database itself, and its rebuilding.

Search reads folded copies of title, lead and body (Article.search_title,
search_lead, search_body: see Article.set_search_columns). Each database
indexes those columns itself, so that every write is indexed, however it is
made (save, bulk_create, update, loaddata, the admin's bulk actions):

- SQLite: FTS5 table FTS_TABLE (contentless, unicode61 over the folded text)
  filled by triggers on articles_article. Its rowid is a key that orders
  published articles by publication minute, then id (`key_sql`), so that
  the newest matches of a common word come straight from the index;
  articles not published get -id.
- PostgreSQL: a generated tsvector column `search_vector` (title weight A,
  lead B, body C; the `simple` configuration: no stemming, no stop words),
  stored in the row (STORAGE MAIN), with a GIN index.

Neither is a model field: Django does not know them. On SQLite, a migration
that remakes articles_article (most AlterField operations) drops the
triggers; `ensure_search_index` runs after every `migrate` and puts them
back, rebuilding the index. On PostgreSQL, changing the type of a folded
column needs the generated column dropped first.

Changing how text is folded (portal/text.py) needs `manage.py rebuild_search`:
it refolds the copies and rebuilds the index.
"""

from django.db import connections

from .models import SEARCH_COLUMNS, Article

CHUNK = 500
FTS_TABLE = "articles_article_search"
# Ids below this fit in the SQLite key; a billion articles is far off.
KEY_ID_LIMIT = 2**30
# Seconds from 0001-01-01 to 1970-01-01: the key counts minutes from year 1,
# which keeps it positive for any date Django can store.
EPOCH_FROM_YEAR_ONE = 62_135_596_800
TRIGGERS = [f"{FTS_TABLE}_insert", f"{FTS_TABLE}_delete", f"{FTS_TABLE}_update"]


def key_sql(row):
    """The FTS rowid of an article, in SQL over `row` (new, old, a table)."""
    minute = f"((CAST(strftime('%s', {row}.published_at) AS INTEGER) + {EPOCH_FROM_YEAR_ONE}) / 60)"
    return (
        f"CASE WHEN {row}.status = '{Article.Status.PUBLISHED}' "
        f"THEN {minute} * {KEY_ID_LIMIT} + {row}.id ELSE -{row}.id END"
    )


def _values(row):
    return ", ".join(f"{row}.{column}" for column in SEARCH_COLUMNS.values())


SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, lead, body, content='', tokenize='unicode61 remove_diacritics 0')"
)
_INSERT_NEW = (
    f"INSERT INTO {FTS_TABLE}(rowid, title, lead, body) "
    f"VALUES ({key_sql('new')}, {_values('new')});"
)
# A contentless table forgets a row when told the values it indexed.
_DELETE_OLD = (
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, lead, body) "
    f"VALUES ('delete', {key_sql('old')}, {_values('old')});"
)
_KEYED = ["id", "status", "published_at", *SEARCH_COLUMNS.values()]
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[0]} AFTER INSERT ON articles_article "
    f"BEGIN {_INSERT_NEW} END",
    f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[1]} AFTER DELETE ON articles_article "
    f"BEGIN {_DELETE_OLD} END",
    f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[2]} AFTER UPDATE OF {', '.join(_KEYED)} "
    "ON articles_article WHEN "
    + " OR ".join(f"old.{column} IS NOT new.{column}" for column in _KEYED)
    + f" BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
]
SQLITE_FILL = [
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')",
    f"INSERT INTO {FTS_TABLE}(rowid, title, lead, body) "
    f"SELECT {key_sql('articles_article')}, {_values('articles_article')} FROM articles_article",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS] + [
    f"DROP TABLE IF EXISTS {FTS_TABLE}"
]

POSTGRESQL_CREATE = [
    "ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, search_title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, search_lead), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, search_body), 'C')) STORED, "
    # Kept in the row, compressed, rather than in the TOAST table: a search
    # walking the newest articles checks each one's vector, and fetching it
    # from TOAST made that 5 times slower (measured at 100,000 articles).
    "ALTER COLUMN search_vector SET STORAGE MAIN",
    f"CREATE INDEX IF NOT EXISTS {FTS_TABLE} ON articles_article USING gin (search_vector)",
]
POSTGRESQL_DROP = [
    f"DROP INDEX IF EXISTS {FTS_TABLE}",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
]


def _run(connection, statements):
    # No parameters: strftime's '%s' must reach the database as written.
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def create_index(connection):
    """Create the index and fill it from the folded columns."""
    if connection.vendor == "sqlite":
        _run(connection, [SQLITE_TABLE, *SQLITE_TRIGGERS, *SQLITE_FILL])
    elif connection.vendor == "postgresql":
        _run(connection, POSTGRESQL_CREATE)


def drop_index(connection):
    if connection.vendor == "sqlite":
        _run(connection, SQLITE_DROP)
    elif connection.vendor == "postgresql":
        _run(connection, POSTGRESQL_DROP)


def rebuild_index(using="default"):
    """Index every article again from its folded columns; return how many
    articles there are. PostgreSQL's generated column cannot fall behind its
    columns, so there it only puts back the column or index if missing."""
    connection = connections[using]
    if connection.vendor == "sqlite" or not _postgresql_index_exists(connection):
        create_index(connection)
    return Article.objects.using(using).count()


def _postgresql_index_exists(connection):
    # Even ADD COLUMN IF NOT EXISTS refuses to run while the transaction has
    # deferred constraint checks pending: ask first.
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "articles_article")
        constraints = connection.introspection.get_constraints(cursor, "articles_article")
    return "search_vector" in {column.name for column in columns} and FTS_TABLE in constraints


def ensure_search_index(using="default", **kwargs):
    """After `migrate`: put back triggers that a remade table lost, and
    rebuild the index, which may have missed writes meanwhile."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
            [FTS_TABLE, *TRIGGERS],
        )
        present = {name for (name,) in cursor.fetchall()}
    if FTS_TABLE in present and not present.issuperset(TRIGGERS):
        rebuild_index(using)


def rebuild_search_text(articles=None):
    """Refold the search columns of these articles (all by default) where
    they differ from what the folding gives now; return how many changed.
    The index follows by itself."""
    articles = Article.objects.all() if articles is None else articles
    columns = list(SEARCH_COLUMNS.values())
    changed = 0
    last_pk = 0
    while True:
        chunk = list(
            articles.filter(pk__gt=last_pk).order_by("pk").only(*SEARCH_COLUMNS, *columns)[:CHUNK]
        )
        if not chunk:
            return changed
        stale = [
            article
            for article in chunk
            if article.search_columns() != {name: getattr(article, name) for name in columns}
        ]
        for article in stale:
            article.set_search_columns()
        articles.model.objects.using(articles.db).bulk_update(stale, columns)
        changed += len(stale)
        last_pk = chunk[-1].pk


def refold(pks, using="default"):
    """Refold the search columns of the articles with these ids."""
    pks = list(pks)
    for start in range(0, len(pks), CHUNK):
        rebuild_search_text(Article.objects.using(using).filter(pk__in=pks[start : start + CHUNK]))
