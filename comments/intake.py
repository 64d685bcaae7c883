"""What a comment submission must be before its fields are even read."""

from urllib.parse import parse_qsl

from portal.text import vietnamese_number

from .models import CONTENT_MAX_LENGTH

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
# Name, phone, title, 5,000 characters of content, each Vietnamese letter
# up to 9 bytes once percent-encoded: far below this.
MAX_BODY_BYTES = 128 * 1024
MAX_FIELDS = 50


class Refusal(Exception):
    """A submission turned away with an HTTP status and a message for people."""

    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def check_request(request):
    """Refuse what no browser sends through the comment form."""
    if request.method != "POST":
        raise Refusal(
            405,
            "Ý kiến được gửi bằng biểu mẫu “Viết bình luận” dưới mỗi bài viết.",
            {"Allow": "POST"},
        )
    if request.content_type != FORM_CONTENT_TYPE:
        raise Refusal(415, "Dữ liệu gửi lên không đúng dạng của biểu mẫu bình luận.")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_BODY_BYTES + 1
    if length > MAX_BODY_BYTES:
        raise Refusal(
            413,
            f"Ý kiến quá dài. Nội dung có tối đa {vietnamese_number(CONTENT_MAX_LENGTH)} ký tự.",
        )
    try:
        parse_qsl(
            request.body.decode("utf-8"),
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except (UnicodeDecodeError, ValueError):
        raise Refusal(
            400, "Dữ liệu gửi lên không đọc được (không phải văn bản UTF-8 hợp lệ)."
        ) from None
