"""One captcha per form shown: never shared, never spoilt by another client,
new ones limited per network, and handed out at a cost that does not grow
with the captcha table."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from captcha.models import CaptchaStore
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments import throttle, tokens
from comments.models import Comment
from tests.helpers.clients import BrowserLikeClient
from tests.helpers.forms import captcha_key, form_value, open_form, solve
from tests.helpers.services import REDIS_TEST_DB, delete_redis_keys

pytestmark = pytest.mark.django_db

XHR = {"x-requested-with": "XMLHttpRequest"}


def post_url(article):
    return reverse("comments:post", kwargs={"article_id": article.pk})


def written(form, **fields):
    return {
        "name": "Phạm Thu Trang",
        "title": "Ý kiến về giao thông",
        "content": f"Đường Giải Phóng ùn tắc giờ cao điểm ({form['captcha_0'][:6]}).",
        **form,
        **fields,
        "captcha_1": fields.get("captcha_1") or solve(fields.get("captcha_0", form["captcha_0"])),
    }


def refresh(client, started, **meta):
    return client.get(reverse("captcha-refresh"), {"started": started}, headers=XHR, **meta)


def test_two_readers_at_once_get_captchas_of_their_own_and_both_post(article):
    first, second = BrowserLikeClient(), BrowserLikeClient()
    first_form, second_form = open_form(first, article), open_form(second, article)

    assert first_form["captcha_0"] != second_form["captcha_0"]
    assert first.post(post_url(article), written(first_form)).status_code == 302
    assert second.post(post_url(article), written(second_form)).status_code == 302
    assert Comment.objects.count() == 2


def test_every_page_view_hands_out_a_new_captcha(client, article):
    keys = {open_form(client, article)["captcha_0"] for _ in range(20)}

    assert len(keys) == 20
    assert CaptchaStore.objects.filter(hashkey__in=keys).count() == 20


def test_no_javascript_refresh_cannot_discard_someone_elses_captcha(article):
    victim, attacker = BrowserLikeClient(), BrowserLikeClient()
    victims_form = open_form(victim, article)
    attackers_form = open_form(attacker, article)

    # The attacker sends the victim's key with a form of their own...
    spoil = {**attackers_form, "captcha_0": victims_form["captcha_0"], "captcha_refresh": "1"}
    assert attacker.post(post_url(article), spoil).status_code == 200
    # ...and answers it wrongly, which would use a captcha up.
    wrong = written(attackers_form, captcha_0=victims_form["captcha_0"], captcha_1="2")
    assert attacker.post(post_url(article), wrong).status_code == 400

    assert CaptchaStore.objects.filter(hashkey=victims_form["captcha_0"]).exists()
    assert victim.post(post_url(article), written(victims_form)).status_code == 302


def test_refresh_endpoints_discard_only_the_forms_own_captcha(client, article):
    other_reader = open_form(BrowserLikeClient(), article)
    form = open_form(client, article)

    response = client.post(post_url(article), {**written(form), "captcha_refresh": "1"})

    assert response.status_code == 200
    assert not CaptchaStore.objects.filter(hashkey=form["captcha_0"]).exists()
    assert CaptchaStore.objects.filter(hashkey=other_reader["captcha_0"]).exists()
    page = response.content.decode()
    assert captcha_key(page) != form["captcha_0"]
    # The form keeps its clock: a new captcha does not restart the minimum time.
    shown_again = tokens.read(form_value(page, "started"))
    assert shown_again.started_at == tokens.read(form["started"]).started_at


def test_a_forged_token_cannot_name_someone_elses_captcha(client, article):
    victims_form = open_form(BrowserLikeClient(), article)
    forged = tokens.issue(article.pk, victims_form["captcha_0"]).dumps()[:-3] + "abc"

    response = refresh(client, forged)

    assert response.status_code == 400
    assert "Biểu mẫu đã cũ" in response.json()["error"]
    assert CaptchaStore.objects.filter(hashkey=victims_form["captcha_0"]).exists()


def test_javascript_refresh_then_post_with_the_new_captcha(client, article):
    form = open_form(client, article)

    fresh = refresh(client, form["started"]).json()
    form = {"captcha_0": fresh["key"], "started": fresh["started"]}

    assert client.post(post_url(article), written(form)).status_code == 302
    assert Comment.objects.get().content.startswith("Đường Giải Phóng")


# Half a minute into a minute's window: the limits count in fixed windows.
HALF_A_MINUTE_IN = datetime(2026, 12, 2, 9, 15, 30, tzinfo=UTC)


def test_refresh_is_limited_per_network(settings, article, time_machine):
    time_machine.move_to(HALF_A_MINUTE_IN, tick=False)
    settings.CAPTCHA_REFRESH_LIMIT = (10, 60)
    reader = BrowserLikeClient(REMOTE_ADDR="2001:db8:7:1::1")
    started = open_form(reader, article)["started"]
    before = CaptchaStore.objects.count()

    statuses = []
    for host in range(1, 16):  # fifteen addresses of one /64
        response = refresh(reader, started, REMOTE_ADDR=f"2001:db8:7:1::{host:x}")
        statuses.append(response.status_code)
        if response.status_code == 200:
            started = response.json()["started"]

    assert statuses == [200] * 10 + [429] * 5
    assert response["Retry-After"] == "30"  # the rest of the window
    assert "Vui lòng dùng mã đang có" in response.json()["error"]
    # Each refresh replaced a captcha: the table did not grow at all.
    assert CaptchaStore.objects.count() == before
    other_network = refresh(reader, started, REMOTE_ADDR="2001:db8:7:2::1")
    assert other_network.status_code == 200


@pytest.fixture(params=["database", "redis"])
def counted_in(request, settings):
    """Where the counts live: the database, or Redis (with REDIS_URL) in
    the suite's own Redis database, under keys of this test alone."""
    if request.param == "redis":
        prefix = f"test-{uuid.uuid4().hex}"
        settings.REDIS_URL = REDIS_TEST_DB
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_TEST_DB,
                "KEY_PREFIX": prefix,
            }
        }
        yield request.param
        delete_redis_keys(prefix)
    else:
        settings.REDIS_URL = ""
        yield request.param


def test_throttle_counts_each_use_and_starts_again_in_the_next_window(counted_in):
    limit = throttle.Limit(3, 60)
    start = 1_800_000_000.0  # the start of a window

    waits = [throttle.hit("captcha:198.51.100.9/32", limit, now=start + 10) for _ in range(5)]
    next_window = throttle.hit("captcha:198.51.100.9/32", limit, now=start + 60)

    assert waits == [0, 0, 0, 50, 50]
    assert next_window == 0
    assert throttle.hit("captcha:198.51.100.10/32", limit, now=start + 10) == 0


def test_no_javascript_refresh_over_the_limit_keeps_the_captcha_and_the_text(
    settings, client, article, time_machine
):
    time_machine.move_to(HALF_A_MINUTE_IN, tick=False)
    settings.CAPTCHA_REFRESH_LIMIT = (1, 60)
    form = open_form(client, article)
    page = client.post(post_url(article), {**written(form), "captcha_refresh": "1"})
    form = {
        "captcha_0": captcha_key(page.content.decode()),
        "started": form_value(page.content.decode(), "started"),
    }

    response = client.post(post_url(article), {**written(form), "captcha_refresh": "1"})

    assert response.status_code == 429
    assert response["Retry-After"]
    html = response.content.decode()
    assert "Bạn đã lấy mã xác nhận mới nhiều lần liên tiếp." in html
    assert captcha_key(html) == form["captcha_0"]  # the captcha it had, still good
    assert 'value="Phạm Thu Trang"' in html
    assert "Đường Giải Phóng ùn tắc giờ cao điểm" in html
    assert client.post(post_url(article), written(form)).status_code == 302


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_handing_out_and_checking_captchas_never_scans_the_captcha_table(client, article):
    CaptchaStore.objects.bulk_create(
        CaptchaStore(
            challenge="23456",
            response="23456",
            hashkey=f"{number:040x}",
            expiration=timezone.now() + timedelta(minutes=number % 300 - 100),
        )
        for number in range(3000)
    )
    with CaptureQueriesContext(connection) as queries:
        form = open_form(client, article)
        client.post(post_url(article), written(form))
        refresh(client, open_form(client, article)["started"])

    touching = [q["sql"] for q in queries.captured_queries if "captcha_captchastore" in q["sql"]]
    assert any(sql.startswith("DELETE") for sql in touching)
    for sql in touching:
        if sql.startswith("INSERT"):
            continue
        with connection.cursor() as cursor:
            plan = " ".join(str(row) for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "SCAN captcha_captchastore" not in plan, (sql, plan)


def test_expired_captchas_and_old_counts_are_cleaned(client, article, time_machine):
    from django.core.management import call_command

    from comments.models import RateCount

    form = open_form(client, article)
    refresh(client, form["started"])
    time_machine.move_to(timezone.now() + timedelta(days=2))
    still_fresh = CaptchaStore.generate_key()

    call_command("clean_captchas", verbosity=0)

    assert list(CaptchaStore.objects.values_list("hashkey", flat=True)) == [still_fresh]
    assert RateCount.objects.count() == 0


def test_start_token_names_the_forms_captcha(client, article, time_machine):
    time_machine.move_to(HALF_A_MINUTE_IN, tick=False)
    form = open_form(client, article)

    started = tokens.read(form["started"], article.pk)

    assert started.captcha_key == form["captcha_0"]
    assert started.started_at == HALF_A_MINUTE_IN.timestamp()
