"""Text as the portal compares it: the one place for folding and normalising.

Search, slugs, the duplicate check, the word lists and the notice importer
all compare text through this module, so that they agree on what "the same
text" means:

- `clean_line`: what a line of an imported notice keeps (visible characters,
  NFC); `clean_lines` for a whole text.
- `normalise`: for matching: compatibility forms (fullwidth, ligatures, styled
  letters) unfolded, case folded, invisible characters dropped, look-alike
  letters of other scripts read as the Latin letters they imitate; it keeps a
  map from each character back to its place in the original text, so that a
  match can be shown where the reader wrote it.
- `fold`: `normalise` without diacritics ("Đại Hội" -> "dai hoi"), for search
  and loose matching.
- `comparable`: the words of a text only, for duplicate checks.
- `search_words`: the words search indexes and looks for (folded, letters and
  digits only); `find_words`: where given words stand in the original text.
- `make_slug`: a URL slug, transliterated ("Đại hội" -> "dai-hoi").
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

from slugify import slugify

# Characters that show nothing but can split a word for a machine: the
# format characters (category Cf: zero-width space and joiners, soft hyphen,
# word joiner, byte-order mark, bidirectional marks...) and their kin of
# other categories (combining grapheme joiner, variation selectors, Hangul
# fillers, Mongolian free variation selectors, Khmer inherent vowels).
INVISIBLE_EXTRA = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)

# Letters of other scripts drawn like Latin letters, lower case (the text is
# case folded first). Unicode's confusables list (UTS #39) also folds Latin
# letters into each other ("rn" into "m"), which would merge innocent
# Vietnamese words, so only these cross-script look-alikes are mapped.
LOOK_ALIKES = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j",
        "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y",
        "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ү": "y", "ӏ": "l", "ɡ": "g",
        # Greek
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
        "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j",
        # Latin letters outside the Vietnamese alphabet that pass for its letters
        "ı": "i", "ȷ": "j", "ʏ": "y", "ʀ": "r", "ᴀ": "a", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e",
        "ᴏ": "o", "ᴜ": "u", "ʜ": "h", "ɪ": "i", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n",
        "ᴘ": "p", "ᴛ": "t", "ᴠ": "v", "ᴡ": "w", "ᴢ": "z",
    }
)  # fmt: skip

# Format characters live in planes 0, 1 and 14 only; scanning those (not all
# 1.1 million code points) keeps the import fast.
_SCANNED = [*range(0x20000), *range(0xE0000, 0xE1000)]
INVISIBLE = INVISIBLE_EXTRA | frozenset(
    char for char in map(chr, _SCANNED) if unicodedata.category(char) == "Cf"
)
_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
# Đ/đ is a letter of its own, not D with a combining mark: NFD leaves it.
_D_WITH_STROKE = str.maketrans({"đ": "d", "Đ": "d"})
_FOLD_TABLE = {**_DROP_INVISIBLE, **LOOK_ALIKES, **_D_WITH_STROKE}
COMBINING_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def _any_of(code_points):
    """A pattern matching any one of these characters if they are in the
    Basic Multilingual Plane, and any character beyond it: a set of ranges
    the regular expression engine tests in one step, not one by one."""
    ranges = []
    for point in sorted(point for point in code_points if point < 0x10000):
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    ranges.append([0x10000, 0x10FFFF])
    return re.compile(
        "[" + "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in ranges) + "]"
    )


# A line or a text rarely holds any of the characters these look for (or
# any character beyond the BMP, such as an emoji): finding none (one pass in
# C) spares the slow character-by-character paths, which give the same result.
_HIDDEN = _any_of(
    point
    for point in [*_DROP_INVISIBLE, *range(0xA0)]  # control characters (Cc) are below 0xA0
    if not chr(point).isspace()
    and (chr(point) in INVISIBLE or unicodedata.category(chr(point)) == "Cc")
)
_TRANSLATED_BY_FOLD = _any_of(set(_FOLD_TABLE) - {ord("đ")})


def is_invisible(char):
    return char in INVISIBLE


def clean_line(raw):
    """A line as the importer keeps it: invisible characters and control
    characters dropped, every kind of space one plain space, letters composed (NFC)."""
    visible = raw
    if _HIDDEN.search(raw):
        visible = "".join(
            char
            for char in raw
            if char.isspace() or not (is_invisible(char) or unicodedata.category(char) == "Cc")
        )
    return unicodedata.normalize("NFC", " ".join(visible.split()))


def clean_lines(text):
    """clean_line of each line of a text split at "\n", in fewer passes: a
    text with nothing to drop and already composed (most files) only has
    its spaces tidied."""
    if _HIDDEN.search(text) or not unicodedata.is_normalized("NFC", text):
        return [clean_line(raw) for raw in text.split("\n")]
    return [" ".join(raw.split()) for raw in text.split("\n")]


@dataclass(frozen=True)
class Mapped:
    """Normalised text, and for each of its characters the (start, end) of the
    original characters it came from."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def original(self, start, end):
        """The original offsets of text[start:end]."""
        return self.spans[start][0], self.spans[end - 1][1]

    def keep(self, wanted):
        """The characters for which wanted(char) is true, with their spans."""
        kept = [
            (char, span) for char, span in zip(self.text, self.spans, strict=True) if wanted(char)
        ]
        return Mapped("".join(char for char, _ in kept), tuple(span for _, span in kept))


def normalise(text):
    """`text` for matching, as a Mapped: NFKC, case folded, invisible
    characters dropped, look-alikes of other scripts mapped, then NFC."""
    decomposed = []  # (character, start, end) in NFKD order
    for index, original in enumerate(text):
        if is_invisible(original):
            continue
        for char in unicodedata.normalize("NFKD", original).casefold().translate(LOOK_ALIKES):
            decomposed.append((char, index, index + 1))
    return compose(decomposed)


def compose(decomposed):
    """NFC over (character, start, end) items: each letter and its marks become
    one character spanning all their originals."""
    text, spans = [], []
    cluster = []
    for item in [*decomposed, None]:
        if item is not None and cluster and unicodedata.combining(item[0]):
            cluster.append(item)
            continue
        if cluster:
            span = (min(part[1] for part in cluster), max(part[2] for part in cluster))
            for char in unicodedata.normalize("NFC", "".join(part[0] for part in cluster)):
                text.append(char)
                spans.append(span)
        cluster = [item]
    return Mapped("".join(text), tuple(spans))


def fold(text):
    """Text without diacritics or case: "Đại Hội" -> "dai hoi".

    The same as strip_diacritics(normalise(text)).text, without the offset
    map: fast enough for whole articles.
    """
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    if _TRANSLATED_BY_FOLD.search(decomposed):
        decomposed = decomposed.translate(_FOLD_TABLE)
    else:  # most text: only đ (Đ is đ once case folded) to translate
        decomposed = decomposed.replace("đ", "d")
    return COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", decomposed))


def strip_diacritics(mapped):
    """A Mapped without diacritics: the base letters keep their spans."""
    items = []
    for char, (start, end) in zip(mapped.text, mapped.spans, strict=True):
        for part in unicodedata.normalize("NFD", char.translate(_D_WITH_STROKE)):
            if not unicodedata.combining(part):
                items.append((part, start, end))
    return Mapped("".join(item[0] for item in items), tuple(item[1:] for item in items))


def has_diacritics(text):
    return fold(text) != normalise(text).text


WORD = re.compile(r"\w+")


def comparable(text):
    """The words of a text, normalised: two texts that differ only in case,
    spacing, punctuation, Unicode form or invisible characters compare equal."""
    return " ".join(WORD.findall(normalise(text).text))


# What search calls a word: a run of letters and digits. The underscore
# (which `\w` includes) separates words, as it does for SQLite's unicode61
# tokenizer and PostgreSQL's parser.
SEARCH_WORD = re.compile(r"[^\W_]+")


def search_words(text):
    """The words of a text as search sees them: "Đại hội (lần 2)" -> ["dai", "hoi", "lan", "2"]."""
    return SEARCH_WORD.findall(fold(text))


@functools.lru_cache(maxsize=4096)
def _folds_to_one_character(char):
    # Folding works character by character (NFKD, case, the table), except
    # that combining marks join the letter before them: a text whose every
    # character folds to exactly one (no marks, nothing dropped or expanded)
    # folds in place.
    return len(fold(char)) == 1


def find_words(text, phrases):
    """Where the phrases stand in `text` as whole words, compared as search
    compares them (folded): [(start, end)] offsets in the original text, in
    order and not overlapping. A phrase is a tuple of words from
    `search_words`; at each place the longest phrase that fits wins."""
    if all(map(_folds_to_one_character, text)):
        # Most text: fold() maps each character to one, offsets stay put.
        folded_text, original = fold(text), lambda start, end: (start, end)
    else:
        mapped = strip_diacritics(normalise(text))
        folded_text, original = mapped.text, mapped.original
    found_words = list(SEARCH_WORD.finditer(folded_text))
    folded = [match.group() for match in found_words]
    longest_first = sorted({tuple(phrase) for phrase in phrases if phrase}, key=len, reverse=True)
    found, index = [], 0
    while index < len(folded):
        for phrase in longest_first:
            if tuple(folded[index : index + len(phrase)]) == phrase:
                first, last = found_words[index], found_words[index + len(phrase) - 1]
                found.append(original(first.start(), last.end()))
                index += len(phrase)
                break
        else:
            index += 1
    return found


# Long enough to read, short enough to leave room for a "-2" suffix in a
# 200-character slug field.
SLUG_WORDS_LENGTH = 120


def make_slug(text):
    """Transliterate Vietnamese into a URL slug: "Đại hội" -> "dai-hoi"."""
    # The backend named: "auto" tries to import Unidecode (not installed)
    # on every call, a third of an import's time.
    return slugify(text, max_length=SLUG_WORDS_LENGTH, word_boundary=True, backend="text-unidecode")


def vietnamese_number(number):
    """12345 -> "12.345": thousands grouped with dots, as Vietnamese writes them."""
    return f"{number:,}".replace(",", ".")


# Django's Vietnamese catalogue misses its own timesince's messages (they
# changed in Django 4.x): ages are written here.
AGE_UNITS = [("ngày", 86_400), ("giờ", 3_600), ("phút", 60)]


def vietnamese_age(seconds):
    """How long, in its two largest units: "3 giờ 5 phút", "2 ngày", "dưới 1 phút"."""
    parts = []
    seconds = max(0, int(seconds))  # a clock a little behind the database's
    for name, size in AGE_UNITS:
        count, seconds = divmod(seconds, size)
        if count or parts:
            parts.append((count, name))
    shown = [f"{count} {name}" for count, name in parts[:2] if count]
    return " ".join(shown) or "dưới 1 phút"
