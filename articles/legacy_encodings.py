"""Name the pre-Unicode Vietnamese encoding a text file was saved in.

Before Unicode, Vietnamese text was saved in one of three 8-bit encodings:
Windows-1258 (Microsoft's code page), TCVN3 (the national standard, "ABC"
fonts such as .VnTime) and VNI Windows (VNI-Times fonts). Staff still
receive such files. The importer does not guess its way through them: it
names the encoding and says how to convert the file, so that a person
checks the result (see DECISIONS.md, issue 6).

The guess: decode the bytes with each table and keep the table under which
the words that use non-ASCII letters read as Vietnamese syllables. A wrong
table turns the same bytes into symbols ("th«ng"), letters Vietnamese does
not have ("chaøo") or impossible clusters (two tone marks in one syllable).

Nothing here knows Django.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# The five tone marks, as combining characters.
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"

# A Vietnamese syllable without its tone mark, in lower case: initial
# consonant, vowel nucleus (with its glides), final consonant. Loose on
# purpose (it accepts some syllables the language does not use); it only
# has to tell Vietnamese from what a wrong table makes of it.
SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
    r"(?:uyê|uya|uyu|ươu|ươi|ươ|uôi|uô|uây|oay|oai|oao|oeo|iêu|yêu|iê|yê|ia|ya|ua|ưa|ưi|ưu"
    r"|uâ|uê|uy|ui|oa|oă|oe|oi|ôi|ơi|ai|ao|au|ay|âu|ây|eo|êu|iu|oo(?=ng$|c$)|[aăâeêioôơuưy])"
    r"(?:ch|nh|ng|[cmnpt])?"
)
# Runs of anything but spaces and ASCII punctuation or digits: what a wrong
# table produces (symbols, U+FFFD) stays inside the word it spoils.
WORD = re.compile(r"[^\s\x00-\x40\x5b-\x60\x7b-\x7f]+")
# Share of the judged words that must read as Vietnamese.
MIN_SCORE = 0.8

# TCVN3 is TCVN 5712:1993 VN3: ASCII, then 67 lower-case letters and 7
# capitals in 0xA1-0xFE ("_" marks codes VN3 leaves unassigned). Byte
# values from the standard's table as published in glibc's
# localedata/charmaps/TCVN5712-1 (VN1, whose letters VN3 keeps at the same
# codes) and Wikipedia's "VSCII" article (which letters VN3 has).
TCVN3_FROM_A1 = (
    "ĂÂÊÔƠƯĐăâêôơưđ______àảãáạ_ằẳẵắ_______ặầẩẫấậè_ẻẽéẹềểễếệìỉ___ĩíịò_ỏõóọồổỗốộờởỡớợù_ủũúụừửữứựỳỷỹýỵ"
)
TCVN3 = {0xA1 + index: char for index, char in enumerate(TCVN3_FROM_A1) if char != "_"}

# VNI Windows writes a vowel as its ASCII letter followed by one byte for
# its marks; a few letters have bytes of their own. Capitals use the byte
# 0x20 lower. Source: the "Unicode & Vietnamese Legacy Character Encodings"
# table (vietunicode.sourceforge.net/charset/), e.g. "ấ" = 61 E1, "đ" = F1.
CIRCUMFLEX, BREVE = "\u0302", "\u0306"
GRAVE, ACUTE, HOOK, TILDE, DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
VNI_MARKS = {
    0xF8: GRAVE, 0xF9: ACUTE, 0xFB: HOOK, 0xF5: TILDE, 0xEF: DOT,
    0xE2: CIRCUMFLEX, 0xE0: CIRCUMFLEX + GRAVE, 0xE1: CIRCUMFLEX + ACUTE,
    0xE5: CIRCUMFLEX + HOOK, 0xE3: CIRCUMFLEX + TILDE, 0xE4: CIRCUMFLEX + DOT,
    0xEA: BREVE, 0xE8: BREVE + GRAVE, 0xE9: BREVE + ACUTE,
    0xFA: BREVE + HOOK, 0xFC: BREVE + TILDE, 0xEB: BREVE + DOT,
}  # fmt: skip
VNI_LETTERS = {
    0xF1: "đ", 0xF4: "ơ", 0xF6: "ư",
    0xEC: "ì", 0xED: "í", 0xE6: "ỉ", 0xF3: "ĩ", 0xF2: "ị", 0xEE: "ỵ",
}  # fmt: skip
VNI_MARKS |= {byte - 0x20: marks for byte, marks in VNI_MARKS.items()}
VNI_LETTERS |= {byte - 0x20: letter.upper() for byte, letter in VNI_LETTERS.items()}
VNI_MARKED = set("aeiouyAEIOUYơưƠƯ")


def guess_legacy_encoding(data):
    """The legacy Vietnamese encoding data reads best in, or None."""
    # On a tie (a short text can read well in two tables), the earlier,
    # more common encoding wins.
    (share, count), _, best = max(
        (vietnamese_score(candidate.decode(data)), -rank, candidate)
        for rank, candidate in enumerate(CANDIDATES)
    )
    return best if share >= MIN_SCORE and count else None


def vietnamese_score(text):
    """(share of non-ASCII words that are Vietnamese syllables, how many are)."""
    judged = [word for word in WORD.findall(text) if not word.isascii()]
    valid = sum(1 for word in judged if is_syllable(word))
    return (valid / len(judged) if judged else 0.0, valid)


def is_syllable(word):
    if not word.isalpha():  # symbols, U+FFFD, combining marks left alone
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(decomposed.count(mark) for mark in TONE_MARKS) > 1:
        return False
    toneless = "".join(char for char in decomposed if char not in TONE_MARKS)
    return SYLLABLE.fullmatch(unicodedata.normalize("NFC", toneless)) is not None


def decode_1258(data):
    # Windows-1258 writes most tones as combining marks after the letter.
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


def decode_tcvn3(data):
    return "".join(chr(byte) if byte < 0x80 else TCVN3.get(byte, "\ufffd") for byte in data)


def decode_vni(data):
    chars = []
    for byte in data:
        if byte < 0x80:
            chars.append(chr(byte))
        elif byte in VNI_LETTERS:
            chars.append(VNI_LETTERS[byte])
        elif byte in VNI_MARKS and chars and chars[-1][0] in VNI_MARKED:
            chars[-1] += VNI_MARKS[byte]
        else:
            chars.append("\ufffd")
    return unicodedata.normalize("NFC", "".join(chars))


@dataclass(frozen=True)
class LegacyEncoding:
    name: str
    decode: Callable[[bytes], str]
    advice: str


WINDOWS_1258 = LegacyEncoding(
    "Windows-1258",
    decode_1258,
    "tệp có vẻ được lưu bằng bảng mã Windows-1258 (CP1258). Hãy chuyển sang UTF-8 rồi nhập "
    "lại, ví dụ: iconv -f CP1258 -t UTF-8 tệp.txt > tệp-utf8.txt, hoặc bằng công cụ chuyển mã "
    'của UniKey (nguồn "Windows CP 1258", đích "Unicode").',
)
TCVN3_ABC = LegacyEncoding(
    "TCVN3",
    decode_tcvn3,
    "tệp có vẻ được lưu bằng bảng mã TCVN3 (ABC, phông .VnTime). Hãy chuyển sang UTF-8 rồi "
    "nhập lại, ví dụ: iconv -f TCVN5712-1 -t UTF-8 tệp.txt > tệp-utf8.txt, hoặc bằng công cụ "
    'chuyển mã của UniKey (nguồn "TCVN3 (ABC)", đích "Unicode"). Chữ hoa gõ bằng phông '
    "chữ hoa (.VnTimeH) sẽ thành chữ thường: hãy xem lại tiêu đề.",
)
VNI_WINDOWS = LegacyEncoding(
    "VNI",
    decode_vni,
    "tệp có vẻ được lưu bằng bảng mã VNI Windows (phông VNI-Times). iconv không đọc được bảng "
    'mã này: hãy chuyển sang Unicode bằng công cụ chuyển mã của UniKey (nguồn "VNI Windows", '
    'đích "Unicode"), lưu lại bằng UTF-8 rồi nhập lại.',
)
CANDIDATES = (WINDOWS_1258, TCVN3_ABC, VNI_WINDOWS)
