"""Members joining: creating them, and confirming their address (double opt-in).

Nothing but the confirmation mail (queued by `postbox.confirmations`, written
by `mail.Composer`) is ever sent to an address before its owner follows the
link in it: publishing selects only confirmed members.

Whoever fills in the join form may not own the address, so joining sets no
password and the account cannot sign in: the owner of the mailbox chooses the
password on the confirmation page. The link in the mail carries a fingerprint
of the account's state (password and confirmation), so it works once, and it
expires after SIGNUP_CONFIRM_HOURS.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from lifeline.network import links
from lifeline.network.models import Member

# auth_user.username holds 150 characters; addresses may have 254.
USERNAME_LENGTH = 150


def username_for(email: str) -> str:
    """Users log in with their address; usernames are the address, lowercased.

    An address too long for the column keeps its beginning and ends with a hash
    of the whole, so two long addresses that start alike get different usernames.
    """
    address = email.strip().lower()
    if len(address) <= USERNAME_LENGTH:
        return address
    digest = hashlib.sha256(address.encode("utf-8")).hexdigest()[:40]
    return f"{address[: USERNAME_LENGTH - len(digest) - 1]}~{digest}"


def _state(member: Member) -> str:
    """A fingerprint of what confirming changes: a used link no longer matches."""
    value = f"{member.pk}|{member.user.password}|{member.confirmed}"
    return salted_hmac(links.CONFIRM_SALT, value, algorithm="sha256").hexdigest()[:32]


def confirm_token(member: Member) -> str:
    return signing.dumps([str(member.code), _state(member)], salt=links.CONFIRM_SALT, compress=True)


def member_for_token(token: str) -> Member | None:
    """The unconfirmed member a confirmation token is for; None if forged, expired or used."""
    max_age = settings.SIGNUP_CONFIRM_HOURS * 3600
    try:
        code, state = signing.loads(token, salt=links.CONFIRM_SALT, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    member = Member.objects.select_related("user").filter(code=code).first()
    if member is None or member.confirmed or not constant_time_compare(state, _state(member)):
        return None
    return member


def create_member(
    *,
    name,
    email,
    language="en",
    country="",
    address="",
    section=None,
    password=None,
    confirmed=False,
) -> Member:
    """A new member and their user; the caller queues the confirmation mail."""
    email = email.strip()
    user = get_user_model()(username=username_for(email), email=email, first_name=name[:150])
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return Member.objects.create(
        user=user,
        name=name,
        email=email,
        language=language,
        country=country.upper(),
        address=address,
        section=section,
        confirmed=timezone.now() if confirmed else None,
    )


def confirm(member: Member) -> bool:
    """Record that the address's owner confirmed; False if it was confirmed before."""
    return bool(
        Member.objects.filter(pk=member.pk, confirmed__isnull=True).update(
            confirmed=timezone.now(), unsubscribed=None
        )
    )


def confirm_with_password(token: str, password: str) -> Member | None:
    """Confirm the member of `token` and set the password its mailbox's owner chose.

    The token is checked again under a row lock, so of two posts of one link
    only the first confirms; the other gets None.
    """
    with transaction.atomic():
        member = member_for_token(token)
        if member is None:
            return None
        Member.objects.select_for_update().filter(pk=member.pk).first()
        member = member_for_token(token)
        if member is None or not confirm(member):
            return None
        member.user.set_password(password)
        member.user.save(update_fields=["password"])
        member.refresh_from_db()
        return member
