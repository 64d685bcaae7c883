"""Per-network limits on what costs the portal a database row (new captchas).

A fixed window per client network, counted atomically where every app
server sees it, so that simultaneous requests from one client are each
counted and no process trusts its own memory: in Redis (INCR on a key that
expires with its window) when REDIS_URL names one, else in the database
with one statement (INSERT ... ON CONFLICT DO UPDATE ... RETURNING, the same
SQL on SQLite and PostgreSQL).
"""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from .models import RateCount


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text):
        """ "10/60": 10 uses a minute."""
        count, seconds = (int(part) for part in text.split("/"))
        if count < 1 or seconds < 1:
            raise ValueError(f"A limit needs a positive count and window: {text!r}")
        return cls(count, seconds)


def hit(bucket, limit, now=None):
    """Count one use of `bucket`; return the seconds to wait when over the limit, else 0."""
    now = time.time() if now is None else now
    window_start = int(now // limit.seconds) * limit.seconds
    count = counted_in_redis if settings.REDIS_URL else counted_in_database
    if count(bucket, window_start, limit) <= limit.count:
        return 0
    return max(math.ceil(window_start + limit.seconds - now), 1)


def counted_in_redis(bucket, window_start, limit):
    key = f"rate:{bucket}:{window_start}"
    # Kept a little past its window, then Redis forgets it.
    cache.add(key, 0, timeout=limit.seconds + 60)
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls: a new window's first use
        cache.add(key, 1, timeout=limit.seconds + 60)
        return 1


def counted_in_database(bucket, window_start, limit):
    quote = connection.ops.quote_name
    table = quote(RateCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({quote('bucket')}, {quote('window_start')}, {quote('count')}) "
            f"VALUES (%s, %s, 1) ON CONFLICT ({quote('bucket')}, {quote('window_start')}) "
            f"DO UPDATE SET {quote('count')} = {table}.{quote('count')} + 1 "
            f"RETURNING {quote('count')}",
            [bucket, window_start],
        )
        (count,) = cursor.fetchone()
    return count


def forget_before(timestamp):
    """Drop the counts of windows that started before `timestamp`; return how many."""
    return RateCount.objects.filter(window_start__lt=timestamp).delete()[0]
