"""Absolute links that go out in mail: the letter writer and the signed unsubscribe link."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from lifeline.cases.models import Case

UNSUBSCRIBE_SALT = "lifeline.network.unsubscribe"
CONFIRM_SALT = "lifeline.network.confirm"


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def write_url(case: Case) -> str:
    """The letter writer of `case`, as a link that works outside the site."""
    return absolute(reverse("actions:write", kwargs={"slug": case.slug}))


def unsubscribe_token(member_code) -> str:
    # No expiry: an unsubscribe link in a years-old mail must still work.
    return signing.dumps(str(member_code), salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(member_code) -> str:
    return unsubscribe_url_for(unsubscribe_token(member_code))


def unsubscribe_url_for(token: str) -> str:
    return absolute(reverse("network:unsubscribe", args=[token]))


def confirm_url(token: str) -> str:
    """The confirmation page of a token made by `signup.confirm_token`."""
    return absolute(reverse("network:confirm", args=[token]))


def read_token(token: str, salt: str, max_age=None) -> str | None:
    """The member code a token carries, or None when it is forged or expired."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
