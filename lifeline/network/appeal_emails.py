"""Appeal emails: the site sends an appeal to an official for a writer who confirmed
their address. This module only queues; the outbox's workers send (`network.sending`).

    writer asks to send --> OutgoingAppeal(waiting) + the link to the writer, queued
    writer follows the link (a form, then POST) --> address confirmed --> queue()
    queue(): waiting -> sending (conditional update) + the email queued, in one transaction
    a worker sends it --> sent (and the appeal is counted) | failed, after its retries

The email goes from the site's address, named for the writer, with the
writer's address as Reply-To, so the official's answer reaches them. A browser
that has confirmed an address, or a signed-in member whose account confirmed
it, may send appeals from it without a new link.

Limits, counted in the database so they hold on SQLite and across processes
(settings, see docs/security.md): a few confirmation links per address per hour
(the site must not be a way to flood someone's inbox); a handful of appeals per
address, per client network address and per sender mail domain per hour (a
catch-all domain gives one person any number of addresses; the big shared mail
providers are exempt from the domain limit); a ceiling on the emails one
official receives through the site per case and per day, whoever asks; and one
email per address, document and official.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lifeline.actions.models import (
    CONFIRMATION_MAX_AGE,
    CONFIRMATION_SALT,
    OutgoingAppeal,
    OutgoingState,
    SenderAddress,
)
from lifeline.cases.models import Document, Target
from lifeline.letters import Letter
from lifeline.letters.render import email_body, letter_html
from lifeline.lib import emails
from lifeline.network import postbox
from lifeline.network.models import MailKind

# The session remembers the one address this browser confirmed.
SESSION_KEY = "lifeline_confirmed_sender"

# Outcomes of `request_send` and `confirm`.
QUEUED = "queued"  # the email is in the outbox, on its way
SENT = "sent"  # it went before (a link followed again)
CONFIRM = "confirm"  # a link to the writer is on its way
LIMITED = "limited"
DUPLICATE = "duplicate"
FAILED = "failed"  # it could not be sent (a link followed after the failure)


@dataclass
class SendResult:
    outcome: str
    outgoing: OutgoingAppeal | None = None
    # For LIMITED: which limit, in words for the writer.
    reason: str = ""


HOUR, DAY = dt.timedelta(hours=1), dt.timedelta(days=1)


def _limits() -> list[tuple[str, str, dt.timedelta, str]]:
    """(setting, what it counts, window, what the writer is told), checked in order."""
    return [
        (
            "APPEAL_EMAILS_PER_ADDRESS_PER_HOUR",
            "address",
            HOUR,
            _("This address has asked us to send many emails in the last hour."),
        ),
        (
            "APPEAL_EMAILS_PER_CLIENT_PER_HOUR",
            "client",
            HOUR,
            _("Many emails were asked for from your network address in the last hour."),
        ),
        (
            "APPEAL_EMAILS_PER_DOMAIN_PER_HOUR",
            "domain",
            HOUR,
            _("Many emails were asked for from addresses at %(domain)s in the last hour."),
        ),
        (
            "APPEAL_EMAILS_PER_OFFICIAL_PER_CASE_PER_DAY",
            "official_case",
            DAY,
            _("%(official)s has received many emails about this case through this site today."),
        ),
        (
            "APPEAL_EMAILS_PER_OFFICIAL_PER_DAY",
            "official",
            DAY,
            _("%(official)s has received many emails through this site today."),
        ),
    ]


def _over_limit(
    *, address: SenderAddress, document: Document, target: Target, client: str, now: dt.datetime
) -> str:
    """Why a new email would break a limit, or "" when none is reached."""
    domain = _domain(address.email)
    counted = OutgoingAppeal.objects.exclude(state=OutgoingState.FAILED)
    scopes = {
        "address": Q(sender=address),
        "client": Q(client=client) if client else None,
        "domain": None if domain in _shared_domains() else Q(domain=domain),
        "official_case": Q(target=target, document__case_id=document.case_id),
        "official": Q(target=target),
    }
    official = target.display_name
    for setting, scope, window, reason in _limits():
        limit = getattr(settings, setting)
        if scopes[scope] is None or limit <= 0:
            continue
        if counted.filter(scopes[scope], created__gte=now - window).count() >= limit:
            return str(reason) % {"domain": domain, "official": official}
    return ""


# Second-level labels under which a country's domains are registered (example.co.uk).
_SECOND_LEVEL = {"ac", "co", "com", "edu", "go", "gob", "gov", "ne", "net", "or", "org"}


def _domain(email: str) -> str:
    """The registered domain of `email`'s address: a wildcard domain hands out any
    number of subdomains as freely as addresses, so the limit counts them as one.
    Two labels (example.com), three under a country's second level (example.co.uk)."""
    labels = [label for label in email.rpartition("@")[2].lower().split(".") if label]
    keep = 2
    if len(labels) > 2 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        keep = 3
    return ".".join(labels[-keep:])


def _shared_domains() -> set[str]:
    return {domain.lower() for domain in settings.APPEAL_EMAIL_SHARED_DOMAINS}


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
    client: str = "",
) -> SendResult:
    """Queue `letter` for `to`, or, first, the link that confirms the writer's address.

    `confirmed_here` says the writer has shown `sender` is theirs: their browser
    confirmed it before (see `SESSION_KEY`), or it is the confirmed address of
    the member signed in. `site_url` is the site's root URL for the link;
    `client` the hash of the client's network address (see `actions.clients`).
    """
    email = normalise(sender)
    now = timezone.now()
    with transaction.atomic():
        address, _created = SenderAddress.objects.get_or_create(email=email)
        # Lock the official's row, then the address's, so two requests at once
        # cannot both pass the limits (always in this order: no deadlock).
        Target.objects.select_for_update().filter(pk=target.pk).first()
        address = SenderAddress.objects.select_for_update().get(pk=address.pk)
        if reason := _over_limit(
            address=address, document=document, target=target, client=client, now=now
        ):
            return SendResult(LIMITED, reason=reason)
        recent = address.outgoing.filter(created__gte=now - HOUR)
        needs_link = not confirmed_here
        if confirmed_here and address.confirmed is None:
            # A member whose account confirmed this address: no second link.
            address.confirmed = now
            address.save(update_fields=["confirmed"])
        links = settings.APPEAL_CONFIRMATIONS_PER_ADDRESS_PER_HOUR
        if needs_link and recent.exclude(confirmation_sent=None).count() >= links:
            return SendResult(
                LIMITED,
                reason=_("We have sent this address several confirmation links in the last hour."),
            )
        earlier = address.outgoing.filter(document=document, target=target).exclude(
            state=OutgoingState.FAILED
        )
        if twin := earlier.first():
            return SendResult(DUPLICATE, twin)
        written = _written(letter, subject)
        try:
            with transaction.atomic():
                outgoing = OutgoingAppeal.objects.create(
                    sender=address,
                    document=document,
                    target=target,
                    to=to,
                    writer_name=letter.signature,
                    language=letter.language,
                    subject=written.subject[:300],
                    text=written.text,
                    html=written.html,
                    confirmation_sent=now if needs_link else None,
                    client=client,
                    domain=_domain(email),
                )
        except IntegrityError:
            return SendResult(DUPLICATE, earlier.first())
        if needs_link:
            _queue_link(outgoing, site_url)
            return SendResult(CONFIRM, outgoing)
        return _queued(outgoing)


def _written(letter: Letter, subject: str) -> emails.Rendered:
    """The email as it will go: the letter as text, and in HTML in the letter's direction."""
    context = {
        "subject": subject,
        "text": email_body(letter),
        "letter": letter,
        "letter_html": letter_html(letter),
    }
    return emails.render("appeal", context, letter.language)


def waiting_for(token: str) -> OutgoingAppeal:
    """The message a confirmation link is for. Raises `ConfirmationError`."""
    try:
        code = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
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
    # Counted from the asking, not from the signing: a link whose mail was retried for
    # a while must not outlive the time after which retention blanks a waiting email.
    if outgoing.created < timezone.now() - CONFIRMATION_MAX_AGE:
        raise ConfirmationError("expired")
    return outgoing


def confirm(token: str) -> SendResult:
    """Confirm the writer's address from a link and queue the message it was for.

    Following the link twice queues once: the second time finds it queued or sent.
    """
    outgoing = waiting_for(token)
    with transaction.atomic():
        SenderAddress.objects.filter(pk=outgoing.sender_id, confirmed=None).update(
            confirmed=timezone.now()
        )
        if outgoing.state != OutgoingState.WAITING:
            return _already(outgoing)
        return _queued(outgoing)


def queue(outgoing: OutgoingAppeal) -> bool:
    """Queue a waiting message once, whoever calls; True when this call queued it.

    The conditional update is the claim: of two callers one moves the row from
    waiting to sending and queues the email in the same transaction, the other
    sees 0 rows and leaves it. From then on the outbox's row decides its state.
    """
    with transaction.atomic():
        claimed = OutgoingAppeal.objects.filter(pk=outgoing.pk, state=OutgoingState.WAITING).update(
            state=OutgoingState.SENDING
        )
        if claimed:
            postbox.post(MailKind.APPEAL, appeal=outgoing, to=outgoing.to)
    outgoing.refresh_from_db(fields=["state", "sent", "error"])
    return bool(claimed)


def _queued(outgoing: OutgoingAppeal) -> SendResult:
    return SendResult(QUEUED, outgoing) if queue(outgoing) else _already(outgoing)


def _already(outgoing: OutgoingAppeal) -> SendResult:
    """What became of a message queued before: on its way, sent, or failed."""
    outcomes: dict[str, str] = {OutgoingState.SENT: SENT, OutgoingState.SENDING: QUEUED}
    return SendResult(outcomes.get(outgoing.state, FAILED), outgoing)


def _queue_link(outgoing: OutgoingAppeal, site_url: str) -> None:
    """Queue the link to the writer, in the language of the page they asked from.

    The link itself, which confirms and sends, is signed when its mail is written
    (`network.mail`): the outbox keeps no secrets.
    """
    postbox.post(
        MailKind.APPEAL_LINK,
        appeal=outgoing,
        to=outgoing.sender.email,
        context={"site_url": site_url.rstrip("/"), "language": translation.get_language()},
    )
