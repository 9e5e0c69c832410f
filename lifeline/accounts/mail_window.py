"""At most one account mail (confirmation, password reset) per address in a window.

Whatever the state of the account, and however often the form is posted, an
address gets one such mail per ACCOUNT_MAIL_WINDOW_MINUTES: nobody can use the
site to flood someone's mailbox. Kept in the cache (the database cache by
default, shared by every process), under a hash of the address, not the address.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def first_in_window(kind: str, address: str) -> bool:
    """True if no `kind` mail went to `address` within the window; records this one."""
    digest = hashlib.sha256(address.strip().lower().encode("utf-8")).hexdigest()
    seconds = settings.ACCOUNT_MAIL_WINDOW_MINUTES * 60
    # add() writes only if the key is absent or expired, atomically in every backend.
    return cache.add(f"account-mail:{kind}:{digest}", 1, timeout=seconds)
