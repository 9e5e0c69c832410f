"""The client address a request came from, for sign-in throttling."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind SIGNIN_PROXY_COUNT proxies the address the outermost one saw.

    Each proxy appends the address it received the request from to
    X-Forwarded-For, so the trustworthy entry is the one that many places from
    the right; anything further left was written by the client and is not used.
    """
    proxies = settings.SIGNIN_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
