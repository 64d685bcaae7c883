"""The captcha read aloud in Vietnamese (comments/audio.py), with Debian's
espeak-ng, which `make test` installs."""

import array
import io
import re
import wave
from datetime import UTC, datetime

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse

from comments.audio import check_program, speak, spoken_text
from tests.helpers.clients import BrowserLikeClient
from tests.helpers.forms import captcha_key, open_form

pytestmark = pytest.mark.django_db

XHR = {"x-requested-with": "XMLHttpRequest"}


def audio_of(client, key, **meta):
    return client.get(reverse("captcha-audio", kwargs={"key": key}), **meta)


def samples(wav_bytes):
    with wave.open(io.BytesIO(wav_bytes)) as audio:
        assert (audio.getnchannels(), audio.getsampwidth()) == (1, 2)
        return audio.getframerate(), array.array("h", audio.readframes(audio.getnframes()))


def correlation(first, second):
    length = min(len(first), len(second))
    first, second = first[:length], second[:length]
    mean_first, mean_second = sum(first) / length, sum(second) / length
    covariance = sum(
        (a - mean_first) * (b - mean_second) for a, b in zip(first, second, strict=True)
    )
    spread_first = sum((a - mean_first) ** 2 for a in first) ** 0.5
    spread_second = sum((b - mean_second) ** 2 for b in second) ** 0.5
    return covariance / (spread_first * spread_second)


def test_the_audio_speaks_the_forms_code(client, article):
    key = open_form(client, article)["captcha_0"]
    code = CaptchaStore.objects.get(hashkey=key).response

    response = audio_of(client, key)

    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert "no-store" in response["Cache-Control"]
    rate, served = samples(response.content)
    assert 4 <= len(served) / rate <= 20  # five digits, said twice
    # The voice saying this code, under light noise; not another code.
    _, this_code = speak(spoken_text(code))
    other = "".join("9" if digit != "9" else "2" for digit in code)
    _, other_code = speak(spoken_text(other))
    assert correlation(served, this_code) > 0.95
    assert correlation(served, other_code) < 0.5


def test_the_words_are_the_digits_in_vietnamese():
    assert spoken_text("29475") == (
        "Mã xác nhận: hai, chín, bốn, bảy, năm. Nhắc lại: hai, chín, bốn, bảy, năm."
    )


def test_a_key_always_sounds_the_same_and_two_keys_differ(client, article):
    first = open_form(client, article)["captcha_0"]
    second = open_form(BrowserLikeClient(), article)["captcha_0"]
    CaptchaStore.objects.filter(hashkey=second).update(
        response=CaptchaStore.objects.get(hashkey=first).response,
        challenge=CaptchaStore.objects.get(hashkey=first).challenge,
    )

    again = audio_of(client, first).content

    assert audio_of(client, first).content == again  # nothing new to vote over
    assert audio_of(client, second).content != again  # the noise is the key's own


def test_an_unknown_or_expired_key_is_gone(client, article):
    key = open_form(client, article)["captcha_0"]
    CaptchaStore.objects.filter(hashkey=key).update(expiration=datetime(2020, 1, 1, tzinfo=UTC))

    assert audio_of(client, key).status_code == 410
    assert audio_of(client, "0" * 40).status_code == 410


def test_audio_is_limited_per_network(settings, article, time_machine):
    time_machine.move_to(datetime(2026, 12, 2, 9, 15, 30, tzinfo=UTC), tick=False)
    settings.CAPTCHA_AUDIO_LIMIT = (2, 60)
    reader = BrowserLikeClient(REMOTE_ADDR="2001:db8:9:1::1")
    key = open_form(reader, article)["captcha_0"]

    statuses = [
        audio_of(reader, key, REMOTE_ADDR=f"2001:db8:9:1::{host}").status_code
        for host in range(1, 4)  # three addresses of one /64
    ]

    assert statuses == [200, 200, 429]
    over = audio_of(reader, key, REMOTE_ADDR="2001:db8:9:1::9")
    assert over["Retry-After"] == "30"
    assert "Bạn đã nghe mã xác nhận nhiều lần liên tiếp" in over.json()["error"]
    assert audio_of(reader, key, REMOTE_ADDR="2001:db8:9:2::1").status_code == 200


def test_the_form_links_its_own_keys_audio_with_or_without_javascript(client, article):
    session = client.get(
        reverse("comments:session", kwargs={"article_id": article.pk}), headers=XHR
    ).json()
    assert session["audio_url"] == f"/captcha/audio/{session['key']}.wav"
    refreshed = client.get(
        reverse("captcha-refresh"), {"started": session["started"]}, headers=XHR
    ).json()
    assert refreshed["audio_url"] == f"/captcha/audio/{refreshed['key']}.wav"

    # Without JavaScript: the first Gửi brings the form back with a captcha.
    page = BrowserLikeClient(enforce_csrf_checks=True).post(
        reverse("comments:post", kwargs={"article_id": article.pk}),
        {"name": "Lê Thị Mai", "title": "Ý kiến", "content": "Nội dung."},
    )
    html = page.content.decode()
    key = captcha_key(html)
    assert f'<a href="/captcha/audio/{key}.wav" data-captcha-audio-link>Nghe mã</a>' in html
    assert re.search(r'class="captcha-audio" data-captcha-audio>', html)
    # After the refresh button, as on the original page.
    assert html.index("Lấy lại mã bảo mật</button>") < html.index(">Nghe mã<")


def test_without_the_program_there_is_no_audio_and_a_warning(settings, client, article):
    settings.COMMENT_AUDIO_PROGRAM = "khong-co-chuong-trinh-nay"

    session = client.get(
        reverse("comments:session", kwargs={"article_id": article.pk}), headers=XHR
    ).json()

    assert session["audio_url"] is None
    assert audio_of(client, session["key"]).status_code == 404
    (warning,) = check_program()
    assert warning.id == "comments.W001"
    assert "espeak-ng" in warning.hint
