"""The captcha read aloud in Vietnamese, for readers who cannot see the image.

django-simple-captcha's own audio view runs `flite`, which speaks only
English; this one runs eSpeak NG (Debian's `espeak-ng`, voice `vi`) on the
same key, at the library's own address (/captcha/audio/<key>.wav): the five
digits, each a word (`hai, ba, bốn, năm, sáu, bảy, tám, chín`), said twice.

Light noise is mixed in, drawn by the key's own generator (the image's:
comments.captcha.generator_for), so the same key always sounds the same and
fetching it again tells a program nothing new. The audio is for people and
is weaker against software than the image: the limit per network on new
audio and the editors' queue are its defence.

Without the program (COMMENT_AUDIO_PROGRAM not found) there is no audio: the
form shows no `Nghe mã` control and a system check says how to add it.
"""

import array
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.checks import Warning as CheckWarning
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.network import client_ip, client_network

from . import throttle
from .captcha import generator_for, live_challenge
from .posting import describe_wait

DIGIT_WORDS = {
    "2": "hai", "3": "ba", "4": "bốn", "5": "năm",
    "6": "sáu", "7": "bảy", "8": "tám", "9": "chín",
}  # fmt: skip
# Words a minute: slower than eSpeak's 175, for a code to be typed.
SPEED = 120
# The noise: random 16-bit values shifted down this far, so that it peaks
# at 1,024 against 32,767 for the loudest sample: heard under the voice,
# never over it.
NOISE_SHIFT = 5
SPEAK_SECONDS = 10  # the program's time limit
TOO_MANY_AUDIO = "Bạn đã nghe mã xác nhận nhiều lần liên tiếp. Vui lòng thử lại sau {wait}."


def program():
    """The path of the speech program, or None when it is not installed."""
    return shutil.which(settings.COMMENT_AUDIO_PROGRAM)


def audio_url(key):
    """The address of a key's audio, or None when there is no audio."""
    return reverse("captcha-audio", kwargs={"key": key}) if key and program() else None


def spoken_text(challenge):
    """What is said: the digits one word each, twice."""
    digits = ", ".join(DIGIT_WORDS[digit] for digit in challenge)
    return f"Mã xác nhận: {digits}. Nhắc lại: {digits}."


def speak(text):
    """The WAV eSpeak NG makes of the text, read as (parameters, samples)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "spoken.wav"
        subprocess.run(
            [program(), "-v", "vi", "-s", str(SPEED), "-w", str(path), text],
            check=True, capture_output=True, timeout=SPEAK_SECONDS,
        )  # fmt: skip
        with wave.open(str(path), "rb") as spoken:
            parameters = spoken.getparams()
            samples = array.array("h", spoken.readframes(parameters.nframes))
    if sys.byteorder == "big":
        samples.byteswap()
    return parameters, samples


def with_noise(samples, rng):
    """The samples with the key's noise added (uniform, up to NOISE_SHIFT's
    peak), clipped to 16 bits."""
    noise = array.array("h", rng.randbytes(2 * len(samples)))
    return array.array(
        "h",
        (
            max(-32768, min(32767, s + (n >> NOISE_SHIFT)))
            for s, n in zip(samples, noise, strict=True)
        ),
    )


def audio_wav(key, challenge):
    """The WAV for a key: the same bytes on every call."""
    parameters, samples = speak(spoken_text(challenge))
    noisy = with_noise(samples, generator_for(f"audio:{key}"))
    if sys.byteorder == "big":
        noisy.byteswap()
    with tempfile.SpooledTemporaryFile() as buffer:
        with wave.open(buffer, "wb") as out:
            out.setnchannels(parameters.nchannels)
            out.setsampwidth(parameters.sampwidth)
            out.setframerate(parameters.framerate)
            out.writeframes(noisy.tobytes())
        buffer.seek(0)
        return buffer.read()


@login_not_required
@require_GET
@never_cache
def captcha_audio(request, key):
    """Serves /captcha/audio/<key>.wav in place of the library's view: 404
    without the program; 410 Gone for a key unknown or expired (as the
    image); 429 past the limit per client network."""
    if program() is None:
        return HttpResponse(status=404)
    challenge = live_challenge(key)
    if challenge is None:
        return HttpResponse(status=410)
    bucket = f"captcha-audio:{client_network(client_ip(request))}"
    wait = throttle.hit(bucket, throttle.Limit(*settings.CAPTCHA_AUDIO_LIMIT))
    if wait:
        return JsonResponse(
            {"error": TOO_MANY_AUDIO.format(wait=describe_wait(wait))},
            status=429,
            headers={"Retry-After": str(wait)},
        )
    return HttpResponse(
        audio_wav(key, challenge),
        content_type="audio/wav",
        headers={"Content-Disposition": f'inline; filename="ma-xac-nhan-{key[:8]}.wav"'},
    )


def check_program(app_configs=None, **kwargs):
    """A system check: the audio captcha needs its speech program."""
    if program() is not None:
        return []
    return [
        CheckWarning(
            f"{settings.COMMENT_AUDIO_PROGRAM} is not installed: the comment form has no "
            "audio captcha (Nghe mã) for readers who cannot see the image.",
            hint="Install Debian's espeak-ng package (sudo apt-get install espeak-ng), "
            "or set DJANGO_COMMENT_AUDIO_PROGRAM to its path.",
            id="comments.W001",
        )
    ]
