"""Every URL pattern, public and admin, with hostile values in every part:
nothing answers 5xx (a 500 is also a mail to the admins: a mail-flood trigger).

Runs on SQLite in `make test` and on PostgreSQL in `make test-postgres`,
whose text columns refuse NUL characters and whose integers overflow at 2^63.
"""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from captcha.models import CaptchaStore
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from comments.models import Comment, FilterWord
from tests.helpers.clients import BrowserLikeClient
from tests.helpers.factories import make_article, make_category, make_comment, make_editor

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Values an attacker or a broken client sends, in query strings and form fields.
HOSTILE = [
    "",
    "\x00",
    "a\x00b",
    "9999-12-31",
    "0001-01-01",
    "31/12/9999",
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "NaN",
    "'\"><script>alert(1)</script>",
    "%",
    "../../etc/passwd",
    "x" * 5000,
    "Đại hội ✓",
    "１２３",
    "2020-02-30",
    "[]",
    "true",
]
# Each parameter alone gets these, percent-encoded.
EACH_PARAMETER = [
    quote(value) for value in ["9999-12-31", "0001-01-01", "99999999999999999999", "-1", "x" * 3000]
] + ["%ff%fe"]
# ...and as raw query-string bytes that are not UTF-8.
RAW_QUERIES = ["%ff%fe", "%c3%28", "%e2%82", "%ed%a0%80"]
# Parts of paths, for every converter or group of the URL patterns.
PATH_VALUES = ["0", "-1", "99999999999999999999", "abc", "1.5", "ý-kiến", "a" * 300, "%ff", "1/2"]
# Documented query parameters, for every page; the admin's own filters are
# read off its pages (the links of each list filter).
QUERY_NAMES = ["page", "q", "ngay", "chuyenmuc", "p", "o", "e", "all", "_changelist_filters",
               "_popup", "_to_field", "next", "started", "captcha_0", "term", "app_label",
               "model_name", "field_name"]  # fmt: skip
SKIPPED_NAMES = {"logout"}  # would end the editor's session mid-walk


@pytest.fixture
def world():
    section = make_category()
    article = make_article(category=section, title="Đại hội lần thứ XIII")
    pending = make_comment(article, ip_address="2001:db8::1", phone="+84912345678")
    make_comment(article, status=Comment.Status.APPROVED, title="Đã duyệt")
    word = FilterWord.objects.create(word="lừa đảo")
    editor = make_editor()
    return {
        "slug": [article.slug, section.slug],
        "article_id": [str(article.pk)],
        "object_id": [str(article.pk), str(pending.pk), str(word.pk), str(section.pk)],
        "id": [str(editor.pk)],
        "content_type_id": ["1"],
        "app_label": ["articles", "comments", "auth"],
        "key": [CaptchaStore.generate_key()],
        "url": ["khong-co"],
        "editor": editor,
    }


def url_templates():
    """(template, name) for every pattern, with {name} for each variable part."""

    def walk(patterns, prefix):
        for pattern in patterns:
            text = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, text)
            elif isinstance(pattern, URLPattern):
                yield to_template(text), pattern.name

    return sorted(set(walk(get_resolver().url_patterns, "")), key=str)


def to_template(pattern):
    template = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", pattern)
    template = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", template)
    return "/" + template.replace("^", "").replace("$", "").replace("\\", "")


def concrete_urls(world):
    """(url, canonical) for every pattern: canonical when each part is a real value."""
    for template, name in url_templates():
        if name in SKIPPED_NAMES:
            continue
        names = re.findall(r"{(\w+)}", template)
        choices = [[*world.get(part, []), *PATH_VALUES] for part in names]
        for number, values in enumerate(combinations(choices)):
            parts = {part: quote(v, safe="/%") for part, v in zip(names, values, strict=True)}
            url = template.format(**parts)
            try:
                resolve(urlsplit(url).path)
            except Resolver404:
                continue
            yield url, number == 0


def combinations(choices):
    """Each value of each part with the first value of the others: linear, not a product."""
    if not choices:
        yield ()
        return
    firsts = [values[0] for values in choices]
    seen = set()
    for index, values in enumerate(choices):
        for value in values:
            combination = tuple(firsts[:index] + [value] + firsts[index + 1 :])
            if combination not in seen:
                seen.add(combination)
                yield combination


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names = set()

    def handle_starttag(self, tag, attrs):
        for attr, value in attrs:
            if attr in {"href", "action"} and value and "?" in value:
                self.names.update(name for name, _ in parse_qsl(value.split("?", 1)[1]))
            if tag in {"input", "select", "textarea"} and attr == "name" and value:
                self.names.add(value)


def parameter_names(client, url):
    """The documented parameters, and those the page itself links or posts with."""
    response = client.get(url)
    parser = LinkParser()
    if response.get("Content-Type", "").startswith("text/html"):
        parser.feed(response.content.decode(errors="replace"))
    return sorted(set(QUERY_NAMES) | parser.names)


def assert_no_server_error(response, method, url):
    assert response.status_code < 500, f"{method} {url} answered {response.status_code}"


def walk_gets(client, urls):
    """Every URL as it is; on each pattern's real URL, every parameter alone
    with the values most likely to break it, then all of them at once with
    each hostile value (a product of all would take hours)."""
    for url, canonical in urls:
        assert_no_server_error(client.get(url), "GET", url)
        if not canonical:
            continue
        names = parameter_names(client, url)
        targets = [f"{url}?{name}={value}" for name in names for value in EACH_PARAMETER]
        targets += [f"{url}?{urlencode(dict.fromkeys(names, value))}" for value in HOSTILE]
        targets += [f"{url}?{'&'.join(f'{name}={raw}' for name in names)}" for raw in RAW_QUERIES]
        for target in targets:
            assert_no_server_error(client.get(target), "GET", target)


BODIES = [
    ("application/x-www-form-urlencoded", "name=%C4%90%E1%BA%A1i&content=x"),
    ("application/x-www-form-urlencoded; charset=ISO-8859-1", "name=%E9&content=x"),
    ("application/x-www-form-urlencoded; charset=utf-16", "n\x00a\x00m\x00e\x00=\x00"),
    ("application/x-www-form-urlencoded; charset=no-such-charset", "name=x"),
    ("application/x-www-form-urlencoded", "name=%00&title=%00&_selected_action=%00&action=%00"),
    ("application/x-www-form-urlencoded", "name=%ff%fe&content=%c3%28"),
    # A real bulk action on ticks that are no id (or no id the database holds).
    *(
        (
            "application/x-www-form-urlencoded",
            f"action={action}&"
            + "&".join(
                f"_selected_action={tick}"
                for tick in ["abc", "99999999999999999999", "-1", "1.5", "%EF%BC%91", "%20"]
            )
            + "&trang_mo_luc=nan",
        )
        for action in ["delete_selected", "approve", "reject"]
    ),
    ("application/x-www-form-urlencoded", "&".join(f"f{n}=1" for n in range(1500))),
    ("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data\r\n\r\nx"),
    ("multipart/form-data", "no boundary"),
    ("multipart/form-data; boundary=xyz; charset=utf-16", "--xyz--"),
    ("application/json", '{"name": "\\u0000"}'),
    ("text/plain", "\x00\xff"),
]


def walk_posts(client, urls):
    for url, _ in urls:
        for content_type, body in BODIES:
            data = body.encode("latin-1") if body.isascii() else body.encode("utf-8")
            response = client.generic("POST", url, data, content_type=content_type)
            assert_no_server_error(response, f"POST ({content_type})", url)


def test_no_public_url_answers_5xx_to_hostile_input(world):
    reader = BrowserLikeClient(raise_request_exception=False)
    urls = [(url, real) for url, real in concrete_urls(world) if not url.startswith("/quan-tri/")]

    walk_gets(reader, urls)
    walk_posts(reader, urls)

    assert mail.outbox == []


def test_no_admin_url_answers_5xx_to_an_editor_with_hostile_input(world):
    editor = BrowserLikeClient(raise_request_exception=False)
    editor.force_login(world["editor"])
    urls = [(url, real) for url, real in concrete_urls(world) if url.startswith("/quan-tri/")]

    walk_gets(editor, urls)
    walk_posts(editor, urls)

    assert mail.outbox == []


def test_the_walker_reaches_every_pattern(world):
    """Each pattern gives at least one URL that resolves (a pattern shadowed by
    another, such as the library's 2x captcha image, is walked as the URL the
    shadowing one answers)."""
    walked = {urlsplit(url).path for url, _ in concrete_urls(world)}
    for template, name in url_templates():
        if name in SKIPPED_NAMES:
            continue
        shape = re.compile(re.sub(r"\\{\w+\\}", ".+", re.escape(template)) + "$")
        assert any(shape.match(path) for path in walked), template
