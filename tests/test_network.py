"""Limits count per client network: an IPv6 /64, an IPv4 address."""

import logging

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse

import portal.network
from comments.models import Comment
from portal.network import client_ip, client_network
from tests.helpers.clients import BrowserLikeClient
from tests.helpers.factories import make_article
from tests.helpers.forms import open_form, solve

ONE_SLASH_64 = [f"2001:db8:abcd:12::{host:x}" for host in range(1, 11)]


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("2001:db8:abcd:12::1", "2001:db8:abcd:12::/64"),
        ("2001:DB8:ABCD:12:ffff:ffff:ffff:ffff", "2001:db8:abcd:12::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7/32"),
        ("::ffff:cb00:7107", "203.0.113.7/32"),
        ("203.0.113.7", "203.0.113.7/32"),
        ("", ""),
        (None, ""),
        ("không phải địa chỉ", ""),
    ],
)
def test_client_network(address, network):
    assert client_network(address) == network


def test_prefixes_are_settings(settings):
    settings.CLIENT_IPV6_PREFIX, settings.CLIENT_IPV4_PREFIX = 48, 24

    assert client_network("2001:db8:abcd:12::1") == "2001:db8:abcd::/48"
    assert client_network("203.0.113.7") == "203.0.113.0/24"


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ("198.51.100.4", "198.51.100.4"),
        ("1.2.3.4, 198.51.100.4", "198.51.100.4"),  # the left part is the client's word
        ("::ffff:198.51.100.4", "198.51.100.4"),
        ("[2001:db8::5]", "2001:db8::5"),
    ],
)
def test_client_ip_behind_one_proxy(settings, forwarded, client):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_ip(request_from("10.0.0.1", forwarded)) == client


@pytest.mark.parametrize("forwarded", ["", "unknown", "1.2.3.4, garbage", "999.1.1.1", ", ,"])
def test_an_unreadable_forwarded_address_falls_back_to_the_proxys_peer_and_is_logged_once(
    settings, monkeypatch, caplog, forwarded
):
    settings.TRUSTED_PROXY_COUNT = 1
    monkeypatch.setattr(portal.network, "_reported_bad_forwarding", False)

    with caplog.at_level(logging.ERROR, logger="portal.network"):
        first = client_ip(request_from("203.0.113.50", forwarded))
        second = client_ip(request_from("203.0.113.51", forwarded))

    assert (first, second) == ("203.0.113.50", "203.0.113.51")  # not one shared bucket
    assert len(caplog.records) == 1
    assert "DJANGO_TRUSTED_PROXY_COUNT" in caplog.records[0].getMessage()


@pytest.mark.django_db
def test_ten_addresses_of_one_slash_64_are_one_client_for_the_flood_limit(settings):
    settings.COMMENT_RATE_LIMITS = [(3, 60)]
    article = make_article()

    statuses = [
        send_comment(article, address, f"Ý kiến số {n}") for n, address in enumerate(ONE_SLASH_64)
    ]

    assert statuses == [302, 302, 302] + [429] * 7
    assert Comment.objects.count() == 3
    assert set(Comment.objects.values_list("network", flat=True)) == {"2001:db8:abcd:12::/64"}
    assert send_comment(article, "2001:db8:abcd:13::1", "Mạng khác") == 302


@pytest.mark.django_db
def test_an_ipv4_mapped_address_is_the_ipv4_client(settings):
    settings.COMMENT_RATE_LIMITS = [(1, 60)]
    article = make_article()

    assert send_comment(article, "203.0.113.9", "Lần một") == 302
    assert send_comment(article, "::ffff:203.0.113.9", "Lần hai") == 429
    assert Comment.objects.get().ip_address == "203.0.113.9"


@pytest.mark.django_db
def test_duplicates_are_found_across_a_slash_64():
    article = make_article()

    assert send_comment(article, ONE_SLASH_64[0], "Đề nghị lắp đèn đường") == 302
    assert send_comment(article, ONE_SLASH_64[1], "Đề nghị lắp đèn đường") == 409


def send_comment(article, address, content):
    reader = BrowserLikeClient(REMOTE_ADDR=address)
    form = open_form(reader, article)
    data = {
        "name": "Lê Minh Châu",
        "title": "Góp ý",
        "content": content,
        "captcha_1": solve(form["captcha_0"]),
        **form,
    }
    return reader.post(
        reverse("comments:post", kwargs={"article_id": article.pk}), data
    ).status_code


@pytest.mark.django_db
def test_admin_login_lockout_counts_a_slash_64_as_one_client():
    User.objects.create_superuser("bientap", "bt@hanoi.gov.vn", "mat-khau-that-dung-2026")
    login = reverse("admin:login")

    statuses = [
        BrowserLikeClient(REMOTE_ADDR=address)
        .post(login, {"username": "bientap", "password": f"sai-{n}"})
        .status_code
        for n, address in enumerate(ONE_SLASH_64[:5])
    ]
    same_network = BrowserLikeClient(REMOTE_ADDR=ONE_SLASH_64[9]).post(
        login, {"username": "bientap", "password": "mat-khau-that-dung-2026"}
    )
    other_network = BrowserLikeClient(REMOTE_ADDR="2001:db8:abcd:99::1").post(
        login, {"username": "bientap", "password": "mat-khau-that-dung-2026", "next": "/quan-tri/"}
    )

    assert statuses == [200, 200, 200, 200, 429]
    assert same_network.status_code == 429
    assert other_network.status_code == 302
