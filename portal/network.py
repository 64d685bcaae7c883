"""Who is asking: the client's address, as far as we can trust it."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or the address our own proxies saw when settings say
    DJANGO_TRUSTED_PROXY_COUNT proxies stand in front of the app (each
    appends the address it saw to X-Forwarded-For; anything further left
    was written by the client and proves nothing). None if not an address."""
    address = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")
        forwarded = [part.strip() for part in forwarded if part.strip()]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
