import re
import time

import pytest
from captcha.models import CaptchaStore

from comments.forms import start_token
from tests.factories import make_article

CAPTCHA_KEY = re.compile(r'name="captcha_0" value="([0-9a-f]{40})"')


def captcha_key(html):
    return CAPTCHA_KEY.search(html).group(1)


def solve(key):
    """Read the answer the way a human reads the image: from the captcha store."""
    return CaptchaStore.objects.get(hashkey=key).response


@pytest.fixture
def captcha_pool(db):
    CaptchaStore.create_pool(10)


@pytest.fixture
def article(db):
    return make_article(title="Tập trung thực hiện tốt công tác tổ chức phục vụ Đại hội")


@pytest.fixture
def comment_data(client, article, captcha_pool):
    """What a reader types into the form on the article page, captcha solved."""

    def fill(**fields):
        key = captcha_key(client.get(article.get_absolute_url()).content.decode())
        return {
            "name": "Nguyễn Văn An",
            "phone": "0912 345 678",
            "title": "Góp ý về công tác chuẩn bị",
            "content": "Đề nghị thành phố công khai tiến độ.\r\nXin cảm ơn.",
            "captcha_0": key,
            "captcha_1": solve(key),
            # The form was shown a minute ago: the reader took time to write.
            "started": start_token(article, started_at=time.time() - 60),
            **fields,
        }

    return fill
