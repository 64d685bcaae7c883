"""Reading SQLite's query plans of the queries a view really ran."""

from django.db import connection


def table_scans(queries):
    """The tables read whole (row by row, or a whole index) in SQLite's plans
    of these SQL statements. An index walked in order under a LIMIT stops
    early and is not counted; nor is a bare COUNT(*): Django's admin counts
    every list it pages, and SQLite counts from its smallest index."""
    scans = set()
    for sql in queries:
        if not sql.startswith("SELECT") or sql.startswith('SELECT COUNT(*) AS "__count" FROM'):
            continue
        with connection.cursor() as cursor:
            for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall():
                detail = str(row[-1])
                table = detail.split()[1] if detail.startswith("SCAN ") else ""
                if not table or table.startswith("("):  # a subquery's own few rows
                    continue
                if " USING " in detail and " LIMIT " in sql:
                    continue
                scans.add(table)
    return scans


def range_walks(queries, table):
    """(statement, plan line) where a statement's own plan (not a
    subquery's) walks a range of an index of `table` (a "<" or ">" bound): a
    read that grows with the archive unless a LIMIT stops it, though SQLite
    calls it a SEARCH. For pages that should read no such range at all."""
    walks = []
    for sql in queries:
        if not sql.startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            plan = cursor.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
        for _, parent, _, detail in plan:
            bounded = "<?" in detail or ">?" in detail
            if parent == 0 and detail.startswith(f"SEARCH {table} USING") and bounded:
                walks.append((sql, detail))
    return walks
