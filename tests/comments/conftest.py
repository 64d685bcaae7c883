import pytest

from tests.helpers.factories import make_article
from tests.helpers.forms import open_form, solve, start_token_for


@pytest.fixture
def article(db):
    return make_article(title="Tập trung thực hiện tốt công tác tổ chức phục vụ Đại hội")


@pytest.fixture
def comment_data(client, article):
    """What a reader types into the form on the article page, captcha solved.

    `started_at` (a time.time() value) pretends the form was shown then.
    """

    def fill(started_at=None, **fields):
        form = open_form(client, article)
        key, started = form["captcha_0"], form["started"]
        if started_at is not None:
            started = start_token_for(started, started_at)
        return {
            "name": "Nguyễn Văn An",
            "phone": "0912 345 678",
            "title": "Góp ý về công tác chuẩn bị",
            "content": "Đề nghị thành phố công khai tiến độ.\r\nXin cảm ơn.",
            "captcha_0": key,
            "captcha_1": solve(key),
            "started": started,
            **fields,
        }

    return fill
