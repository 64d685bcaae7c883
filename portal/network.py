"""Who is asking: the client's address, and the network that limits count against.

One IPv6 subscriber gets a whole /64 and can pick any of its 2^64 addresses
for each request, so per-address limits would count nothing: limits count per
network instead (IPv6 /64 and IPv4 /32 by default, both settings).
"""

import ipaddress
import logging

from django.conf import settings

logger = logging.getLogger(__name__)
_reported_bad_forwarding = False


def client_ip(request):
    """The client's address as a string, IPv4-mapped IPv6 written as IPv4.

    REMOTE_ADDR, or the address our own proxies saw when settings say
    DJANGO_TRUSTED_PROXY_COUNT proxies stand in front of the app (each
    appends the address it saw to X-Forwarded-For; anything further left
    was written by the client and proves nothing). A forwarded value that is
    not an address falls back to REMOTE_ADDR: it means the proxy setting is
    wrong, and sharing one bucket among all such clients would let one of
    them lock out the rest. None only when REMOTE_ADDR is not an address
    either (never under a real server).
    """
    remote = parse_ip(request.META.get("REMOTE_ADDR", ""))
    hops = settings.TRUSTED_PROXY_COUNT
    if not hops:
        return remote and str(remote)
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
    forwarded = [part for part in forwarded if part]
    seen = parse_ip(forwarded[-hops]) if len(forwarded) >= hops else None
    if seen is None:
        report_bad_forwarding(request.headers.get("X-Forwarded-For", ""))
        seen = remote
    return seen and str(seen)


def parse_ip(text):
    """An ip_address, IPv4-mapped IPv6 (::ffff:a.b.c.d) as IPv4; None if not one."""
    try:
        address = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def report_bad_forwarding(header):
    global _reported_bad_forwarding
    if _reported_bad_forwarding:
        return
    _reported_bad_forwarding = True
    logger.error(
        "X-Forwarded-For %r has no client address %d hop(s) from the right: check "
        "DJANGO_TRUSTED_PROXY_COUNT against the proxies in front. Using REMOTE_ADDR; "
        "this is reported once per process.",
        header[:200],
        settings.TRUSTED_PROXY_COUNT,
    )


def client_network(address):
    """The network limits count against: "2001:db8:1:2::/64", "203.0.113.7/32"."""
    parsed = parse_ip(address or "")
    if parsed is None:
        return ""
    prefix = settings.CLIENT_IPV6_PREFIX if parsed.version == 6 else settings.CLIENT_IPV4_PREFIX
    return str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False))


def network_address(request):
    """The first address of the client's network: what django-axes counts logins
    against, so that a /64 is one client there too."""
    network = client_network(client_ip(request))
    return network.split("/")[0] if network else None
