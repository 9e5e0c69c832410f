"""At most one account mail (confirmation, password reset) per address in a window,
and a few sign-ups per client.

Whatever the state of the account, and however often the form is posted, an
address gets one such mail per ACCOUNT_MAIL_WINDOW_MINUTES: nobody can use the
site to flood someone's mailbox. A row per address mailed within the window,
under a keyed hash (not the address); the unique key makes concurrent requests agree
on which one sends. Not the cache: it may evict entries early.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from lifeline.accounts.models import MailWindow

_SALT = "lifeline.accounts.mail_window"


def first_in_window(kind: str, address: str) -> bool:
    """True if no `kind` mail went to `address` within the window; records this one."""
    _forget_passed_windows()
    return _take(f"{kind}:{address.strip().lower()}")


def within_allowance(kind: str, who: str, allowance: int) -> bool:
    """True if `who` did `kind` fewer than `allowance` times within the window; records it.

    Slot n of `allowance` is one row under its own key, so the unique key counts
    for us and concurrent requests cannot both take the last slot. 0 = no limit.
    """
    if allowance <= 0:
        return True
    _forget_passed_windows()
    return any(_take(f"{kind}:{who}:{slot}") for slot in range(allowance))


def _take(name: str) -> bool:
    # Keyed with the site's secret: a plain hash of an address is found by hashing
    # a list of known addresses.
    key = salted_hmac(_SALT, name, algorithm="sha256").hexdigest()
    try:
        with transaction.atomic():
            MailWindow.objects.create(key=key, sent=timezone.now())
    except IntegrityError:
        return False
    return True


def _forget_passed_windows() -> None:
    """Once per call, not per slot: a sign-up tries up to `allowance` keys."""
    window = dt.timedelta(minutes=settings.ACCOUNT_MAIL_WINDOW_MINUTES)
    MailWindow.objects.filter(sent__lte=timezone.now() - window).delete()
