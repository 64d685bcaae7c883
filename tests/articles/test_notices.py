import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from articles.notices import NoticeError, decode, parse_notice, read_notice
from tests.conftest import SEED_PATH

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


def test_non_utf8_bytes_are_reported_with_their_line(seed_bytes):
    # A notice saved in the old Windows code page for Vietnamese.
    windows_1258 = "Thông báo (13:01 14/11/2020)\nHNP - Thông báo".encode("cp1258")

    with pytest.raises(NoticeError) as raised:
        decode(windows_1258)

    assert raised.value.line == 1
    assert "không phải văn bản UTF-8" in str(raised.value)

    with pytest.raises(NoticeError) as raised:
        decode(seed_bytes.replace("Quốc Bảo".encode(), b"Qu\xe1c B\xe1o"))
    assert raised.value.line == seed_bytes[: seed_bytes.index("Quốc Bảo".encode())].count(b"\n") + 1


def test_binary_file_is_refused():
    with pytest.raises(NoticeError) as raised:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    assert "tệp nhị phân" in str(raised.value)
