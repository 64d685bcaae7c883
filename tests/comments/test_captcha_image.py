"""The captcha's image: digits, one deterministic rendering per key, legible
for people (size, contrast) and not for a generic reading attack."""

import io
import random
import re
from collections import Counter
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from captcha.helpers import captcha_image_url
from captcha.models import CaptchaStore
from django.core.management import call_command
from django.urls import resolve, reverse
from django.utils import timezone
from PIL import Image

from comments import captcha
from tests.helpers.captcha_attack import Attack, Preprocessing

pytestmark = pytest.mark.django_db

TRAINING, TESTED, FETCHES = 2000, 300, 3


def fetch(client, key):
    response = client.get(captcha_image_url(key))
    assert response.status_code == 200
    return response.content


def new_key(challenge=None):
    if challenge is None:
        return CaptchaStore.generate_key()
    return CaptchaStore.objects.create(challenge=challenge, response=challenge).hashkey


def pixels(png):
    return Image.open(io.BytesIO(png)).convert("RGB")


def contrast(first, second):
    """WCAG 2 contrast ratio of two sRGB colours."""

    def luminance(colour):
        channels = [value / 255 for value in colour]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_challenge_is_five_digits_from_two_to_nine():
    challenges = [captcha.readable_challenge() for _ in range(400)]

    assert all(shown == expected for shown, expected in challenges)
    assert all(re.fullmatch(r"[2-9]{5}", shown) for shown, _ in challenges)
    assert set("".join(shown for shown, _ in challenges)) == set("23456789")


def test_the_store_uses_the_digit_challenge():
    stored = CaptchaStore.objects.get(hashkey=new_key())

    assert re.fullmatch(r"[2-9]{5}", stored.challenge)
    assert stored.response == stored.challenge


def test_same_key_draws_byte_identical_images(client):
    key = new_key()

    images = {fetch(client, key) for _ in range(3)}

    assert len(images) == 1


def test_image_is_png_never_cached(client):
    response = client.get(captcha_image_url(new_key()))

    assert response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"\x89PNG")


def test_different_keys_draw_different_images_of_the_same_digits(client):
    first, second = new_key("34567"), new_key("34567")

    assert fetch(client, first) != fetch(client, second)


def test_the_drawing_depends_on_the_secret_key(client, settings):
    key = new_key("34567")
    before = fetch(client, key)

    settings.SECRET_KEY = "another-secret-" + "x" * 50

    assert fetch(client, key) != before


def test_drawing_leaves_the_global_random_alone(client):
    key = new_key()
    random.seed(2026)
    state = random.getstate()

    fetch(client, key)

    assert random.getstate() == state


def test_image_is_twice_the_css_size(client):
    image = pixels(fetch(client, new_key()))

    assert image.size == (2 * captcha.CSS_WIDTH, 2 * captcha.CSS_HEIGHT) == (400, 128)


def test_digits_are_at_least_20_css_pixels_high():
    heights = []
    for seed in range(60):
        rng = random.Random(seed)
        challenge = "".join(rng.choice(captcha.ALPHABET) for _ in range(5))
        drawn = captcha.layers(challenge, rng)
        image = captcha.compose(drawn).convert("RGB")
        for mask in drawn.warped_glyphs():
            solid = mask.point(captcha.SOLID)
            left, top, right, bottom = solid.getbbox()
            heights.append(bottom - top)
            # The digit is in the picture, in ink, wherever it fully covers a pixel.
            covered = Counter(
                image.getpixel((x, y))
                for x in range(left, right)
                for y in range(top, bottom)
                if mask.getpixel((x, y)) == 255
            )
            assert covered.most_common(1)[0][0] == captcha.INK
            assert all(contrast(colour, captcha.BACKGROUND) >= 4.5 for colour in covered)

    assert min(heights) >= 2 * 20


def test_ink_and_background_contrast_at_least_4_5_to_1(client):
    image = pixels(fetch(client, new_key()))
    colours = Counter({colour: count for count, colour in image.getcolors(maxcolors=1 << 24)})
    background = colours.most_common(1)[0][0]
    # The ink: the most common colour among the dark half of the pixels.
    ink = next(colour for colour, _ in colours.most_common() if sum(colour) < 3 * 128)

    assert background == captcha.BACKGROUND
    assert ink == captcha.INK
    assert colours[ink] > 0.1 * image.width * image.height  # ink, not a stray pixel
    assert contrast(ink, background) >= 4.5
    # Anti-aliased edges blend between the two; none is lighter or darker.
    assert all(
        contrast(colour, ink) <= contrast(background, ink)
        and contrast(colour, background) <= contrast(ink, background)
        for colour in colours
    )


def test_unknown_key_is_gone(client):
    response = client.get(captcha_image_url("0123456789abcdef0123456789abcdef01234567"))

    assert response.status_code == 410


def test_expired_key_is_gone(client):
    key = new_key()
    CaptchaStore.objects.filter(hashkey=key).update(
        expiration=timezone.now() - timedelta(seconds=1)
    )

    assert client.get(captcha_image_url(key)).status_code == 410


def test_no_second_rendering_at_the_2x_address(client):
    key = new_key()

    assert client.get(f"/captcha/image/{key}@2/").status_code == 404


def test_library_urls_resolve_to_our_view():
    key = new_key()

    assert captcha_image_url(key) == reverse("captcha-image", args=[key])
    assert resolve(captcha_image_url(key)).func is captcha.captcha_image


class ImageTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def test_the_form_shows_our_image_at_css_size(client, article):
    parser = ImageTags()
    page = client.post(
        reverse("comments:post", kwargs={"article_id": article.pk}), {"name": "Lan"}
    )  # a form of one reader's, with its captcha (no JavaScript: after the first Gửi)
    parser.feed(page.content.decode())
    [image] = [tag for tag in parser.images if "data-captcha-image" in tag]

    assert resolve(image["src"]).func is captcha.captcha_image
    assert (image["width"], image["height"]) == (str(captcha.CSS_WIDTH), str(captcha.CSS_HEIGHT))
    assert image["alt"] == "Mã xác nhận: hình 5 chữ số"
    key = image["src"].split("/")[-2]
    assert pixels(fetch(client, key)).size == (2 * captcha.CSS_WIDTH, 2 * captcha.CSS_HEIGHT)


def test_sample_sheet_shows_twenty_captchas(tmp_path, capsys):
    path = tmp_path / "captcha-samples.png"

    call_command("captcha_samples", str(path))

    answers = capsys.readouterr().out.split()[1::2]
    assert len(answers) == 20
    assert all(re.fullmatch(r"[2-9]{5}", answer) for answer in answers)
    with Image.open(path) as sheet:
        assert sheet.width > 4 * captcha.WIDTH and sheet.height > 5 * captcha.HEIGHT


# The attack --------------------------------------------------------------
#
# What an attacker tries before cutting (tests/comments/captcha_attack.py):
# the reference attack as the tester ran it, then what a slightly smarter one
# adds: erasing thin strokes (the library's noise lines; our curve over the
# text, 3.5-7 px), ignoring columns with little ink, or finding the text as the
# columns dense with ink (tolerance 56: the strongest choice against ours).
ATTEMPTS = {
    "columns": [Preprocessing(1, 0), Preprocessing(3, 0), Preprocessing(2, 6)],
    "slices": [Preprocessing(1, 0), Preprocessing(3, 0), Preprocessing(3, 56)],
    "components": [Preprocessing(3, 0), Preprocessing(7, 0)],
}


def collect(client):
    """Captchas fetched through the image URL as a robot fetches them,
    answers from the store: TRAINING to learn from, TESTED fresh keys to read
    (each fetched FETCHES times)."""
    training = []
    for _ in range(TRAINING):
        key = new_key()
        training.append((fetch(client, key), CaptchaStore.objects.get(hashkey=key).response))
    tested = []
    for _ in range(TESTED):
        key = new_key()
        fetches = [fetch(client, key) for _ in range(FETCHES)]
        tested.append((fetches, CaptchaStore.objects.get(hashkey=key).response))
    return Attack(training, tested)


def best_per_cut(attack):
    """For each way of cutting, the attacker's best result (over its choices
    of preprocessing and k = 1 or 3), with every result for the report."""
    results = {cut: [] for cut in ATTEMPTS}
    for cut, attempts in ATTEMPTS.items():
        for preprocessing in attempts:
            results[cut].extend(attack.run(cut, preprocessing, ks=(1, 3)))
    report = "\n".join(str(result) for found in results.values() for result in found)
    return {cut: max(found, key=lambda result: result.rate) for cut, found in results.items()}, (
        report
    )


@pytest.mark.slow
def test_machine_reading_of_our_captcha_is_at_most_ten_percent(client):
    # Measured (2,000 training images, 300 fresh keys fetched 3 times each):
    # columns 0%, slices 0.7-1.7%, components 0%, best attempt and k of each,
    # over three runs. A wider sweep while designing (openings up to 13 px,
    # tolerances up to 68 px) peaked at 4.7% (slices, opening 3, tolerance 56).
    best, report = best_per_cut(collect(client))
    print(report)

    assert all(result.rate <= 0.10 for result in best.values()), report


@pytest.mark.slow
@pytest.mark.urls("tests.comments.library_captcha_urls")
def test_the_same_attack_reads_the_library_drawing(client, monkeypatch):
    """The library's own view and drawing, as this site served it before
    (font size 30, the library's default noise, the digit challenge): the
    tester's attack read 88 in 100 of those. The attack is real."""
    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_FONT_SIZE", 30)
    # Measured over three runs: columns 84-88%, slices 99%, components 97-98%.
    best, report = best_per_cut(collect(client))
    print(report)

    assert all(result.rate >= 0.50 for result in best.values()), report
