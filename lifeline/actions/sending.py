"""Sending an appeal by email from the site, for a writer who confirmed their address.

    writer asks to send --> OutgoingAppeal(waiting) --> link to the writer's address
    writer follows the link (a form, then POST) --> address confirmed --> deliver()
    deliver(): waiting -> sending (conditional update) -> SMTP -> sent | failed

The email goes from the site's address, named for the writer, with the
writer's address as Reply-To, so the official's answer reaches them. A browser
that has confirmed an address, or a signed-in member whose account confirmed
it, may send appeals from it without a new link.

Limits, counted in the database so they hold on SQLite and across processes: a
few confirmation links per address per hour (the site must not be a way to
flood someone's inbox), a handful of appeals per address per hour, and one
email per address, document and official.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from dataclasses import dataclass
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lifeline.actions.appeals import record_appeal
from lifeline.actions.models import OutgoingAppeal, OutgoingState, SenderAddress
from lifeline.cases.models import Document, Target
from lifeline.letters import Letter
from lifeline.letters.render import email_body, letter_html

SENDS_PER_HOUR = 10
CONFIRMATIONS_PER_HOUR = 3
CONFIRMATION_MAX_AGE = dt.timedelta(days=2)
_SALT = "lifeline.actions.sending.confirm"
# The session remembers the one address this browser confirmed.
SESSION_KEY = "lifeline_confirmed_sender"

# Outcomes of `request_send` and `confirm`.
SENT = "sent"
CONFIRM = "confirm"  # a link went to the writer
LIMITED = "limited"
DUPLICATE = "duplicate"
FAILED = "failed"


@dataclass
class SendResult:
    outcome: str
    outgoing: OutgoingAppeal | None = None


class ConfirmationError(Exception):
    """A confirmation link that is broken, expired or for a message that is gone."""


def normalise(address: str) -> str:
    return address.strip().lower()


def request_send(
    *,
    document: Document,
    target: Target,
    to: str,
    letter: Letter,
    subject: str,
    sender: str,
    confirmed_here: bool,
    site_url: str,
) -> SendResult:
    """Queue `letter` for `to`, then send it or send the writer a confirmation link.

    `confirmed_here` says the writer has shown `sender` is theirs: their browser
    confirmed it before (see `SESSION_KEY`), or it is the confirmed address of
    the member signed in. `site_url` is the site's root URL for the link.
    """
    email = normalise(sender)
    now = timezone.now()
    with transaction.atomic():
        address, _ = SenderAddress.objects.get_or_create(email=email)
        # Lock the address row so two requests at once cannot both pass the limits.
        address = SenderAddress.objects.select_for_update().get(pk=address.pk)
        recent = address.outgoing.filter(created__gte=now - dt.timedelta(hours=1))
        if recent.count() >= SENDS_PER_HOUR:
            return SendResult(LIMITED)
        needs_link = not confirmed_here
        if confirmed_here and address.confirmed is None:
            # A member whose account confirmed this address: no second link.
            address.confirmed = now
            address.save(update_fields=["confirmed"])
        if needs_link and recent.exclude(confirmation_sent=None).count() >= CONFIRMATIONS_PER_HOUR:
            return SendResult(LIMITED)
        earlier = address.outgoing.filter(document=document, target=target).exclude(
            state=OutgoingState.FAILED
        )
        if twin := earlier.first():
            return SendResult(DUPLICATE, twin)
        try:
            with transaction.atomic():
                outgoing = OutgoingAppeal.objects.create(
                    sender=address,
                    document=document,
                    target=target,
                    to=to,
                    writer_name=letter.signature,
                    language=letter.language,
                    subject=" ".join(subject.split())[:300],
                    text=email_body(letter),
                    html=render_to_string(
                        "actions/email/appeal.html",
                        {"letter_html": letter_html(letter), "letter": letter, "subject": subject},
                    ),
                    confirmation_sent=now if needs_link else None,
                )
        except IntegrityError:
            return SendResult(DUPLICATE, earlier.first())
    if needs_link:
        try:
            _send_confirmation(outgoing, site_url)
        except (smtplib.SMTPException, OSError) as error:
            _failed(outgoing, error)
            return SendResult(FAILED, outgoing)
        return SendResult(CONFIRM, outgoing)
    return _delivered(outgoing)


def confirmation_token(outgoing: OutgoingAppeal) -> str:
    return signing.dumps(str(outgoing.code), salt=_SALT, compress=False)


def waiting_for(token: str) -> OutgoingAppeal:
    """The message a confirmation link is for. Raises `ConfirmationError`."""
    try:
        code = signing.loads(token, salt=_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ConfirmationError("expired") from error
    except signing.BadSignature as error:
        raise ConfirmationError("broken") from error
    outgoing = (
        OutgoingAppeal.objects.select_related("sender", "document__case", "target")
        .filter(code=code)
        .first()
    )
    if outgoing is None:
        raise ConfirmationError("gone")
    return outgoing


def confirm(token: str) -> SendResult:
    """Confirm the writer's address from a link and send the message it was for.

    Following the link twice sends once: the second time finds it sent.
    """
    outgoing = waiting_for(token)
    SenderAddress.objects.filter(pk=outgoing.sender_id, confirmed=None).update(
        confirmed=timezone.now()
    )
    if outgoing.state != OutgoingState.WAITING:
        return SendResult(outgoing.state, outgoing)
    return _delivered(outgoing)


def deliver(outgoing: OutgoingAppeal) -> bool:
    """Send a waiting message once, whoever calls; True when it is sent.

    The conditional update is the claim: of two callers one moves the row from
    waiting to sending and sends, the other sees 0 rows and leaves it.
    """
    claimed = OutgoingAppeal.objects.filter(pk=outgoing.pk, state=OutgoingState.WAITING).update(
        state=OutgoingState.SENDING
    )
    if not claimed:
        outgoing.refresh_from_db(fields=["state"])
        return outgoing.state == OutgoingState.SENT
    sender = outgoing.sender.email
    message = EmailMultiAlternatives(
        subject=outgoing.subject,
        body=outgoing.text,
        from_email=formataddr((f"{outgoing.writer_name} via Lifeline", _site_address())),
        to=[outgoing.to],
        reply_to=[sender],
    )
    message.attach_alternative(outgoing.html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        _failed(outgoing, error)
        return False
    outgoing.state, outgoing.sent = OutgoingState.SENT, timezone.now()
    outgoing.save(update_fields=["state", "sent"])
    record_appeal(
        key=outgoing.code,
        document=outgoing.document,
        target=outgoing.target,
        channel="email",
        language=outgoing.language,
        email=sender,
    )
    return True


def _failed(outgoing: OutgoingAppeal, error: Exception) -> None:
    # A failed row no longer blocks a new try (see the once-per-target constraint).
    outgoing.state, outgoing.error = OutgoingState.FAILED, f"{type(error).__name__}: {error}"
    outgoing.save(update_fields=["state", "error"])


def _delivered(outgoing: OutgoingAppeal) -> SendResult:
    return SendResult(SENT if deliver(outgoing) else FAILED, outgoing)


def _site_address() -> str:
    # DEFAULT_FROM_EMAIL may carry a display name; the writer's name replaces it.
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL


def _send_confirmation(outgoing: OutgoingAppeal, site_url: str) -> None:
    """The link to the writer: one function, three templates (subject, text, HTML)."""
    path = reverse("actions:confirm", kwargs={"token": confirmation_token(outgoing)})
    context = {
        "outgoing": outgoing,
        "url": site_url.rstrip("/") + path,
        "hours": int(CONFIRMATION_MAX_AGE.total_seconds() // 3600),
    }
    subject = render_to_string("actions/email/confirm_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("actions/email/confirm_body.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[outgoing.sender.email],
    )
    message.attach_alternative(
        render_to_string("actions/email/confirm_body.html", context), "text/html"
    )
    message.send()
