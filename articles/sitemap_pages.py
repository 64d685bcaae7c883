"""The pages of the articles' sitemap, and the triggers that keep their summary.

Page N lists the published articles with ids from (N - 1) * PAGE_SIZE to
N * PAGE_SIZE - 1, oldest first. Cut by id rather than by count, a page
never moves: a new article lands on the last page, and finding where a page
starts needs no walk over the pages before it. A page costs the same at
1,000 and at 100,000 articles, and so does each line of the index, which
reads one row of articles_sitemappage (SitemapPage) per page.

The rows are kept by database triggers on articles_article, so that every
write counts (save, bulk_create, update, loaddata, the importer, raw SQL):

- a published article added: its page gains an entry and its page's
  `changed_at` becomes its `updated_at` if that is newer;
- a published article edited: the same for `changed_at`;
- a published article removed (deleted, or no longer published): its page
  loses an entry and changed now.

SQLite runs one trigger per row; PostgreSQL one per statement over its
transition tables, so a bulk insert of 10,000 rows updates ten rows once.
`install()` runs after every `migrate` and `flush`: it (re)creates the
triggers (a migration that remakes articles_article on SQLite drops them)
and rebuilds the rows from the articles, which takes one grouped scan.
"""

from django.db import DEFAULT_DB_ALIAS, connections

from .models import Article

PAGE_SIZE = 1000
TABLE = "articles_sitemappage"
PUBLISHED = f"'{Article.Status.PUBLISHED}'"


def page_of(row):
    return f"{row}.id / {PAGE_SIZE} + 1"


def pk_range(number):
    """The ids on page `number`, as (first, last)."""
    return (number - 1) * PAGE_SIZE, number * PAGE_SIZE - 1


REBUILD = [
    f"DELETE FROM {TABLE}",
    f"INSERT INTO {TABLE} (number, entries, changed_at) "
    f"SELECT {page_of('a')}, COUNT(*), MAX(a.updated_at) FROM articles_article a "
    f"WHERE a.status = {PUBLISHED} GROUP BY {page_of('a')}",
]

# SQLite: a row per trigger. Its max() of two values is NULL if either is.
SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
_SQLITE_ADD = (
    f"INSERT INTO {TABLE} (number, entries, changed_at) "
    f"VALUES ({page_of('NEW')}, 1, NEW.updated_at) "
    "ON CONFLICT (number) DO UPDATE SET entries = entries + {added}, "
    "changed_at = max(coalesce(changed_at, ''), excluded.changed_at);"
)
_SQLITE_REMOVE = (
    f"UPDATE {TABLE} SET entries = entries - 1, "
    f"changed_at = max(coalesce(changed_at, ''), {SQLITE_NOW}) "
    f"WHERE number = {page_of('OLD')};"
)
SQLITE_TRIGGERS = {
    "articles_sitemap_insert": (
        f"AFTER INSERT ON articles_article WHEN NEW.status = {PUBLISHED}",
        _SQLITE_ADD.format(added=1),
    ),
    "articles_sitemap_delete": (
        f"AFTER DELETE ON articles_article WHEN OLD.status = {PUBLISHED}",
        _SQLITE_REMOVE,
    ),
    "articles_sitemap_unpublish": (
        "AFTER UPDATE OF status ON articles_article "
        f"WHEN OLD.status = {PUBLISHED} AND NEW.status IS NOT {PUBLISHED}",
        _SQLITE_REMOVE,
    ),
    # Published now: newly (one more entry) or still (an edit).
    "articles_sitemap_update": (
        f"AFTER UPDATE ON articles_article WHEN NEW.status = {PUBLISHED}",
        _SQLITE_ADD.format(added=f"(OLD.status IS NOT {PUBLISHED})"),
    ),
}


def sqlite_statements():
    for name, (when, body) in SQLITE_TRIGGERS.items():
        yield f"CREATE TRIGGER IF NOT EXISTS {name} {when} BEGIN {body} END"


# PostgreSQL: a trigger per statement, over the rows it changed. Each event
# sees only its own transition tables, so each has its own function; each
# folds the statement's rows into one upsert per page.
# event: (transition tables, rows, published before, published after, row)
_POSTGRESQL_EVENTS = {
    "insert": ("NEW TABLE AS new_rows", "new_rows n", "FALSE", f"n.status = {PUBLISHED}", "n"),
    "delete": ("OLD TABLE AS old_rows", "old_rows o", f"o.status = {PUBLISHED}", "FALSE", "o"),
    "update": (
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "new_rows n JOIN old_rows o ON o.id = n.id",
        f"o.status = {PUBLISHED}",
        f"n.status = {PUBLISHED}",
        "n",
    ),
}


def postgresql_statements():
    for event, (transition, rows, before, after, row) in _POSTGRESQL_EVENTS.items():
        function = f"articles_sitemap_{event}"
        upsert = (
            f"INSERT INTO {TABLE} AS page (number, entries, changed_at) "
            f"SELECT {page_of(row)}, SUM(({after})::int - ({before})::int), "
            f"GREATEST(MAX({row}.updated_at) FILTER (WHERE {after}), "
            f"MAX(statement_timestamp()) FILTER (WHERE {before} AND NOT ({after}))) "
            f"FROM {rows} WHERE {before} OR {after} GROUP BY 1 "
            "ON CONFLICT (number) DO UPDATE SET entries = page.entries + excluded.entries, "
            "changed_at = GREATEST(page.changed_at, excluded.changed_at)"
        )
        yield (
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$ "
            f"BEGIN {upsert}; RETURN NULL; END $$ LANGUAGE plpgsql"
        )
        yield (
            f"CREATE OR REPLACE TRIGGER {function} AFTER {event.upper()} ON articles_article "
            f"REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )


def install(using=DEFAULT_DB_ALIAS, **kwargs):
    """Create the triggers if missing and rebuild the pages from the articles
    (a post_migrate receiver: after every migrate and flush)."""
    connection = connections[using]
    if not {"articles_article", TABLE} <= set(connection.introspection.table_names()):
        return  # a partial migrate: the next full one installs them
    statements = {"sqlite": sqlite_statements, "postgresql": postgresql_statements}.get(
        connection.vendor
    )
    with connection.cursor() as cursor:
        for statement in [*(statements() if statements else []), *REBUILD]:
            cursor.execute(statement)
