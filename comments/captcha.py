"""The captcha's challenge: characters a reader cannot confuse."""

import secrets

from captcha.conf import settings as captcha_settings

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: the image distorts them into each other.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"


def readable_challenge():
    challenge = "".join(secrets.choice(ALPHABET) for _ in range(captcha_settings.CAPTCHA_LENGTH))
    return challenge, challenge
