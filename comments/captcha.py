"""The comment form's captcha: its challenge, its drawing and its image view.

Everything about how the captcha looks lives here (issue 13). The library
(django-simple-captcha) keeps the key, the answer and the form field; this
module replaces its drawing, which a generic attack read 88 times in 100.

The drawing defeats cutting the image into characters: no empty column
between neighbouring digits, which are welded where they come closest with a
stroke as thick as theirs; a curve in the ink colour runs from edge to edge,
thin over the digits and swinging thickly beside them; each digit has its own
face, weight, rotation, shear, width and baseline; the whole is warped. The
same key always draws the same image (a local generator seeded with
HMAC(SECRET_KEY, key)), so fetching it again tells nothing new. The figures
and the attack are in the README and tests/comments/test_captcha_image.py.
"""

import hashlib
import hmac
import io
import itertools
import math
import random
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import captcha
from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from PIL import Image, ImageChops, ImageDraw, ImageFont

# Digits 2-9: no 0/O or 1/I/l to confuse, and each is one clear Vietnamese
# word when spoken (hai, ba, bốn, năm, sáu, bảy, tám, chín).
ALPHABET = "23456789"

# One rendering at twice its CSS size: sharp on high-density phone screens.
# The widget's <img> carries the CSS size as its width and height.
CSS_WIDTH, CSS_HEIGHT = 200, 64
WIDTH, HEIGHT = 2 * CSS_WIDTH, 2 * CSS_HEIGHT

# Dark blue ink on warm white: a contrast of 14:1 (WCAG asks 4.5:1). One ink
# for digits and curve alike: a colour per digit would cut the text for a robot.
INK = (22, 35, 74)
BACKGROUND = (250, 248, 240)

# Fonts the project installs itself: Vera ships inside django-simple-captcha,
# Aileron inside Pillow. Never the system's fonts.
VERA = Path(captcha.__file__).parent / "fonts" / "Vera.ttf"
FACES = ("vera", "aileron")
# Extra stroke around each digit; Aileron is the lighter face.
WEIGHTS = {"vera": (1, 2), "aileron": (2, 3)}
# Font size in the 2x image: digits 55-70 px high (>= 27 CSS px).
FONT_SIZES = (80, 90)
# Where two neighbouring digits come closest they are joined, as thick as
# their strokes.
WELD_WIDTHS = (11, 13)
MARGIN = 12  # at least this much of the image is left beside the text
SOLID = [0] * 129 + [255] * 127  # lookup table: the pixels of a mask that count as ink


def readable_challenge():
    """CAPTCHA_CHALLENGE_FUNCT: five digits 2-9, shown and expected alike."""
    challenge = "".join(secrets.choice(ALPHABET) for _ in range(captcha_settings.CAPTCHA_LENGTH))
    return challenge, challenge


def generator_for(key):
    """A private random generator for one key. Seeded with the secret as well
    as the key: the key is public, and noise an attacker can replay is none."""
    digest = hmac.new(settings.SECRET_KEY.encode(), key.encode(), hashlib.sha256).digest()
    return random.Random(int.from_bytes(digest, "big"))


@lru_cache(maxsize=64)
def font(face, size):
    """A face at a size (loaded once per process)."""
    if face == "vera":
        return ImageFont.truetype(str(VERA), size)
    return ImageFont.load_default(size=size)


@dataclass
class Layers:
    """What is drawn in ink: one full-size mask per digit and one for the
    curve, before the whole picture is warped by `mesh`."""

    glyphs: list
    curve: Image.Image
    mesh: list

    def ink(self):
        """The mask of all the ink, warped."""
        mask = self.curve
        for glyph in self.glyphs:
            mask = ImageChops.lighter(mask, glyph)
        return warped(mask, self.mesh)

    def warped_glyphs(self):
        """Each digit alone, warped as in the picture (for measuring it)."""
        return [warped(glyph, self.mesh) for glyph in self.glyphs]


PALETTE = [
    round(background + (ink - background) * level / 255)
    for level in range(256)
    for background, ink in zip(BACKGROUND, INK, strict=True)
]


def draw(challenge, rng):
    """The captcha image (WIDTH x HEIGHT) for a challenge."""
    return compose(layers(challenge, rng))


def compose(drawn):
    """The ink mask painted in ink on the background, as a palette image:
    palette entry i is the background blended i/255 of the way to the ink
    (exactly what pasting the ink through the mask gives, and a third of the
    bytes to compress)."""
    image = drawn.ink()
    image.putpalette(PALETTE)
    return image


def layers(challenge, rng):
    """Everything drawn for a challenge, with randomness from `rng` only."""
    size = rng.randint(*FONT_SIZES)
    glyphs = place([glyph(char, size, rng) for char in challenge], rng)
    path = curve_path(glyphs, rng)
    joint = rng.uniform(*WELD_WIDTHS)
    hold_ends(path, glyphs, joint)
    curve = drawn_path(path)
    weld(curve, glyphs, joint)
    return Layers(glyphs=glyphs, curve=curve, mesh=warp_mesh(rng))


def glyph(char, size, rng):
    """One digit as a tight L mask: its own font, weight, rotation, shear,
    width and a size near the others' (so that no digit looks minor)."""
    face_name = rng.choice(FACES)
    size += rng.randint(-3, 3)
    face = font(face_name, size)
    pad = size
    mask = Image.new("L", (2 * pad, 2 * pad), 0)
    weight = rng.choice(WEIGHTS[face_name])
    ImageDraw.Draw(mask).text(
        (pad, pad), char, font=face, fill=255, anchor="mm", stroke_width=weight, stroke_fill=255
    )
    angle = math.radians(rng.uniform(-14, 14))
    shear = rng.uniform(-0.2, 0.2)
    widen = rng.uniform(0.82, 1.2)
    heighten = rng.uniform(0.95, 1.1)
    # Forward map: scale, then shear, then rotate, about the centre.
    cos, sin = math.cos(angle), math.sin(angle)
    a, b = cos * widen, (cos * shear - sin) * heighten
    c, d = sin * widen, (sin * shear + cos) * heighten
    det = a * d - b * c
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    # PIL wants the inverse map: output (x, y) -> input.
    matrix = (ia, ib, pad - ia * pad - ib * pad, ic, id_, pad - ic * pad - id_ * pad)
    mask = mask.transform(mask.size, Image.Transform.AFFINE, matrix, Image.Resampling.BICUBIC)
    return mask.crop(mask.getbbox())


def place(glyphs, rng):
    """Lay the digits left to right, each pushed left until its ink nearly
    touches the previous digit (but at most an eighth of its width into the
    other's box): no empty column between two digits, nowhere to cut. The
    text starts anywhere the image leaves room for it. Returns one
    full-size mask per digit."""
    middle = HEIGHT // 2 + rng.randint(-5, 5)
    tops = [middle - mask.height // 2 + rng.randint(-4, 4) for mask in glyphs]
    tops = [
        min(max(top, 1), HEIGHT - mask.height - 1) for mask, top in zip(glyphs, tops, strict=True)
    ]
    nudges = [rng.randint(2, 6) for _ in glyphs]
    lefts, width = side_by_side(glyphs, tops, nudges)
    room = WIDTH - 2 * MARGIN
    if width > room:  # too wide for the image: narrow every digit alike
        glyphs = [
            mask.resize((max(1, mask.width * room // width), mask.height), Image.Resampling.BICUBIC)
            for mask in glyphs
        ]
        lefts, width = side_by_side(glyphs, tops, nudges)
    shift = rng.randint(MARGIN, max(MARGIN, WIDTH - width - MARGIN))
    placed = []
    for mask, left, top in zip(glyphs, lefts, tops, strict=True):
        layer = Image.new("L", (WIDTH, HEIGHT), 0)
        layer.paste(mask, (left + shift, top))
        placed.append(layer)
    return placed


def side_by_side(glyphs, tops, nudges):
    """Left edges of the digits pushed together, and the width they take."""
    ink = Image.new("L", (WIDTH * 2, HEIGHT), 0)
    lefts = []
    x = 0
    for mask, top, nudge in zip(glyphs, tops, nudges, strict=True):
        if lefts:
            contact = touching_x(ink, mask, x, top, deepest=x - mask.width // 8)
            x = min(x, contact + nudge)
        ink.paste(mask, (x, top), mask)
        lefts.append(x)
        x += mask.width
    return lefts, x


def touching_x(ink, mask, right, top, deepest):
    """The left edge, from `right` down to `deepest`, where the mask's ink
    first meets what is already drawn (`deepest` if it never does)."""
    binary = mask.point(SOLID)
    for x in range(right, deepest, -1):
        region = ink.crop((x, top, x + mask.width, top + mask.height))
        region = region.point(SOLID)
        if ImageChops.multiply(region, binary).getbbox():
            return x
    return deepest


def curve_path(glyphs, rng):
    """A wave from edge to edge through the middle of the text, as points
    [x, y, width] 2 px apart. Over the text it is thinner than the digits'
    strokes (a person reads through it); beside the text it swings steeply
    and thickly, so that no count of ink per column tells where the text
    begins or ends."""
    boxes = [mask.getbbox() for mask in glyphs]
    left, right = min(box[0] for box in boxes), max(box[2] for box in boxes)
    # Near the digits' mid-height, where a line through them hides the least.
    middle = sum(top + bottom for _, top, _, bottom in boxes) / (2 * len(boxes))
    middle += rng.uniform(-4, 4)
    waves = [
        (rng.uniform(2, 5), rng.uniform(120, 260), rng.uniform(0, 2 * math.pi)) for _ in range(2)
    ]
    swing = (rng.uniform(22, 32), rng.uniform(34, 56), rng.uniform(0, 2 * math.pi))
    base, swell, length, phase = (
        rng.uniform(4, 5.5),
        rng.uniform(0.5, 1.5),
        rng.uniform(50, 120),
        rng.uniform(0, 2 * math.pi),
    )
    path = []
    for x in range(-10, WIDTH + 11, 2):
        y = middle + sum(a * math.sin(2 * math.pi * x / wave + p) for a, wave, p in waves)
        # 0 over the text and 8 px beside it, 1 from 28 px away.
        outside = min(1, max(0, left - x - 8, x - right - 8) / 20)
        y += outside * swing[0] * math.sin(2 * math.pi * x / swing[1] + swing[2])
        width = base + swell * math.sin(2 * math.pi * x / length + phase) + 7 * outside
        path.append([x, y, width])
    return path


def hold_ends(path, glyphs, width):
    """Beside the text, keep the curve at least as thick as the digits'
    strokes right into the first and the last digit: no erasing of thin
    strokes sets the text apart from the swings beside it."""
    head, tail = glyphs[0], glyphs[-1]
    head_box, tail_box = head.getbbox(), tail.getbbox()
    first = [x for x, y, _ in path if inked(head, head_box, x, y)]
    last = [x for x, y, _ in path if inked(tail, tail_box, x, y)]
    for point in path:
        if (first and point[0] <= first[0] + 2) or (last and point[0] >= last[-1] - 2):
            point[2] = max(point[2], width)


def inked(mask, box, x, y):
    """Whether the curve's centre at (x, y) runs through the mask's ink
    (`box`: the mask's bounding box)."""
    left, top, right, bottom = box
    if not (left <= x < right and top - 2 <= y < bottom + 2):
        return False
    rows = range(max(top, round(y) - 2), min(bottom, round(y) + 3))
    return any(mask.getpixel((x, row)) > 128 for row in rows)


def weld(curve, glyphs, width):
    """Join each digit to the next where they come closest, with a stroke as
    thick as theirs: erasing the thin curve (a morphological opening) then
    never leaves the digits apart without erasing them too."""
    pen = ImageDraw.Draw(curve)
    for before, after in itertools.pairwise(glyphs):
        closest = closest_points(before, after)
        if closest is None:
            continue  # side by side, no row in common: nothing to join
        (x0, y0), (x1, y1) = closest
        radius = width / 2
        pen.line(((x0, y0), (x1, y1)), fill=255, width=round(width))
        for x, y in ((x0, y0), (x1, y1)):
            pen.ellipse((x - radius, y - radius, x + radius, y + radius), fill=255)


def closest_points(before, after, reach=8):
    """The nearest pair of ink pixels of two neighbouring digits: the right
    edge of one against the left edge of the other, up to `reach` rows apart."""
    rights, lefts = row_ends(before, last=True), row_ends(after, last=False)
    pairs = (
        ((rights[y], y), (lefts[y + dy], y + dy))
        for y in rights
        for dy in range(-reach, reach + 1)
        if y + dy in lefts
    )
    return min(pairs, key=lambda pair: math.dist(*pair), default=None)


def row_ends(mask, last):
    """{row: x of the row's first (or last) ink pixel}."""
    solid = mask.point(SOLID)
    left, top, right, bottom = solid.getbbox()
    pixels = solid.crop((left, top, right, bottom)).tobytes()
    width = right - left
    ends = {}
    for y in range(bottom - top):
        row = pixels[y * width : (y + 1) * width]
        x = row.rfind(255) if last else row.find(255)
        if x >= 0:
            ends[top + y] = left + x
    return ends


def drawn_path(path):
    mask = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(mask)
    previous = None
    for x, y, width in path:
        radius = width / 2
        if previous:
            pen.line((previous, (x, y)), fill=255, width=round(width))
        pen.ellipse((x - radius, y - radius, x + radius, y + radius), fill=255)
        previous = (x, y)
    return mask


def warp_mesh(rng):
    """A gentle wave through the whole picture, as a PIL mesh."""
    cell = 24
    ay, ly, py = rng.uniform(3, 7), rng.uniform(140, 260), rng.uniform(0, 2 * math.pi)
    ax, lx, px = rng.uniform(2, 5), rng.uniform(60, 120), rng.uniform(0, 2 * math.pi)

    def source(x, y):
        return (
            x + ax * math.sin(2 * math.pi * y / lx + px),
            y + ay * math.sin(2 * math.pi * x / ly + py),
        )

    mesh = []
    for x0 in range(0, WIDTH, cell):
        for y0 in range(0, HEIGHT, cell):
            x1, y1 = min(x0 + cell, WIDTH), min(y0 + cell, HEIGHT)
            quad = (*source(x0, y0), *source(x0, y1), *source(x1, y1), *source(x1, y0))
            mesh.append(((x0, y0, x1, y1), quad))
    return mesh


def warped(mask, mesh):
    return mask.transform(mask.size, Image.Transform.MESH, mesh, Image.Resampling.BICUBIC)


def png(image):
    """The image as PNG bytes (Pillow writes no time stamp: same image,
    same bytes)."""
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def image_png(key, challenge):
    """The PNG for a key: the same bytes on every call."""
    return png(draw(challenge, generator_for(key)))


def live_challenge(key):
    """The challenge of a key still in the store and not expired, or None."""
    return (
        CaptchaStore.objects.filter(hashkey=key, expiration__gt=timezone.now())
        .values_list("challenge", flat=True)
        .first()
    )


@login_not_required
@require_GET
@never_cache
def captcha_image(request, key):
    """Serves /captcha/image/<key>/ in place of the library's view. Like it,
    410 Gone for a key that is not in the store (crawlers drop the address);
    unlike it, also for an expired key, which no answer can pass any more.
    Never cached: the image is the answer's only carrier."""
    challenge = live_challenge(key)
    if challenge is None:
        return HttpResponse(status=410)
    return HttpResponse(image_png(key, challenge), content_type="image/png")


@login_not_required
def no_second_rendering(request, key):
    """The library's `<key>@2` address: there is one rendering, already at
    twice the CSS size, so that no second image can be voted across."""
    raise Http404
