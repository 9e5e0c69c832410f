"""At most one account mail (confirmation, password reset) per address in a window.

Whatever the state of the account, and however often the form is posted, an
address gets one such mail per ACCOUNT_MAIL_WINDOW_MINUTES: nobody can use the
site to flood someone's mailbox. A row per address mailed within the window,
under a hash (not the address); the unique key makes concurrent requests agree
on which one sends. Not the cache: it may evict entries early.
"""

import datetime as dt
import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from lifeline.accounts.models import MailWindow


def first_in_window(kind: str, address: str) -> bool:
    """True if no `kind` mail went to `address` within the window; records this one."""
    key = hashlib.sha256(f"{kind}:{address.strip().lower()}".encode()).hexdigest()
    now = timezone.now()
    window = dt.timedelta(minutes=settings.ACCOUNT_MAIL_WINDOW_MINUTES)
    MailWindow.objects.filter(sent__lte=now - window).delete()
    try:
        with transaction.atomic():
            MailWindow.objects.create(key=key, sent=now)
    except IntegrityError:
        return False
    return True
