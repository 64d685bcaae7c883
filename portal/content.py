"""What version of the site's content readers see: the key of every cached page.

`state()` reads, in one query, the content version (bumped by database
triggers on every change readers can see) and the time of the next scheduled
publication (so that a page cached before an article goes public is not
served after it). `install_triggers()` (re)creates the triggers; it runs
after every `migrate` and `flush`, because SQLite drops a table's triggers
when a migration rebuilds the table.
"""

import secrets
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.utils import timezone

from .models import ContentVersion

ROW_ID = 1
# What readers see: articles and sections always; comments only when they
# are (or were) approved, so that a new comment waiting for an editor does
# not make every page stale.
WATCHED = {
    "articles_article": None,
    "articles_category": None,
    "comments_comment": "approved",
}


@dataclass(frozen=True)
class State:
    version: int
    next_publication: object  # datetime or None: publication or end of a featured story

    @property
    def key(self):
        upcoming = self.next_publication.timestamp() if self.next_publication else "-"
        return f"{self.version}:{upcoming}"


def state():
    """The content version and the next change that comes with time alone (a
    scheduled publication, or the end of a featured story), in one query."""
    now = timezone.now()
    # From the database the page itself reads (a replica, for a reader's
    # public page): its version matches its rows, so a page built from a
    # replica behind the primary is never kept under the primary's version.
    reading = connections[router.db_for_read(ContentVersion)]
    with reading.cursor() as cursor:
        cursor.execute(
            "SELECT version, (SELECT MIN(published_at) FROM articles_article "
            "WHERE status = 'published' AND published_at > %s), "
            "(SELECT MIN(featured_until) FROM articles_article "
            "WHERE is_featured AND featured_until > %s) "
            "FROM portal_contentversion WHERE id = %s",
            [now, now, ROW_ID],
        )
        row = cursor.fetchone()
    if row is None:  # no row yet (a database being set up): never cache
        return State(version=-1, next_publication=None)
    version, *upcoming = row
    # SQLite returns the text of a bare subquery.
    upcoming = [
        reading.ops.convert_datetimefield_value(moment, None, reading)
        if isinstance(moment, str)
        else moment
        for moment in upcoming
    ]
    return State(version=version, next_publication=min(filter(None, upcoming), default=None))


def bump():
    """Mark every cached page stale (the triggers do it for data changes)."""
    ContentVersion.objects.filter(pk=ROW_ID).update(version=secrets.randbits(62))


def install_triggers(using=DEFAULT_DB_ALIAS, **kwargs):
    """Create the row and the triggers if missing; safe to run again (it is a
    post_migrate receiver: after every migrate and flush)."""
    ContentVersion.objects.using(using).get_or_create(
        pk=ROW_ID, defaults={"version": secrets.randbits(62)}
    )
    target = connections[using]
    tables = set(target.introspection.table_names())
    if not {"portal_contentversion", *WATCHED} <= tables:
        return  # a partial migrate: the next full one installs them
    with target.cursor() as cursor:
        for statement in trigger_statements(target.vendor):
            cursor.execute(statement)


# A random number, not a counter: a database restored from a backup (or
# flushed by a test) must never find its old numbers in the page cache.
NEW_VERSION = {
    "sqlite": "abs(random())",
    "postgresql": "floor(random() * 9007199254740991)::bigint",
}


def trigger_statements(vendor):
    if vendor not in NEW_VERSION:
        return []
    bump_sql = (
        f"UPDATE portal_contentversion SET version = {NEW_VERSION[vendor]} WHERE id = {ROW_ID}"
    )
    if vendor == "sqlite":
        return list(sqlite_triggers(bump_sql))
    return list(postgresql_triggers(bump_sql))


def conditions(status):
    """WHEN clauses per event for rows whose `status` must be `status` before or after."""
    if status is None:
        return {"INSERT": None, "UPDATE": None, "DELETE": None}
    return {
        "INSERT": f"NEW.status = '{status}'",
        "UPDATE": f"OLD.status = '{status}' OR NEW.status = '{status}'",
        "DELETE": f"OLD.status = '{status}'",
    }


def sqlite_triggers(bump_sql):
    for table, status in WATCHED.items():
        for event, when in conditions(status).items():
            condition = f" WHEN {when}" if when else ""
            yield (
                f"CREATE TRIGGER IF NOT EXISTS portal_bump_{table}_{event.lower()} "
                f"AFTER {event} ON {table} FOR EACH ROW{condition} BEGIN {bump_sql}; END"
            )


def postgresql_triggers(bump_sql):
    yield (
        "CREATE OR REPLACE FUNCTION portal_bump_content_version() RETURNS trigger AS $$ "
        f"BEGIN {bump_sql}; RETURN NULL; END $$ LANGUAGE plpgsql"
    )
    for table, status in WATCHED.items():
        if status is None:
            # Once per statement: a bulk insert of 100,000 rows bumps once.
            yield (
                f"CREATE OR REPLACE TRIGGER portal_bump_{table} "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION portal_bump_content_version()"
            )
            continue
        for event, when in conditions(status).items():
            yield (
                f"CREATE OR REPLACE TRIGGER portal_bump_{table}_{event.lower()} "
                f"AFTER {event} ON {table} FOR EACH ROW WHEN ({when}) "
                "EXECUTE FUNCTION portal_bump_content_version()"
            )
