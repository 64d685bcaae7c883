"""The signed note each comment form carries: for which article, since when,
with which captcha.

It does three jobs. Its time tells robots (who post at once) from people.
Its captcha key binds the form to the one captcha it was given, so that a
client can only discard or answer a captcha it was handed. And it is good
for one submission: a second post of the same form (a double click, a
replay) finds the comment the first one stored.
"""

import hashlib
import time
from dataclasses import dataclass

from django.core import signing

SALT = "comments.form-started"
MAX_AGE = 24 * 60 * 60


@dataclass(frozen=True)
class StartToken:
    article_id: int
    started_at: float
    captcha_key: str

    def dumps(self):
        payload = {"article": self.article_id, "at": self.started_at, "captcha": self.captcha_key}
        return signing.dumps(payload, salt=SALT)

    @property
    def seconds_since_start(self):
        return time.time() - self.started_at

    def with_captcha(self, captcha_key):
        """The same form with a new captcha: its clock keeps running."""
        return StartToken(self.article_id, self.started_at, captcha_key)


def issue(article_id, captcha_key, started_at=None):
    started_at = time.time() if started_at is None else started_at
    return StartToken(article_id, started_at, captcha_key)


def read(token, article_id=None):
    """The StartToken in `token`, or None when it is missing, forged, over a
    day old or (if given) for another article."""
    try:
        payload = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    started = StartToken(payload.get("article"), payload.get("at"), payload.get("captcha"))
    if not isinstance(started.started_at, int | float) or not isinstance(started.captcha_key, str):
        return None
    if article_id is not None and started.article_id != article_id:
        return None
    if not 0 <= started.seconds_since_start <= MAX_AGE:
        return None
    return started


def submission_key(token):
    """What a stored comment keeps of the form it came from: a replay of the
    same form finds it."""
    return hashlib.sha256(token.encode()).hexdigest()
