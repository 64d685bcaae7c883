import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.legacy_encodings import guess_legacy_encoding
from articles.notices import NoticeError, decode, parse_notice, read_notice
from tests.helpers.paths import SEED_PATH

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")

SEED_TITLE = "Tập trung thực hiện tốt công tác tổ chức phục vụ Đại hội lần thứ XIII của Đảng"
SEED_LEAD = (
    "Ngày 11/11, Văn phòng UBND thành phố Hà Nội ban hành Thông báo số 540/TB-VP, truyền đạt "
    "kết luận của Phó Chủ tịch UBND thành phố Ngô Văn Quý tại cuộc họp nghe báo cáo kết quả "
    "thực hiện công tác tổ chức phục vụ Đại hội đại biểu toàn quốc lần thứ XIII của Đảng."
)
SEED_PARAGRAPHS = (
    "Phó Chủ tịch UBND TP Ngô Văn Quý đánh giá cao các cơ quan, đơn vị đã chủ động, tích cực "
    "triển khai thực hiện nhiệm vụ tại Kế hoạch số 268/KH-UBND ngày 8/8/2019 của UBND thành phố "
    "về triển khai công tác phục vụ Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.",
    "Tuy nhiên, để đáp ứng yêu cầu theo chỉ đạo của Tiểu ban phục vụ Đại hội XIII của Đảng và "
    "Thường trực, Ban Thường vụ Thành ủy, UBND TP yêu cầu các sở, ban, ngành được giao nhiệm vụ "
    "tại Kế hoạch số 268/KH-UBND chủ động phối hợp, xin ý kiến các các cơ quan Trung ương; phối "
    "hợp các đơn vị liên quan thực hiện nhiệm vụ được giao.",
    "Đồng thời, triển khai thực hiện một số nhiệm vụ: Khẩn trương hoàn thiện kế hoạch chi tiết "
    "tổ chức thực hiện nhiệm vụ của đơn vị mình, trong đó nêu rõ cụ thể về tiến độ, thời gian và "
    "phương thức thực hiện từng nhiệm vụ được giao. Phân công 1 đồng chí lãnh đạo sở, ban, ngành "
    "trực tiếp phụ trách nhiệm vụ phục vụ Đại hội đại biểu toàn quốc lần thứ XIII của Đảng. Bên "
    "cạnh đó, xây dựng báo cáo kết quả thực hiện nhiệm vụ phục vụ Đại hội đại biểu toàn quốc lần "
    "thứ XIII của Đảng gửi về Văn phòng UBND thành phố, trước ngày 12/11/2020.",
    "Phó Chủ tịch UBND thành phố cũng đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội "
    "chủ trì, phối hợp các tổ chức thành viên tham gia các hoạt động lấy ý kiến xây dựng Đảng của "
    "nhân dân với Đại hội đại biểu toàn quốc lần thứ XIII của Đảng; tổ chức tuyên truyền sâu rộng "
    "tới các đoàn thể, tổ chức xã hội nghề nghiệp, nhân sĩ, tri thức, quần chúng nhân dân về ý "
    "nghĩa và các nội dung quan trọng của Đại hội đại biểu toàn quốc lần thứ XIII của Đảng. Đề "
    "xuất với Thường trực Thành ủy để báo cáo Tiểu ban phục vụ Đại hội XIII của Đảng về việc tổ "
    "chức đoàn đại biểu nhân dân Thủ đô đến chào mừng Đại hội.",
    "Phó Chủ tịch UBND thành phố cũng đề nghị Ban Dân vận Thành ủy, Ban Tuyên giáo Thành ủy kịp "
    "thời xin ý kiến các Ban Đảng Trung ương về công tác phục vụ Đại hội XIII của Đảng, hướng dẫn "
    "các sở, ngành, các tổng công ty thực hiện nhiệm vụ được giao tại Kế hoạch số 268/KH-UBND của "
    "UBND thành phố.",
    "Về việc trên, Văn phòng Thành ủy thực hiện ý kiến chỉ đạo của đồng chí Phó Bí thư Thường trực "
    "Thành ủy tại hội nghị: Xin ý kiến Thường trực Thành ủy về việc thành lập tổ công tác của "
    "Thành ủy để chỉ đạo thực hiện các nhiệm vụ phục vụ Đại hội XIII của Đảng. Tổ công tác sẽ do 1 "
    "đồng chí Thường trực Thành ủy làm tổ trưởng, đồng chí Phó Chủ tịch UBND thành phố - thành "
    "viên Tiểu ban phục vụ Đại hội XIII của Đảng làm tổ phó; các đồng chí Giám đốc, Thủ trưởng các "
    "cơ quan, đơn vị được phân công nhiệm vụ là thành viên tổ công tác.",
)
CHROME_WORDS = ("Các bài", "Bài viết Xem", "Viết bình luận", "Họ tên", "Mã xác nhận", "Lấy lại")


def without_chrome(text):
    return text[: text.index("Các bài mới đăng")]


def chrome_of(text):
    return text[text.index("Các bài mới đăng") :]


def line_of(text, fragment):
    return text[: text.index(fragment)].count("\n") + 1


def assert_is_seed(notice, author="Quốc Bảo"):
    assert notice.title == SEED_TITLE
    assert notice.published_at == datetime(2020, 11, 14, 13, 1, tzinfo=HANOI)
    assert notice.outlet_code == "HNP"
    assert notice.lead == SEED_LEAD
    assert notice.paragraphs == SEED_PARAGRAPHS
    assert notice.author == author


def test_seed_file_parses_into_every_field():
    notice = read_notice(SEED_PATH)

    assert_is_seed(notice)
    assert notice.published_at.utcoffset().total_seconds() == 7 * 3600
    assert notice.body == "\n\n".join(SEED_PARAGRAPHS)


def test_seed_body_keeps_no_page_chrome():
    notice = read_notice(SEED_PATH)

    text = " ".join([notice.lead, notice.body, notice.author])
    assert not [word for word in CHROME_WORDS if word in text]


def test_no_break_spaces_become_plain_spaces(seed_text):
    assert "HNP -\u00a0Ngày" in seed_text

    notice = parse_notice(seed_text)

    assert "\u00a0" not in notice.lead + notice.body
    assert notice.lead.startswith("Ngày 11/11,")


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda data: data.replace(b"\n", b"\r\n"), id="crlf"),
        pytest.param(lambda data: data.replace(b"\n", b"\r"), id="old-mac-cr"),
        pytest.param(lambda data: b"\xef\xbb\xbf" + data, id="utf8-bom"),
        pytest.param(lambda data: data.replace(b"\n\n", b"\n   \t \n"), id="blank-lines-of-spaces"),
        pytest.param(lambda data: data.replace(b" ", " \u200b".encode()), id="zero-width-spaces"),
        pytest.param(lambda data: unicodedata.normalize("NFD", data.decode()).encode(), id="nfd"),
    ],
)
def test_messy_variants_of_the_seed_parse_the_same(seed_bytes, variant):
    assert_is_seed(parse_notice(decode(variant(seed_bytes))))


def test_nfd_input_is_stored_composed(seed_text):
    decomposed = unicodedata.normalize("NFD", seed_text)
    assert decomposed != seed_text

    notice = parse_notice(decomposed)

    assert unicodedata.is_normalized("NFC", notice.title + notice.lead + notice.body)


def test_missing_chrome(seed_text):
    assert_is_seed(parse_notice(without_chrome(seed_text)))


def test_missing_byline(seed_text):
    notice = parse_notice(without_chrome(seed_text).replace("Quốc Bảo", ""))

    assert_is_seed(notice, author="")


def test_missing_byline_with_chrome(seed_text):
    notice = parse_notice(seed_text.replace("Quốc Bảo\n", ""))

    assert_is_seed(notice, author="")


def test_lead_without_outlet_code_keeps_the_text(seed_text):
    notice = parse_notice(seed_text.replace("HNP -\u00a0", ""))

    assert notice.outlet_code == ""
    assert notice.lead == SEED_LEAD


def test_notice_with_title_and_lead_only():
    notice = parse_notice("Thông báo nghỉ lễ (08:00 01/05/2024)\nHNP - Các cơ quan nghỉ lễ.\n")

    assert notice.title == "Thông báo nghỉ lễ"
    assert notice.published_at == datetime(2024, 5, 1, 8, 0, tzinfo=HANOI)
    assert notice.lead == "Các cơ quan nghỉ lễ."
    assert notice.paragraphs == ()
    assert notice.author == ""


def test_single_digit_hour_and_day_are_accepted():
    notice = parse_notice("Thông báo (8:05 1/2/2021)\nHNP - Nội dung.\n")

    assert notice.published_at == datetime(2021, 2, 1, 8, 5, tzinfo=HANOI)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", None, "tệp rỗng"),
        ("  \n\u00a0\n\r\n", None, "tệp rỗng"),
        ("HNP - Ngày 11/11, Văn phòng UBND thông báo.\n", 1, "thiếu dòng tiêu đề"),
        ("\n\n(13:01 14/11/2020)\nHNP - Nội dung.\n", 3, "thiếu tiêu đề"),
        ("Tiêu đề không có giờ\nHNP - Nội dung.\n", 1, "thiếu thời gian đăng"),
        ("Tiêu đề (13:01 14/11/2020) và thêm chữ\nHNP - Nội dung.\n", 1, "phải ở cuối"),
        ("Tiêu đề (13:01 31/02/2020)\nHNP - Nội dung.\n", 1, "không tồn tại: 13:01 31/02/2020"),
        ("Tiêu đề (25:00 14/11/2020)\nHNP - Nội dung.\n", 1, "không tồn tại: 25:00 14/11/2020"),
        ("Tiêu đề (13:01 14/11/2020)\n\nCác bài mới đăng\n", 1, "thiếu phần tóm tắt"),
    ],
)
def test_bad_notices_name_the_line_and_the_problem(text, line, message):
    with pytest.raises(NoticeError) as raised:
        parse_notice(text)

    assert raised.value.line == line
    assert message in str(raised.value)


def test_error_message_starts_with_the_line_number():
    with pytest.raises(NoticeError) as raised:
        parse_notice("\nTiêu đề (13:01 31/02/2020)\n")

    assert str(raised.value) == "dòng 2: thời gian đăng không tồn tại: 13:01 31/02/2020"


def test_unreadable_bytes_are_reported_with_their_line(seed_bytes):
    broken = seed_bytes.replace("Quốc Bảo".encode(), b"Qu\xe1c B\xe1o")

    with pytest.raises(NoticeError) as raised:
        decode(broken)

    assert str(raised.value) == (
        f"dòng {line_of(seed_bytes.decode(), 'Quốc Bảo')}: "
        "không phải văn bản UTF-8 (có byte không đọc được)"
    )


def test_binary_file_is_refused():
    with pytest.raises(NoticeError) as raised:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    assert "tệp nhị phân" in str(raised.value)
    assert raised.value.line == 3  # the first NUL, after CR LF and LF


# Encodings: UTF-16 by its byte-order mark; the legacy Vietnamese ones named.


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.encode("utf-16"), id="utf-16-notepad-unicode"),
        pytest.param(lambda text: b"\xfe\xff" + text.encode("utf-16-be"), id="utf-16-be"),
        pytest.param(lambda text: b"\xff\xfe" + text.encode("utf-16-le"), id="utf-16-le"),
        pytest.param(lambda text: text.encode("utf-32"), id="utf-32"),
    ],
)
def test_unicode_files_with_a_byte_order_mark_are_read(seed_text, encode):
    data = encode(seed_text.replace("\n", "\r\n"))

    assert_is_seed(parse_notice(decode(data)))


def test_utf16_without_its_byte_order_mark_is_named_not_called_binary(seed_text):
    with pytest.raises(NoticeError) as raised:
        decode(seed_text.encode("utf-16-le"))

    assert str(raised.value).startswith("dòng 1: tệp có vẻ là UTF-16 (LE) nhưng thiếu dấu BOM")
    assert "nhị phân" not in str(raised.value)


def test_a_broken_utf16_file_names_the_line():
    data = "Tiêu đề (13:01 14/11/2020)\r\nHNP - Nội dung\r\n".encode("utf-16") + b"\x00\xd8"

    with pytest.raises(NoticeError) as raised:
        decode(data)

    assert str(raised.value) == "dòng 3: tệp UTF-16 hỏng: có byte không đọc được"


# Legacy files, built from the published tables of each encoding. Only the
# letters of LEGACY_NOTICE are needed.
LEGACY_NOTICE = (
    "Thông báo lịch tiếp công dân (08:30 02/12/2020)\n\n"
    "HNP - Văn phòng UBND thành phố thông báo lịch tiếp công dân của Chủ tịch.\n\n"
    "Đề nghị các cơ quan, đơn vị phối hợp thực hiện.\n\n"
    "Minh Anh\n"
)
# TCVN3 (TCVN 5712:1993 VN3): one byte per letter. Values from glibc's
# localedata/charmaps/TCVN5712-1 (VN3 keeps VN1's codes for its letters).
TCVN3_BYTES = {
    "Đ": 0xA7, "ă": 0xA8, "â": 0xA9, "ô": 0xAB, "ơ": 0xAC, "đ": 0xAE, "à": 0xB5, "á": 0xB8,
    "ề": 0xD2, "ế": 0xD5, "ệ": 0xD6, "ị": 0xDE, "ò": 0xDF, "ố": 0xE8, "ợ": 0xEE, "ủ": 0xF1,
    "ự": 0xF9,
}  # fmt: skip
# VNI Windows: the ASCII vowel, then a byte for its marks; đ, ơ, ư and the
# toned i have bytes of their own. Values from the "Unicode & Vietnamese
# Legacy Character Encodings" table (vietunicode.sourceforge.net/charset/).
VNI_BYTES = {
    "Đ": b"\xd1", "đ": b"\xf1", "ơ": b"\xf4", "ị": b"\xf2", "ă": b"a\xea", "â": b"a\xe2",
    "à": b"a\xf8", "á": b"a\xf9", "ề": b"e\xe0", "ế": b"e\xe1", "ệ": b"e\xe4", "ò": b"o\xf8",
    "ô": b"o\xe2", "ố": b"o\xe1", "ợ": b"\xf4\xef", "ủ": b"u\xfb", "ự": b"\xf6\xef",
}  # fmt: skip
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def tcvn3(text):
    return bytes(TCVN3_BYTES.get(char, ord(char)) for char in text)


def vni(text):
    return b"".join(VNI_BYTES[char] if char in VNI_BYTES else char.encode("ascii") for char in text)


def windows_1258(text):
    # Letters the code page lacks are written as the letter without its
    # tone, then the tone as a combining mark (as Windows does).
    encoded = []
    for char in text:
        try:
            encoded.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            tone = "".join(c for c in parts if c in TONE_MARKS)
            encoded.append((base + tone).encode("cp1258"))
    return b"".join(encoded)


@pytest.mark.parametrize(
    ("encode", "named", "advice"),
    [
        (windows_1258, "Windows-1258 (CP1258)", "iconv -f CP1258 -t UTF-8"),
        (tcvn3, "TCVN3 (ABC", "iconv -f TCVN5712-1 -t UTF-8"),
        (vni, "VNI Windows", 'UniKey (nguồn "VNI Windows", đích "Unicode")'),
    ],
)
def test_legacy_vietnamese_encodings_are_named_with_how_to_convert(encode, named, advice):
    data = b"\r\n\r\n" + encode(LEGACY_NOTICE.replace("\n", "\r\n"))

    with pytest.raises(NoticeError) as raised:
        decode(data)

    message = str(raised.value)
    assert message.startswith(
        f"dòng 3: không phải văn bản UTF-8: tệp có vẻ được lưu bằng bảng mã {named}"
    )
    assert advice in message
    assert "nhị phân" not in message


@pytest.mark.parametrize("encode", [windows_1258, tcvn3, vni])
def test_the_detection_tables_read_the_legacy_files_back(encode):
    encoding = guess_legacy_encoding(encode(LEGACY_NOTICE))

    assert encoding.decode(encode(LEGACY_NOTICE)) == LEGACY_NOTICE


def test_a_short_title_in_windows_1258_is_named():
    data = windows_1258("Thông báo (13:01 14/11/2020)\nHNP - Thông báo")

    with pytest.raises(NoticeError) as raised:
        decode(data)

    assert "Windows-1258" in str(raised.value)


def test_text_in_another_language_is_not_taken_for_vietnamese():
    with pytest.raises(NoticeError) as raised:
        decode("Élève de l'école, café à Paris, déjà vu.".encode("latin-1"))

    assert str(raised.value) == "dòng 1: không phải văn bản UTF-8 (có byte không đọc được)"


# The page chrome: a trailing block of known lines, in page order.


def test_body_lines_that_begin_like_form_labels_stay_in_the_body(seed_text):
    labels = (
        "Họ tên: Nguyễn Văn An, sinh năm 1980, trú tại phường Hàng Bạc, quận Hoàn Kiếm.\n\n"
        "Mã xác nhận: hồ sơ số 123/HS-UBND ngày 10/11/2020.\n\n"
    )
    text = seed_text.replace("Phó Chủ tịch UBND TP", labels + "Phó Chủ tịch UBND TP", 1)
    text = text.replace("Quốc Bảo", labels + "Quốc Bảo")

    notice = parse_notice(text)

    assert notice.paragraphs == (
        "Họ tên: Nguyễn Văn An, sinh năm 1980, trú tại phường Hàng Bạc, quận Hoàn Kiếm.",
        "Mã xác nhận: hồ sơ số 123/HS-UBND ngày 10/11/2020.",
        *SEED_PARAGRAPHS,
        "Họ tên: Nguyễn Văn An, sinh năm 1980, trú tại phường Hàng Bạc, quận Hoàn Kiếm.",
        "Mã xác nhận: hồ sơ số 123/HS-UBND ngày 10/11/2020.",
    )
    assert notice.author == "Quốc Bảo"
    assert notice.warnings == ()


def test_a_bare_form_label_followed_by_body_text_is_body_text(seed_text):
    text = without_chrome(seed_text).replace(
        "Quốc Bảo", "Họ tên:(*)\nNội dung:\nHồ sơ gửi về Văn phòng trước ngày 12/11/2020.\nQuốc Bảo"
    )

    notice = parse_notice(text)

    assert notice.paragraphs[-3:] == (
        "Họ tên:(*)",
        "Nội dung:",
        "Hồ sơ gửi về Văn phòng trước ngày 12/11/2020.",
    )
    assert notice.author == "Quốc Bảo"


def test_a_heading_inside_the_body_does_not_swallow_the_rest(seed_text):
    text = seed_text.replace("Tuy nhiên,", "Viết bình luận\n\nTuy nhiên,", 1)

    notice = parse_notice(text)

    assert notice.paragraphs[1:3] == ("Viết bình luận", SEED_PARAGRAPHS[1])
    assert notice.author == "Quốc Bảo"
    assert notice.warnings == ()


def test_chrome_with_neighbour_items_is_dropped_without_warning(seed_text):
    chrome = (
        "Các bài mới đăng\n"
        "Hà Nội triển khai Kế hoạch phục vụ Đại hội (15/11/2020)\n"
        "Thông báo lịch tiếp công dân tháng 12 (08:30 16/11/2020)\n\n"
        "Các bài đã đăng :\n"
        "Kết luận của Phó Chủ tịch UBND thành phố (13/11/2020)\n"
        "Tổ chức tuyên truyền Đại hội XIII của Đảng (12/11/2020)\n\n"
        "Bài viết Xem\nViết bình luận\n\n"
        "Họ tên:(*)\nSố điện thoại:\nTiêu đề:(*)\nNội dung:(*)\n"
        "Mã xác nhận: \u00a0 \u00a0 Lấy lại mã bảo mật\n"
    )

    notice = parse_notice(without_chrome(seed_text) + chrome)

    assert_is_seed(notice)
    assert notice.warnings == ()


@pytest.mark.parametrize(
    "chrome",
    [
        pytest.param("CÁC BÀI MỚI ĐĂNG\nCÁC BÀI ĐÃ ĐĂNG\nBÀI VIẾT XEM\n", id="capitals"),
        pytest.param("Các bài mới đăng:\nCác  bài đã đăng:\nBài viết\nXem\n", id="colons-split"),
        pytest.param("Viết bình luận :\nHọ tên (*):\nTiêu đề: (*)\nNội dung *\n", id="labels"),
        pytest.param("Họ và tên:(*)\nMã xác nhận:\nLấy lại mã bảo mật\nGửi Nhập lại\n", id="form"),
        pytest.param("Nội dung:(*)\nMã xác nhận: Lấy lại mã bảo mật Nghe mã\nGửi\n", id="tail"),
    ],
)
def test_variants_of_the_chrome_are_dropped_without_warning(seed_text, chrome):
    notice = parse_notice(without_chrome(seed_text) + chrome)

    assert_is_seed(notice)
    assert notice.warnings == ()


@pytest.mark.parametrize(
    ("after", "stray"),
    [
        ("Các bài mới đăng\n", "Liên hệ quảng cáo: 0912 345 678"),
        ("Các bài đã đăng :\n", "Xem tiếp các tin khác"),
        ("Viết bình luận\n", "Email:"),
        ("Lấy lại mã bảo mật", "\nVề đầu trang"),
    ],
)
def test_an_unknown_line_in_the_chrome_is_reported_with_its_line(seed_text, after, stray):
    text = seed_text.replace(after, after + stray + "\n")

    notice = parse_notice(text)

    assert_is_seed(notice)
    stray = stray.strip()
    heading_line = line_of(text, "Các bài mới đăng")
    assert [str(warning) for warning in notice.warnings] == [
        f"dòng {line_of(text, stray)}: bỏ dòng lạ ở phần cuối trang "
        f'(sau "Các bài mới đăng", dòng {heading_line}): "{stray}"'
    ]


def test_the_reported_line_counts_blank_lines_and_windows_line_ends(seed_text):
    text = seed_text.replace("Viết bình luận\n", "Viết bình luận\n\n\nĐăng nhập\n")

    notice = parse_notice(decode(text.replace("\n", "\r\n").encode()))

    assert [warning.line for warning in notice.warnings] == [line_of(text, "Đăng nhập")]


def test_a_long_unknown_line_is_shortened_in_the_warning(seed_text):
    stray = "Nội dung quảng cáo rất dài " * 10
    notice = parse_notice(seed_text + "\n" + stray)

    (warning,) = notice.warnings
    assert warning.message.endswith(f'"{stray[:59]}…"')


def test_an_unknown_line_with_no_heading_before_it_keeps_the_labels_in_the_body(seed_text):
    text = without_chrome(seed_text) + "Họ tên:(*)\nEmail:\nNội dung:(*)\n"

    notice = parse_notice(text)

    assert notice.paragraphs == (*SEED_PARAGRAPHS, "Quốc Bảo", "Họ tên:(*)", "Email:")
    assert notice.warnings == ()


# Property tests: any body, followed by the chrome, comes back whole.

PLAIN_WORDS = (
    "Hà", "Nội", "thành", "phố", "Ủy", "ban", "nhân", "dân", "thông", "báo", "Kế", "hoạch",
    "số", "268/KH-UBND", "ngày", "12/11/2020", "Đảng", "Đại", "hội", "tổ", "chức", "công",
    "tác", "phục", "vụ", "đồng", "chí", "Phó", "Chủ", "tịch", "yêu", "cầu", "các", "sở,",
    "ngành.", "hồ", "sơ", "điện", "024", "3825", "3536", "-", "(XIII)", "quận", "Hoàn", "Kiếm;",
)  # fmt: skip
CHROME_VOCABULARY = (
    "Các", "bài", "mới", "đã", "đăng", ":", "Bài", "viết", "Xem", "Viết", "bình", "luận", "Họ",
    "tên:", "(*)", "Mã", "xác", "nhận:", "Nội", "dung:", "Gửi",
)  # fmt: skip
LABELS = ("Họ tên:", "Họ tên:(*)", "Số điện thoại:", "Tiêu đề:", "Nội dung:", "Mã xác nhận:")
CHROME_TEXTS = (
    "Các bài mới đăng", "Các bài đã đăng :", "Bài viết Xem", "Viết bình luận", "Họ tên:(*)",
    "Số điện thoại:", "Tiêu đề:(*)", "Nội dung:(*)", "Mã xác nhận: Lấy lại mã bảo mật", "Xem",
)  # fmt: skip
BYLINES = ("Quốc Bảo", "Minh Anh", "Ngọc Hà", "P.V", "Thu Trang - Hải Nam")


def sentences(words):
    return st.lists(st.sampled_from(words), min_size=1, max_size=30).map(" ".join)


plain_sentences = sentences(PLAIN_WORDS)
label_like_lines = st.builds("{} {}".format, st.sampled_from(LABELS), plain_sentences)
item_lines = st.builds(
    "{} ({:%d/%m/%Y})".format, plain_sentences, st.dates(date(2000, 1, 1), date(2030, 12, 31))
)
published = st.datetimes(datetime(2000, 1, 1), datetime(2030, 12, 31)).map(
    lambda moment: moment.replace(second=0, microsecond=0)
)


@st.composite
def notices(draw, paragraphs):
    """(text of the article part, the fields it must parse into)."""
    fields = {
        "title": draw(plain_sentences),
        "published_at": draw(published),
        "lead": draw(plain_sentences),
        "paragraphs": tuple(draw(st.lists(paragraphs, max_size=8))),
        "author": draw(st.sampled_from(BYLINES)),
    }
    lines = [
        f"{fields['title']} ({fields['published_at']:%H:%M %d/%m/%Y})",
        f"HNP - {fields['lead']}",
        *fields["paragraphs"],
        fields["author"],
    ]
    return "\n\n".join(lines) + "\n\n", fields


@st.composite
def standard_chrome(draw):
    return [
        "Các bài mới đăng",
        *draw(st.lists(item_lines, max_size=5)),
        "Các bài đã đăng :",
        *draw(st.lists(item_lines, max_size=5)),
        "Bài viết Xem",
        "Viết bình luận",
        "Họ tên:(*)",
        "Số điện thoại:",
        "Tiêu đề:(*)",
        "Nội dung:(*)",
        "Mã xác nhận:\u00a0\u00a0\u00a0 \u00a0 Lấy lại mã bảo mật",
    ]


@st.composite
def partial_chrome(draw):
    """Any of the chrome's parts, in page order, in any of their spellings."""
    parts = [
        ["Các bài mới đăng", "CÁC BÀI MỚI ĐĂNG", "Các bài mới đăng:"],
        ["Các bài đã đăng :", "Các bài đã đăng", "các bài đã đăng:"],
        ["Bài viết Xem", "Bài viết\nXem", "BÀI VIẾT XEM"],
        ["Viết bình luận", "VIẾT BÌNH LUẬN"],
        ["Họ tên:(*)", "Họ tên: (*)", "Họ và tên:"],
        ["Số điện thoại:", "Số điện thoại"],
        ["Tiêu đề:(*)", "TIÊU ĐỀ:(*)"],
        ["Nội dung:(*)", "Nội dung (*):"],
        ["Mã xác nhận: Lấy lại mã bảo mật", "Mã xác nhận:\nLấy lại mã bảo mật"],
        ["Gửi Nhập lại", "Gửi bình luận"],
    ]
    lines = []
    for number, spellings in enumerate(parts):
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(spellings)))
            if number < 2:  # the two lists of neighbour items
                lines.extend(draw(st.lists(item_lines, max_size=3)))
    return lines


def assert_parses_into(notice, fields):
    assert notice.title == fields["title"]
    assert notice.published_at == fields["published_at"].replace(tzinfo=HANOI)
    assert notice.lead == fields["lead"]
    assert notice.paragraphs == fields["paragraphs"]
    assert notice.author == fields["author"]


any_paragraph = st.one_of(
    plain_sentences,
    label_like_lines,
    sentences(PLAIN_WORDS + CHROME_VOCABULARY),
    st.sampled_from(CHROME_TEXTS),
    item_lines,
)


@given(notices(any_paragraph), standard_chrome())
def test_any_body_followed_by_the_standard_chrome_comes_back_whole(article, chrome):
    text, fields = article

    notice = parse_notice(text + "\n".join(chrome))

    assert_parses_into(notice, fields)
    assert notice.warnings == ()


@given(notices(st.one_of(plain_sentences, label_like_lines)), partial_chrome())
def test_any_body_followed_by_any_part_of_the_chrome_comes_back_whole(article, chrome):
    text, fields = article

    notice = parse_notice(text + "\n".join(chrome))

    assert_parses_into(notice, fields)
    assert notice.warnings == ()


@given(notices(any_paragraph), standard_chrome(), plain_sentences, st.data())
def test_a_stray_line_anywhere_in_the_chrome_is_the_one_warning(article, chrome, stray, data):
    text, fields = article
    position = data.draw(st.integers(1, len(chrome)), label="position")
    chrome.insert(position, stray)

    notice = parse_notice(text + "\n".join(chrome))

    assert_parses_into(notice, fields)
    (warning,) = notice.warnings
    assert warning.line == text.count("\n") + position + 1
    assert stray[:40] in warning.message
