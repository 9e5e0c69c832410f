"""Password reset mail: the request only queues it; a worker renders and sends it.

Django's reset views do the rest (the token, one use, expiry after
PASSWORD_RESET_TIMEOUT); a member with no password yet chooses their first one
this way (`may_reset`). An address gets at most one reset mail per
ACCOUNT_MAIL_WINDOW_MINUTES, and the same page whether or not it is known.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from lifeline.accounts.mail_window import first_in_window
from lifeline.network import links
from lifeline.network.models import Member


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
            transaction.on_commit(lambda: [send_password_reset.enqueue(pk) for pk in ids])


def _same(one: str, other: str) -> bool:
    return _folded(one) == _folded(other)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def reset_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return links.absolute(reverse("network:password_reset_confirm", args=[uid, token]))


def reset_message(user) -> EmailMultiAlternatives:
    member = getattr(user, "member", None)
    language = member.language if member else settings.LANGUAGE_CODE
    context = {"user": user, "member": member, "reset_url": reset_url(user)}
    with translation.override(language):
        subject = " ".join(render_to_string("network/mail/reset_subject.txt", context).split())
        text = render_to_string("network/mail/reset.txt", context)
    return EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])


def send_reset_mail(user_id: int) -> int:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not may_reset(user):
        return 0
    with get_connection(fail_silently=False) as connection:
        return connection.send_messages([reset_message(user)])


# The worker's task lives here, not in tasks.py: tasks.py would import this module
# and this one tasks.py, a circle of imports.
@task()
def send_password_reset(user_id: int) -> int:
    """Send a password reset link to this user (run by `lifeline worker`)."""
    return send_reset_mail(user_id)
