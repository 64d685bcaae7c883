"""The moderation policy: what a new comment's status is, and why.

Plain inputs (what the reader wrote, field by field, and the editors' word
lists), a plain result (rejected or not, and the reasons an editor should
read, with where they are in the text), no database.

Every comment waits for an editor. The editors' words are matched in tiers
(see portal/text.py for what "normalised" means):

- as written, after normalising (case, Unicode form, invisible characters,
  fullwidth and look-alike letters): a banned word rejects the comment, a
  suspect word marks it;
- loosely, which only ever marks: with spacing or punctuation between the
  letters ("l ừ a-đ ả o"), typed in Telex or VNI ("luwf a ddaor",
  "lu72a d9a3o"), or without diacritics where the reader's word itself has
  none ("lua dao"; but not "dự án" for a banned "du": Vietnamese has too many
  innocent words that fold alike).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from portal.text import fold, has_diacritics, normalise, strip_diacritics

LINK = re.compile(r"\b(?:https?://|www\.)\S", re.IGNORECASE)
LINKS_TO_FLAG = 2


class Match:
    EXACT = "exact"
    SPACED = "spaced"
    TYPED = "telex"
    NO_DIACRITICS = "no_diacritics"


DESCRIPTIONS = {
    Match.EXACT: "Có {kind}: “{word}”",
    Match.SPACED: "Giống {kind} “{word}” (viết tách hoặc chen ký tự)",
    Match.TYPED: "Giống {kind} “{word}” (gõ kiểu Telex/VNI)",
    Match.NO_DIACRITICS: "Giống {kind} “{word}” khi bỏ dấu",
}


@dataclass(frozen=True)
class Word:
    text: str
    banned: bool


@dataclass(frozen=True)
class Place:
    field: str
    start: int
    end: int


@dataclass(frozen=True)
class Reason:
    rule: str  # "banned", "suspect" or "links"
    match: str = ""  # how a word matched (Match)
    word: str = ""
    places: tuple[Place, ...] = field(default_factory=tuple)
    count: int = 0

    @property
    def description(self):
        if self.rule == "links":
            return f"Có {self.count} liên kết"
        kind = "từ cấm" if self.rule == "banned" else "từ đáng ngờ"
        return DESCRIPTIONS[self.match].format(kind=kind, word=self.word)

    def as_data(self):
        """What the comment stores: JSON the editors' queue highlights from."""
        return {
            "rule": self.rule,
            "match": self.match,
            "word": self.word,
            "places": [vars(place) for place in self.places],
            "count": self.count,
            "text": self.description,
        }


@dataclass(frozen=True)
class Verdict:
    rejected: bool
    reasons: tuple[Reason, ...]

    @property
    def descriptions(self):
        return tuple(reason.description for reason in self.reasons)


def review(fields, words):
    """Judge what a reader wrote ({field name: text}) against the word lists."""
    texts = {name: Text(value) for name, value in fields.items()}
    reasons = []
    for word in words:
        reason = find_word(word, texts)
        if reason:
            reasons.append(reason)
    rejected = any(reason.rule == "banned" and reason.match == Match.EXACT for reason in reasons)
    links = sum(len(LINK.findall(value)) for value in fields.values())
    if links >= LINKS_TO_FLAG:
        reasons.append(Reason("links", count=links))
    return Verdict(rejected=rejected, reasons=tuple(reasons))


class Text:
    """One field of a comment, in the forms the tiers match against."""

    def __init__(self, value):
        self.normalised = normalise(value)
        self.folded = strip_diacritics(self.normalised)
        self.letters = self.normalised.keep(str.isalnum)
        self.folded_letters = self.folded.keep(str.isalnum)
        self.token_starts, self.token_ends = token_edges(self.normalised)


def token_edges(mapped):
    """The original offsets where runs of letters and digits start and end."""
    starts, ends = set(), set()
    for match in re.finditer(r"[^\W_]+", mapped.text):
        start, end = mapped.original(match.start(), match.end())
        starts.add(start)
        ends.add(end)
    return starts, ends


def find_word(word, texts):
    """The first tier at which `word` is found, as a Reason, or None."""
    rule = "banned" if word.banned else "suspect"
    wanted = normalise(word.text).text
    tiers = [
        (Match.EXACT, lambda text: search(phrase_pattern(wanted), text.normalised)),
        (Match.SPACED, lambda text: squeezed(wanted, text.letters, text)),
        (Match.TYPED, lambda text: typed_spellings(wanted, text.normalised)),
        (Match.NO_DIACRITICS, lambda text: without_diacritics(wanted, text)),
    ]
    for match, finder in tiers:
        places = tuple(
            Place(name, start, end) for name, text in texts.items() for start, end in finder(text)
        )
        if places:
            return Reason(rule, match, word.text, places)
    return None


def search(pattern, mapped):
    if pattern is None:
        return []
    return [mapped.original(m.start(), m.end()) for m in pattern.finditer(mapped.text)]


def phrase_pattern(words):
    """Whole words only ("du" is not in "dung"); a phrase may span any spaces."""
    parts = [re.escape(part) for part in words.split()]
    if not parts:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")


def squeezed(wanted, letters, text):
    """The word's letters in a row, whatever stands between them, from the
    start of a written word to the end of one ("lừa-đảo", "l ừ a đ ả o")."""
    needle = "".join(char for char in wanted if char.isalnum())
    found = []
    start = letters.text.find(needle) if needle else -1
    while start >= 0:
        original = letters.original(start, start + len(needle))
        if original[0] in text.token_starts and original[1] in text.token_ends:
            found.append(original)
        start = letters.text.find(needle, start + 1)
    return found


def without_diacritics(wanted, text):
    """The word folded, where the reader typed its words without diacritics
    (or exactly as the word has them)."""
    folded_wanted = fold(wanted)
    places = search(phrase_pattern(folded_wanted), text.folded)
    places += squeezed(folded_wanted, text.folded_letters, text)
    return sorted({place for place in places if typed_bare(place, wanted, text)})


def typed_bare(place, wanted, text):
    start, end = place
    written = [
        text.normalised.text[index]
        for index, span in enumerate(text.normalised.spans)
        if start <= span[0] and span[1] <= end
    ]
    tokens = re.findall(r"[^\W_]+", "".join(written))
    expected = set(re.findall(r"[^\W_]+", wanted))
    return all(token in expected or not has_diacritics(token) for token in tokens)


# Telex and VNI: how Vietnamese is typed on a keyboard without its letters.
TONES = {
    "\u0300": ("f", "2"), "\u0301": ("s", "1"), "\u0309": ("r", "3"),
    "\u0303": ("x", "4"), "\u0323": ("j", "5"),
}  # fmt: skip
SHAPES = {
    "â": ("aa", "a6"), "ê": ("ee", "e6"), "ô": ("oo", "o6"), "ă": ("aw", "a8"),
    "ơ": ("ow", "o7"), "ư": ("uw|w", "u7"), "đ": ("dd", "d9"),
}  # fmt: skip
VOWELS = set("aeiouyâêôăơư")
BETWEEN_KEYS = r"[\W_]*"


def typed_spellings(wanted, mapped):
    """The word typed in Telex or VNI, the tone key anywhere after its vowel."""
    if not has_diacritics(wanted):
        return []
    places = []
    for scheme in (0, 1):
        syllables = [syllable_pattern(syllable, scheme) for syllable in wanted.split()]
        pattern = re.compile(r"(?<![^\W_])" + BETWEEN_KEYS.join(syllables) + r"(?![^\W_])")
        places += search(pattern, mapped)
    return sorted(set(places))


def syllable_pattern(syllable, scheme):
    tone, keys, first_vowel = "", [], None
    for char in syllable:
        parts = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONES))
        tone = next((TONES[p][scheme] for p in parts if p in TONES), tone)
        keys.append(f"(?:{SHAPES[letter][scheme]})" if letter in SHAPES else re.escape(letter))
        if first_vowel is None and letter in VOWELS:
            first_vowel = len(keys)
    if not tone:
        return BETWEEN_KEYS.join(keys)
    # The tone key may come after any key from the first vowel on.
    spellings = [
        BETWEEN_KEYS.join([*keys[:position], tone, *keys[position:]])
        for position in range(first_vowel or len(keys), len(keys) + 1)
    ]
    return "(?:" + "|".join(spellings) + ")"
