"""Password reset mail: the request only queues it; a worker renders and sends it.

Django's reset views do the rest (the token, one use, expiry after
PASSWORD_RESET_TIMEOUT). An address gets at most one reset mail per
ACCOUNT_MAIL_WINDOW_MINUTES, and the same page whether or not it is known.
"""

from __future__ import annotations

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

from lifeline.accounts.mail_window import first_in_window
from lifeline.network import links


class QueuedPasswordResetForm(PasswordResetForm):
    def save(self, *args, **kwargs):
        from lifeline.network.tasks import send_password_reset

        email = self.cleaned_data["email"]
        ids = [user.pk for user in self.get_users(email)]
        if ids and first_in_window("password-reset", email):
            transaction.on_commit(lambda: [send_password_reset.enqueue(pk) for pk in ids])


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
    if user is None or not user.has_usable_password():
        return 0
    with get_connection(fail_silently=False) as connection:
        return connection.send_messages([reset_message(user)])
