"""portal.text's fast paths give what its definitions say, for any text.

clean_line, clean_lines and fold skip their slow character-by-character
work when a text holds nothing for it to do (found by one regular
expression); these compare them with the plain definitions on text drawn
from the characters that matter: Vietnamese letters composed and
decomposed, every kind of space, invisible and control characters, Latin
look-alikes of other scripts and characters beyond the BMP.
"""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.text import (
    _FOLD_TABLE,
    COMBINING_MARKS,
    INVISIBLE,
    clean_line,
    clean_lines,
    fold,
    search_words,
    vietnamese_age,
)

TRICKY = sorted(
    {
        *"Đại hội đại biểu ĐẢNG bộ thành phố Hà Nội lần thứ XVII, năm 2020.",
        *unicodedata.normalize("NFD", "Thủ đô ngàn năm văn hiến"),
        *"\t\n\r\x0b\x0c\x1c\x85\xa0\u1680\u2003\u2028\u3000",  # spaces
        *"\x00\x07\x1b\x7f\x9f",  # controls
        *sorted(INVISIBLE)[:40],
        *"\U000e0041\U0001bca0\u200b\u200d\ufeff\u00ad",  # invisible, some astral
        *"аеорсхіѕԁ αειοκ ᴀᴅɪ",  # look-alikes
        *"ﬁ①Ⅻ＠Ｈà",  # compatibility forms
        *"😀𝐀𝔸\U00020000",  # beyond the BMP
        *"\u0301\u0323\u0309\u20dd\ufe20",  # lone combining marks
    }
)
WORDS = ["Thủ", "đô", "Hà", "Nội", "ngàn", "năm", "văn", "hiến,", "Đại", "hội", "ĐẢNG", "XVII"]
# Whole words, composed (NFC) or decomposed (NFD, as some editors save),
# between the tricky characters.
pieces = st.sampled_from(TRICKY) | st.sampled_from(WORDS).flatmap(
    lambda word: st.sampled_from([word, unicodedata.normalize("NFD", word)])
)
texts = st.lists(pieces, max_size=20).map("".join)


def clean_line_by_definition(raw):
    visible = "".join(
        char
        for char in raw
        if char.isspace() or not (char in INVISIBLE or unicodedata.category(char) == "Cc")
    )
    return unicodedata.normalize("NFC", " ".join(visible.split()))


def fold_by_definition(text):
    decomposed = unicodedata.normalize("NFKD", text).casefold().translate(_FOLD_TABLE)
    return COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", decomposed))


@given(texts)
def test_clean_line_is_its_definition(raw):
    assert clean_line(raw) == clean_line_by_definition(raw)


@given(st.lists(texts, max_size=5))
def test_clean_lines_is_clean_line_of_each_line(lines):
    text = "\n".join(line.replace("\n", " ") for line in lines)

    assert clean_lines(text) == [clean_line_by_definition(raw) for raw in text.split("\n")]


@given(texts)
def test_fold_is_its_definition(text):
    assert fold(text) == fold_by_definition(text)


def test_what_the_fast_paths_keep():
    assert clean_line("  Đại\u00a0hội\u200b \t lần\x07 thứ XIII ") == "Đại hội lần thứ XIII"
    assert clean_lines("Hà Nội\n\n  Thủ\u2003đô ") == ["Hà Nội", "", "Thủ đô"]
    assert search_words("ĐẠI HỘI đại biểu, Ⅻ ﬁ") == ["dai", "hoi", "dai", "bieu", "xii", "fi"]


@pytest.mark.parametrize(
    ("seconds", "written"),
    [
        (-90, "dưới 1 phút"),
        (0, "dưới 1 phút"),
        (59, "dưới 1 phút"),
        (60, "1 phút"),
        (3 * 3600 + 5 * 60 + 7, "3 giờ 5 phút"),
        (3 * 3600 + 7, "3 giờ"),
        (2 * 86_400 + 4 * 3600 + 9 * 60, "2 ngày 4 giờ"),
        (2 * 86_400 + 9 * 60, "2 ngày"),
    ],
)
def test_ages_are_written_in_vietnamese_in_their_two_largest_units(seconds, written):
    assert vietnamese_age(seconds) == written
