"""The editors' search of comments: whole words of the name, title and
content, with or without diacritics and whatever the case ("dai hoi" finds
"Đại hội"; "hoi" does not find "thời"), over an index that each database
keeps itself, so that a search reads the comments that match, never every
comment.

Comments keep a folded copy of their words (Comment.search_text, set on
save, bulk_create and loaddata; readers' comments are never edited):

- SQLite: FTS5 table FTS_TABLE (contentless, unicode61 over the folded text)
  kept by triggers on comments_comment; its rowid is the comment's id.
- PostgreSQL: a generated tsvector column `search_vector` (the `simple`
  configuration) with a GIN index.

Neither is a model field. On SQLite, a migration that remakes the comments
table drops its triggers: `ensure_search_index` runs after every `migrate`
and puts them back, rebuilding the index.
"""

from django.db import connections
from django.db.models.expressions import RawSQL

from portal.text import search_words

FTS_TABLE = "comments_comment_search"
TRIGGERS = [f"{FTS_TABLE}_insert", f"{FTS_TABLE}_delete", f"{FTS_TABLE}_update"]
# Words a search keeps; the rest are dropped.
MAX_WORDS = 10
# A search shows this many of the newest matches: a common word stays fast.
NEWEST_MATCHES = 1000

_INSERT_NEW = f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.search_text);"
# A contentless table forgets a row when told the text it indexed.
_DELETE_OLD = (
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.search_text);"
)
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "text, content='', tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[0]} AFTER INSERT ON comments_comment "
    f"BEGIN {_INSERT_NEW} END",
    f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[1]} AFTER DELETE ON comments_comment "
    f"BEGIN {_DELETE_OLD} END",
    f"CREATE TRIGGER IF NOT EXISTS {TRIGGERS[2]} AFTER UPDATE OF id, search_text "
    "ON comments_comment WHEN old.id IS NOT new.id OR old.search_text IS NOT new.search_text "
    f"BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')",
    f"INSERT INTO {FTS_TABLE}(rowid, text) SELECT id, search_text FROM comments_comment",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS] + [
    f"DROP TABLE IF EXISTS {FTS_TABLE}"
]
POSTGRESQL_CREATE = [
    "ALTER TABLE comments_comment ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED",
    f"CREATE INDEX IF NOT EXISTS {FTS_TABLE} ON comments_comment USING gin (search_vector)",
]
POSTGRESQL_DROP = [
    f"DROP INDEX IF EXISTS {FTS_TABLE}",
    "ALTER TABLE comments_comment DROP COLUMN IF EXISTS search_vector",
]


def folded(*texts):
    """The words of these texts as search sees them, one space apart."""
    return " ".join(search_words(" ".join(texts)))


def matching_ids(query, using="default"):
    """The ids of the newest NEWEST_MATCHES comments that have every word of
    the query, as a subquery for `pk__in` on the database `using`; None when
    the query has no words. The index gives its matches newest first and
    stops there: a common word costs the same in any archive."""
    words = list(dict.fromkeys(search_words(query)))[:MAX_WORDS]
    if not words:
        return None
    if connections[using].vendor == "sqlite":
        # Each word quoted: FTS5 reads no operator from what editors type.
        match = " AND ".join(f'"{word}"' for word in words)
        return RawSQL(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            f"ORDER BY rowid DESC LIMIT {NEWEST_MATCHES}",
            [match],
        )
    # Letters and digits only (search_words): nothing tsquery reads as syntax.
    return RawSQL(
        "SELECT id FROM comments_comment "
        "WHERE search_vector @@ to_tsquery('simple'::regconfig, %s) "
        f"ORDER BY id DESC LIMIT {NEWEST_MATCHES}",
        [" & ".join(words)],
    )


def create_index(connection):
    with connection.cursor() as cursor:
        statements = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}
        for statement in statements.get(connection.vendor, []):
            cursor.execute(statement)


def drop_index(connection):
    with connection.cursor() as cursor:
        for statement in {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}.get(
            connection.vendor, []
        ):
            cursor.execute(statement)


def ensure_search_index(using="default", **kwargs):
    """After `migrate` on SQLite: put back the triggers a remade table lost,
    and rebuild the index, which may have missed writes meanwhile."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name IN (%s, %s, %s, %s)", [FTS_TABLE, *TRIGGERS]
        )
        present = {name for (name,) in cursor.fetchall()}
    if FTS_TABLE in present and not present.issuperset(TRIGGERS):
        create_index(connection)
