"""Parse the notices staff receive as text files.

A notice has the shape of the portal's article page as text (see the seed in
seeds/): the title line ending with "(HH:MM DD/MM/YYYY)" in Hanoi time, the
lead starting with the outlet code ("HNP - "), one paragraph per line, the
author's pen name alone on the last line, then the page's trailing chrome
("Các bài mới đăng" and its items, the comment form's labels...), which is
dropped.

Nothing is dropped silently: the chrome is recognised as a trailing block of
known lines in page order, so a label-like line in the body ("Họ tên: Nguyễn
Văn An, ...") stays in the body, and a line inside that block which is not
known chrome becomes a NoticeWarning naming its line.

Nothing here knows Django: files in, a plain Notice out, or a NoticeError
that says which line is wrong and why.
"""

import codecs
import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from portal.text import clean_lines

from .legacy_encodings import guess_legacy_encoding

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")

TITLE_LINE = re.compile(
    r"^(?P<title>.*?)\s*\(\s*(?P<time>\d{1,2}:\d{2})\s+(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*\)$"
)
TIME_ANYWHERE = re.compile(r"\(\s*\d{1,2}:\d{2}\s+\d{1,2}/\d{1,2}/\d{4}\s*\)")
LEAD_LINE = re.compile(r"^(?P<code>[A-ZĐ]{2,10})\s*[-–—]\s*(?P<text>\S.*)$")
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
class NoticeWarning:
    """Text the parser left out that is not known page chrome."""

    line: int
    message: str

    def __str__(self):
        return f"dòng {self.line}: {self.message}"


@dataclass(frozen=True)
class Notice:
    title: str
    published_at: datetime
    outlet_code: str
    lead: str
    paragraphs: tuple[str, ...]
    author: str
    warnings: tuple[NoticeWarning, ...] = ()
    # The line each field was read from, so that later checks can name it.
    lines: dict[str, int] = field(default_factory=dict, compare=False)

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


# Files that say what they are with a byte-order mark. UTF-32 comes first:
# its little-endian mark starts with UTF-16's.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),  # Notepad's "Unicode"
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),  # Notepad's "Unicode big endian"
)


NOT_UTF8 = "không phải văn bản UTF-8 (có byte không đọc được)"


def decode(data):
    """Decode a notice file's bytes.

    UTF-8 with or without a byte-order mark, UTF-16 (and UTF-32) by their
    mark. Anything else is refused with the reason: a legacy Vietnamese
    encoding is named with how to convert it, UTF-16 without its mark is
    named as such, and only what is none of these is called binary.
    """
    for mark, codec, name in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return decode_marked(data, codec, name)
    if b"\x00" in data:
        raise not_text(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        legacy = guess_legacy_encoding(data)
        message = f"không phải văn bản UTF-8: {legacy.advice}" if legacy else NOT_UTF8
        line = line_number(data[: error.start].decode("utf-8"))
        raise NoticeError(message, line) from None


def decode_marked(data, codec, name):
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        line = line_number(data[: error.start].decode(codec, errors="replace"))
        raise NoticeError(f"tệp {name} hỏng: có byte không đọc được", line) from None


def not_text(data):
    """The error for bytes with NUL in them and no byte-order mark."""
    for order, codec, zeros in (("LE", "utf-16-le", 1), ("BE", "utf-16-be", 0)):
        if looks_like_utf16(data, codec, zeros):
            return NoticeError(
                f"tệp có vẻ là UTF-16 ({order}) nhưng thiếu dấu BOM ở đầu tệp: "
                "hãy lưu lại bằng UTF-8 (Notepad: Save As, Encoding: UTF-8) rồi nhập lại",
                1,
            )
    line = line_number(data[: data.index(b"\x00")].decode("latin-1"))
    return NoticeError("tệp nhị phân (có byte NUL), không phải văn bản", line)


def looks_like_utf16(data, codec, zeros):
    # Text in UTF-16 has a zero in the high byte of every ASCII letter,
    # space and line end, and (for Vietnamese) next to none in the low byte.
    high, low = data[zeros::2], data[1 - zeros :: 2]
    if len(data) % 2 or high.count(0) < len(high) // 4 or low.count(0):
        return False
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def line_number(text_before):
    """The 1-based line that starts after text_before (CR, LF or CR LF end a line)."""
    return text_before.count("\n") + text_before.count("\r") - text_before.count("\r\n") + 1


def parse_notice(text):
    lines = content_lines(text)
    if not lines:
        raise NoticeError("tệp rỗng: không có dòng nào có chữ")
    title, published_at = parse_title(lines[0])
    rest, warnings = split_chrome(lines[1:])
    if not rest:
        raise NoticeError("thiếu phần tóm tắt (sapo) sau dòng tiêu đề", lines[0].number)
    outlet_code, lead = parse_lead(rest[0])
    paragraphs = rest[1:]
    field_lines = {"title": lines[0].number, "outlet_code": rest[0].number, "lead": rest[0].number}
    author = ""
    # The byline is the last line before the chrome, when it reads as one.
    if paragraphs and looks_like_byline(paragraphs[-1].text):
        byline = paragraphs.pop()
        author, field_lines["author"] = byline.text, byline.number
    if paragraphs:
        field_lines["body"] = paragraphs[0].number
    return Notice(
        title=title,
        published_at=published_at,
        outlet_code=outlet_code,
        lead=lead,
        paragraphs=tuple(line.text for line in paragraphs),
        author=author,
        warnings=tuple(warnings),
        lines=field_lines,
    )


def content_lines(text):
    """Return the non-blank lines, cleaned, with their 1-based line numbers.

    Line numbers count every line of the file, blank ones included, with
    CR, LF and CR LF as line ends (as line_number does)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(number, line) for number, line in enumerate(clean_lines(text), 1) if line]


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


# The page chrome after the article, in page order (as on the seed's page): the
# newer and older articles of the section, each heading followed by items
# "Title (dd/mm/yyyy)", the "Bài viết Xem" control, then the comment form.
# Every part is optional, but what is there comes in this order. Lines are
# matched after clean_line, ignoring case; a trailing colon, the "(*)" of
# required fields and the spacing around them are optional.
#
# A heading "opens" the chrome: a line after it that is not known chrome is
# left out and reported. A form label does not: it counts as chrome only
# when nothing but known chrome follows it to the end of the file, so that
# "Họ tên: Nguyễn Văn An, ..." in the body stays in the body.
REQUIRED_MARK = r"(?:\(\s*\*\s*\)|\*)?"
BUTTON = r"(?:gửi(?: bình luận| ý kiến)?|nhập lại)"


def label(words):
    return rf"{words}\s*{REQUIRED_MARK}\s*:?\s*{REQUIRED_MARK}"


@dataclass(frozen=True)
class ChromeLine:
    order: int
    pattern: str
    opens: bool = False


CHROME_LINES = tuple(
    ChromeLine(order, pattern, opens)
    for order, pattern, opens in (
        (10, r"các bài mới đăng\s*:?", True),
        (20, r"các bài đã đăng\s*:?", True),
        (30, r"bài viết\s*:?", False),
        (31, r"bài viết\s*:?\s*xem", True),
        (31, r"xem", False),
        (40, r"viết bình luận\s*:?", True),
        (50, label("họ (?:và )?tên"), False),
        (51, label("số điện thoại"), False),
        (52, label("tiêu đề"), False),
        (53, label("nội dung"), False),
        (54, label("mã xác nhận"), False),
        (55, label("mã xác nhận") + r"\s*lấy lại mã bảo mật(?:\s*nghe mã)?", False),
        (55, r"lấy lại mã bảo mật(?:\s*nghe mã)?", False),
        (60, rf"{BUTTON}(?:\s*[/|]?\s*{BUTTON})*", False),
    )
)
# All of them in one pattern, a named group each: one match per line.
ANY_CHROME_LINE = re.compile(
    "|".join(f"(?P<chrome{index}>{line.pattern})" for index, line in enumerate(CHROME_LINES)),
    re.IGNORECASE,
)
# An item of the newer or older list: "Title (dd/mm/yyyy)", perhaps with the time.
NEIGHBOUR_ITEM = re.compile(r".*\S\s*\(\s*(?:\d{1,2}:\d{2}\s+)?\d{1,2}/\d{1,2}/\d{4}\s*\)")
# The order an item takes after its list's heading (or a previous item).
ITEM_AFTER = {10: 11, 11: 11, 20: 21, 21: 21}
SHOWN_CHARS = 60


def split_chrome(lines):
    """Split the lines after the title into (article, warnings).

    The chrome starts at the first known chrome line from which the rest of
    the file reads as chrome: known lines in order, and unknown lines only
    after a heading (they are what the warnings name)."""
    kinds = [chrome_kind(line.text) for line in lines]
    for start, kind in enumerate(kinds):
        if isinstance(kind, ChromeLine):
            warnings = read_chrome(lines[start:], kinds[start:])
            if warnings is not None:
                return lines[:start], warnings
    return lines, []


def chrome_kind(text):
    """The ChromeLine text is, NEIGHBOUR_ITEM if it reads as a list item, or None."""
    if match := ANY_CHROME_LINE.fullmatch(text):
        return CHROME_LINES[int(match.lastgroup.removeprefix("chrome"))]
    return NEIGHBOUR_ITEM if NEIGHBOUR_ITEM.fullmatch(text) else None


def read_chrome(lines, kinds):
    """Warnings for the unknown lines, or None if these lines are not the chrome."""
    order, heading, warnings = 0, None, []
    for line, kind in zip(lines, kinds, strict=True):
        if kind is NEIGHBOUR_ITEM and order in ITEM_AFTER:
            order = ITEM_AFTER[order]
        elif isinstance(kind, ChromeLine) and kind.order > order:
            order = kind.order
            heading = heading or (line if kind.opens else None)
        elif isinstance(kind, ChromeLine) or heading is None:
            return None  # out of page order, or body text after a label
        else:
            warnings.append(left_out(line, heading))
    return warnings


def left_out(line, heading):
    text = line.text if len(line.text) <= SHOWN_CHARS else line.text[: SHOWN_CHARS - 1] + "…"
    return NoticeWarning(
        line.number,
        f'bỏ dòng lạ ở phần cuối trang (sau "{heading.text}", dòng {heading.number}): "{text}"',
    )


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
