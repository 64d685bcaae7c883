import re

from captcha.models import CaptchaStore
from django.urls import reverse

from articles.models import Category
from comments import tokens

FORM_VALUE = {
    name: re.compile(rf'name="{name}" value="([^"]*)"')
    for name in ("captcha_0", "started", "csrfmiddlewaretoken")
}


def form_value(html, name):
    return FORM_VALUE[name].search(html).group(1)


def captcha_key(html):
    return form_value(html, "captcha_0")


def solve(key):
    """Read the answer the way a human reads the image: from the captcha store."""
    return CaptchaStore.objects.get(hashkey=key).response


def start_token_for(started, started_at):
    """The form's start token, as if the form had been shown at started_at."""
    shown = tokens.read(started)
    return tokens.issue(shown.article_id, shown.captcha_key, started_at).dumps()


def open_form(client, article, **meta):
    """What a reader's browser does: open the article (the page everyone
    shares, without captcha), start writing (the page's script fetches the
    form's session). Gives the session's captcha key and start token."""
    page = client.get(article.get_absolute_url(), **meta)
    assert page.status_code == 200
    assert 'name="captcha_0" value=""' in page.content.decode()
    session = client.get(
        reverse("comments:session", kwargs={"article_id": article.pk}),
        headers={"x-requested-with": "XMLHttpRequest"},
        **meta,
    )
    assert session.status_code == 200, session.content
    data = session.json()
    return {"captcha_0": data["key"], "started": data["started"]}


def article_form(**fields):
    """The admin's article form, filled as an editor fills it."""
    return {
        "title": "Đại hội Đảng bộ thành phố",
        "slug": "",
        "category": Category.objects.get(slug="chidaodieuhanh").pk,
        "status": "published",
        "published_at_0": "05/11/2020",
        "published_at_1": "13:01",
        "outlet_code": "HNP",
        "lead": "Sáng 5/11, Đại hội khai mạc.",
        "body": "Đoạn một.\r\n\r\nĐoạn hai.",
        "author": "Quốc Bảo",
        "image_caption": "",
        **fields,
    }
