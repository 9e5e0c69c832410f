"""Who is asking, as far as limits and counts need to know: the client's network
address and the browser, each kept only as a keyed hash.

Rate limits count rows per client address; the case page counts an anonymous
writer's appeals once per browser. Neither needs the address or the cookie
itself, so the database holds an HMAC of them keyed with the site's secret
key: without that key a row gives away neither the address nor the cookie.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

from lifeline.accounts.client import client_ip

BROWSER_COOKIE = "lifeline_browser"
_BROWSER_SALT = "lifeline.actions.clients.browser"
_CLIENT_SALT = "lifeline.actions.clients.address"
# A browser keeps its id for a year; counts only need it while a case is open.
BROWSER_MAX_AGE = 365 * 24 * 3600


def client_address(request) -> str:
    """The client's network address, as sign-in throttling reads it
    (`lifeline.accounts.client.client_ip`: an IPv6 client by its /64)."""
    return client_ip(request)[:64]


def client_hash(request) -> str:
    return _hash(_CLIENT_SALT, client_address(request))


def browser_id(request) -> str:
    """The random id this browser was given (see `remember_browser`), or ""."""
    try:
        return request.get_signed_cookie(
            BROWSER_COOKIE, default="", salt=_BROWSER_SALT, max_age=BROWSER_MAX_AGE
        )
    except signing.BadSignature:
        return ""


def remember_browser(request, response) -> None:
    """Give a browser that has none a random id, in a signed cookie of its own."""
    if browser_id(request):
        return
    response.set_signed_cookie(
        BROWSER_COOKIE,
        uuid.uuid4().hex,
        salt=_BROWSER_SALT,
        max_age=BROWSER_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def browser_hash(request) -> str:
    """The key an anonymous appeal is counted under: the browser's id, or, for a
    client that sends no valid cookie (a script, say), its network address, so
    throwing the cookie away does not make a new writer."""
    found = browser_id(request)
    return _hash(_BROWSER_SALT, found) if found else "a:" + client_hash(request)[:62]


def _hash(salt: str, value: str) -> str:
    return salted_hmac(salt, value, algorithm="sha256").hexdigest()
