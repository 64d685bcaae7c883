import re

import pytest
from captcha.models import CaptchaStore

from comments import tokens
from tests.factories import make_article

FORM_VALUE = {
    name: re.compile(rf'name="{name}" value="([^"]*)"') for name in ("captcha_0", "started")
}


def form_value(html, name):
    return FORM_VALUE[name].search(html).group(1)


def captcha_key(html):
    return form_value(html, "captcha_0")


def solve(key):
    """Read the answer the way a human reads the image: from the captcha store."""
    return CaptchaStore.objects.get(hashkey=key).response


def start_token_for(html, started_at):
    """The page's own start token, as if the form had been shown at started_at."""
    shown = tokens.read(form_value(html, "started"))
    return tokens.issue(shown.article_id, shown.captcha_key, started_at).dumps()


@pytest.fixture
def article(db):
    return make_article(title="Tập trung thực hiện tốt công tác tổ chức phục vụ Đại hội")


@pytest.fixture
def comment_data(client, article):
    """What a reader types into the form on the article page, captcha solved.

    `started_at` (a time.time() value) pretends the form was shown then.
    """

    def fill(started_at=None, **fields):
        page = client.get(article.get_absolute_url()).content.decode()
        key = captcha_key(page)
        started = form_value(page, "started")
        if started_at is not None:
            started = start_token_for(page, started_at)
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
