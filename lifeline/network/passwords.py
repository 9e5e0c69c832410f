"""Password reset mail: the request only queues it in the outbox; a worker writes
the link (`mail.Composer`) and sends it.

Django's reset views do the rest (the token, one use, expiry after
PASSWORD_RESET_TIMEOUT); a member with no password yet chooses their first one
this way (`may_reset`). An address gets at most one reset mail per
ACCOUNT_MAIL_WINDOW_MINUTES, and the same page whether or not it is known.
"""

from __future__ import annotations

import unicodedata

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm

from lifeline.accounts.mail_window import first_in_window
from lifeline.network import postbox
from lifeline.network.models import MailKind, Member


def may_reset(user) -> bool:
    """Django resets only usable passwords; a member without one may choose one too.

    A member a section imported as confirmed has no password, nor has one whose
    confirmation mail was lost: the link in their mailbox proves the address is
    theirs, as the confirmation link does (confirming them, see the view).
    """
    return user.has_usable_password() or Member.objects.filter(user_id=user.pk).exists()


class QueuedPasswordResetForm(PasswordResetForm):
    def get_users(self, email):
        """Django's, but members without a password yet too (`may_reset`)."""
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        # As Django checks too: the database's case folding is looser than Unicode's.
        return (user for user in users if _same(email, user.email) and may_reset(user))

    def save(self, *args, **kwargs):
        email = self.cleaned_data["email"]
        ids = [user.pk for user in self.get_users(email)]
        if ids and first_in_window("password-reset", email):
            for pk in ids:
                postbox.post(MailKind.RESET, user_id=pk)


def _same(one: str, other: str) -> bool:
    return _folded(one) == _folded(other)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()
