"""Settings for the test suite: the project's settings plus what only tests want.

One place for every test-only choice, so that the suite runs the real
configuration everywhere else.
"""

from portal.settings import *  # noqa: F403

# PBKDF2's many rounds are the point in production and dominate the tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The manifest storage needs `collectstatic` first; tests render pages without it.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Readers in tests type in microseconds; the tests of the minimum fill time
# set it themselves.
COMMENT_MIN_SECONDS = 0
