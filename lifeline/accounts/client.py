"""The client address a request came from, for sign-in throttling and the appeal limits."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind SIGNIN_PROXY_COUNT proxies the address the outermost one saw;
    an IPv6 client is taken by its /64 (written as the network's first address).

    Each proxy appends the address it received the request from to
    X-Forwarded-For, so the trustworthy entry is the one that many places from
    the right; anything further left was written by the client and is not used.
    One home or phone usually holds a whole IPv6 /64: counting each of its
    addresses apart would let one client through any per-address limit.
    """
    raw = request.META.get("REMOTE_ADDR", "")
    proxies = settings.SIGNIN_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            raw = forwarded[-proxies]
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)
