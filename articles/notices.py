"""Parse the notices staff receive as text files.

A notice has the shape of the portal's article page as text (see the seed in
seeds/): the title line ending with "(HH:MM DD/MM/YYYY)" in Hanoi time, the
lead starting with the outlet code ("HNP - "), one paragraph per line, the
author's pen name alone on the last line, then the page's trailing chrome
("Các bài mới đăng", the comment form's labels...), which is dropped.

Nothing here knows Django: files in, a plain Notice out, or a NoticeError
that says which line is wrong and why.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")

TITLE_LINE = re.compile(
    r"^(?P<title>.*?)\s*\(\s*(?P<time>\d{1,2}:\d{2})\s+(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*\)$"
)
TIME_ANYWHERE = re.compile(r"\(\s*\d{1,2}:\d{2}\s+\d{1,2}/\d{1,2}/\d{4}\s*\)")
LEAD_LINE = re.compile(r"^(?P<code>[A-ZĐ]{2,10})\s*[-–—]\s*(?P<text>\S.*)$")
# The headings that start the page chrome after the article, compared
# case-insensitively without the trailing colon.
CHROME_HEADINGS = {"các bài mới đăng", "các bài đã đăng", "bài viết xem", "viết bình luận"}
CHROME_FORM_LABELS = ("họ tên:", "mã xác nhận:")
BYLINE_MAX_CHARS = 60
BYLINE_MAX_WORDS = 8
SENTENCE_END = ".!?:;,…"


class NoticeError(ValueError):
    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self):
        return f"dòng {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class Notice:
    title: str
    published_at: datetime
    outlet_code: str
    lead: str
    paragraphs: tuple[str, ...]
    author: str

    @property
    def body(self):
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Line:
    number: int
    text: str


def read_notice(path):
    """Read and parse the notice file at path."""
    with open(path, "rb") as notice_file:
        return parse_notice(decode(notice_file.read()))


def decode(data):
    """Decode a notice file's bytes: UTF-8, with or without a byte-order mark."""
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise NoticeError("tệp nhị phân (có byte NUL), không phải văn bản", line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise NoticeError("không phải văn bản UTF-8 (có byte không đọc được)", line) from None


def parse_notice(text):
    lines = content_lines(text)
    if not lines:
        raise NoticeError("tệp rỗng: không có dòng nào có chữ")
    title, published_at = parse_title(lines[0])
    rest = strip_chrome(lines[1:])
    if not rest:
        raise NoticeError("thiếu phần tóm tắt (sapo) sau dòng tiêu đề", lines[0].number)
    outlet_code, lead = parse_lead(rest[0])
    paragraphs = [line.text for line in rest[1:]]
    author = ""
    if paragraphs and looks_like_byline(paragraphs[-1]):
        author = paragraphs.pop()
    return Notice(
        title=title,
        published_at=published_at,
        outlet_code=outlet_code,
        lead=lead,
        paragraphs=tuple(paragraphs),
        author=author,
    )


def content_lines(text):
    """Return the non-blank lines, cleaned, with their 1-based line numbers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = (Line(number, clean_line(raw)) for number, raw in enumerate(text.split("\n"), 1))
    return [line for line in cleaned if line.text]


def clean_line(raw):
    # Drop invisible format characters (zero-width spaces, stray BOMs) and
    # control characters, turn every kind of space (no-break spaces
    # included) into one plain space, and compose letters (NFC) so that
    # "ệ" is one character whatever the sender's keyboard produced.
    visible = "".join(
        char for char in raw if char.isspace() or unicodedata.category(char) not in {"Cf", "Cc"}
    )
    return unicodedata.normalize("NFC", " ".join(visible.split()))


def parse_title(line):
    match = TITLE_LINE.match(line.text)
    if match is None:
        if LEAD_LINE.match(line.text):
            raise NoticeError("thiếu dòng tiêu đề: tệp bắt đầu bằng phần tóm tắt", line.number)
        if TIME_ANYWHERE.search(line.text):
            raise NoticeError(
                'thời gian đăng "(HH:MM DD/MM/YYYY)" phải ở cuối dòng tiêu đề', line.number
            )
        raise NoticeError(
            'dòng tiêu đề thiếu thời gian đăng "(HH:MM DD/MM/YYYY)" ở cuối', line.number
        )
    if not match["title"]:
        raise NoticeError("thiếu tiêu đề trước thời gian đăng", line.number)
    return match["title"], parse_time(match["time"], match["date"], line)


def parse_time(time_text, date_text, line):
    try:
        naive = datetime.strptime(f"{date_text} {time_text}", "%d/%m/%Y %H:%M")
    except ValueError:
        raise NoticeError(
            f"thời gian đăng không tồn tại: {time_text} {date_text}", line.number
        ) from None
    # Hanoi has no daylight saving time: every local time exists exactly once.
    return naive.replace(tzinfo=HANOI)


def strip_chrome(lines):
    """Drop the page chrome: everything from its first heading on."""
    for index, line in enumerate(lines):
        if is_chrome(line.text):
            return lines[:index]
    return lines


def is_chrome(text):
    folded = text.casefold()
    return folded.rstrip(" :") in CHROME_HEADINGS or folded.startswith(CHROME_FORM_LABELS)


def parse_lead(line):
    match = LEAD_LINE.match(line.text)
    if match is None:
        return "", line.text
    return match["code"], match["text"]


def looks_like_byline(text):
    """A pen name: a few words alone on the last line, not a sentence."""
    return (
        len(text) <= BYLINE_MAX_CHARS
        and len(text.split()) <= BYLINE_MAX_WORDS
        and text[-1] not in SENTENCE_END
    )
