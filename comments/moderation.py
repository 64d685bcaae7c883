"""The moderation policy: what a new comment's status is, and why.

Plain inputs (what the reader wrote, the editors' word lists), a plain
result (a status and the reasons an editor should read), no database.

Every comment waits for an editor; a banned word, written exactly, sends it
straight to the rejected ones. A word found only once diacritics are folded
("du" for the banned "đụ") marks the comment for the editor and never rejects
it: Vietnamese has too many innocent words that fold alike.
"""

import re
import unicodedata
from dataclasses import dataclass

from portal.text import fold

LINK = re.compile(r"\b(?:https?://|www\.)\S", re.IGNORECASE)
LINKS_TO_FLAG = 2


@dataclass(frozen=True)
class Word:
    text: str
    banned: bool


@dataclass(frozen=True)
class Verdict:
    rejected: bool
    reasons: tuple[str, ...]


def review(texts, words):
    """Judge what a reader wrote (name, title, content) against the word lists."""
    writing = "\n".join(texts)
    exact_text, folded_text = normalise(writing), fold(writing)
    rejected, reasons = False, []
    for word in words:
        if word_pattern(normalise(word.text)).search(exact_text):
            rejected = rejected or word.banned
            kind = "cấm" if word.banned else "đáng ngờ"
            reasons.append(f"Có từ {kind}: “{word.text}”")
        elif word_pattern(fold(word.text)).search(folded_text):
            kind = "từ cấm" if word.banned else "từ đáng ngờ"
            reasons.append(f"Giống {kind} “{word.text}” khi bỏ dấu")
    links = len(LINK.findall(writing))
    if links >= LINKS_TO_FLAG:
        reasons.append(f"Có {links} liên kết")
    return Verdict(rejected=rejected, reasons=tuple(reasons))


def normalise(text):
    """Compare letters as they are written, whatever the case and the Unicode form."""
    return unicodedata.normalize("NFC", text).casefold()


def word_pattern(word):
    """Whole words only: "du" is not in "dung"; a phrase may span any spaces."""
    parts = [re.escape(part) for part in word.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")
