"""The machine's PostgreSQL and Redis, as the scale-out tests use them.

Each test makes a PostgreSQL database of its own (tests.helpers.live.Database)
and keeps to a Redis database number of the suite's own, deleting only the
keys it wrote: never a flush of anybody else's data.
"""

POSTGRES = {"USER": "postgres", "HOST": "127.0.0.1", "PORT": 5432}
REDIS_TEST_DB = "redis://127.0.0.1:6379/13"


def delete_redis_keys(prefix):
    import redis

    server = redis.Redis.from_url(REDIS_TEST_DB)
    if keys := server.keys(f"{prefix}:*"):
        server.delete(*keys)
