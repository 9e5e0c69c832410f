"""Members joining: creating them, and the double opt-in confirmation mail.

Nothing but the confirmation mail is ever sent to an address before its owner
follows the link in it: publishing selects only confirmed members.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from lifeline.network import links
from lifeline.network.models import Member


def username_for(email: str) -> str:
    """Users log in with their address; usernames are the address, lowercased."""
    return email.strip().lower()[:150]


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
    """A new member and their user; the caller sends the confirmation mail."""
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


def enqueue_confirmations(member_ids: list[int]) -> None:
    """Send confirmation mails from a worker once the current transaction commits."""
    from lifeline.network.tasks import send_confirmations

    ids = list(member_ids)
    batch = settings.NOTIFY_BATCH_SIZE

    def enqueue():
        for start in range(0, len(ids), batch):
            send_confirmations.enqueue(ids[start : start + batch])

    transaction.on_commit(enqueue)


def confirmation_message(member: Member) -> EmailMultiAlternatives:
    context = {"member": member, "confirm_url": links.confirm_url(member.code)}
    with translation.override(member.language):
        subject = " ".join(render_to_string("network/mail/confirm_subject.txt", context).split())
        text = render_to_string("network/mail/confirm.txt", context)
        html = render_to_string("network/mail/confirm.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [member.email])
    message.attach_alternative(html, "text/html")
    return message


def send_confirmation_mails(member_ids: list[int]) -> int:
    """Send the confirmation mail to the still unconfirmed among these members."""
    members = list(Member.objects.filter(pk__in=member_ids, confirmed__isnull=True))
    if not members:
        return 0
    with get_connection(fail_silently=False) as connection:
        return connection.send_messages([confirmation_message(member) for member in members])


def confirm(member: Member) -> bool:
    """Record that the address's owner confirmed; False if it was confirmed before."""
    return bool(
        Member.objects.filter(pk=member.pk, confirmed__isnull=True).update(
            confirmed=timezone.now(), unsubscribed=None
        )
    )
