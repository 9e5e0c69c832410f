"""Time-based retention: what the site no longer needs about writers goes.

Run by `lifeline worker` (every `--purge-every` seconds, an hour by default) and
by `lifeline purge`.
Each step is one or two idempotent updates, so two workers purging at once do
no harm, and a step that finds nothing to do costs one indexed query.

- An appeal email's text, HTML and writer's name (the letter, with the writer's
  own words and postal address) are blanked `APPEAL_EMAIL_TEXT_KEEP_DAYS` after
  it was sent or failed. The row stays: it is the "one email per address,
  document and official" check, and `network.news` reads it to know that an
  appeal's email was given for the official's reply, not for news.
- A sender address not used for `SENDER_ADDRESS_KEEP_DAYS`, of a writer with no
  account (an account's address goes with the account), is deleted with its
  appeal emails; the appeals those emails recorded lose the copy of the address.
- The keyed hashes of client network addresses on appeals and appeal emails,
  and the sender's mail domain on appeal emails, are blanked after
  `CLIENT_HASH_KEEP_HOURS`: they only serve the rate limits, whose windows are
  an hour or a day. The browser hash on anonymous appeals is kept: the public
  counts take an anonymous writer's appeals once per browser, official and
  channel (`actions.appeals.counted`), and a blank browser counts each appeal,
  so blanking it would inflate the counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce, Greatest, Lower
from django.utils import timezone

from lifeline.actions.models import (
    CONFIRMATION_MAX_AGE,
    Appeal,
    OutgoingAppeal,
    OutgoingState,
    SenderAddress,
)
from lifeline.network.models import Member


@dataclass
class Purged:
    """How many rows each step changed (or would change, in a dry run)."""

    appeal_email_texts: int = 0
    sender_addresses: int = 0
    appeal_emails_of_those_addresses: int = 0
    appeal_client_hashes: int = 0
    appeal_email_client_hashes: int = 0

    def lines(self, dry_run: bool = False) -> list[str]:
        blanked, deleted = ("to blank", "to delete") if dry_run else ("blanked", "deleted")
        labels = {
            "appeal_email_texts": f"appeal emails: text and writer's name {blanked}",
            "sender_addresses": f"sender addresses (no account, unused) {deleted}",
            "appeal_emails_of_those_addresses": f"appeal emails of those addresses {deleted}",
            "appeal_client_hashes": f"appeals: client address hash {blanked}",
            "appeal_email_client_hashes": (
                f"appeal emails: client address hash and sender domain {blanked}"
            ),
        }
        return [f"{getattr(self, f.name)} {labels[f.name]}" for f in fields(self)]

    @property
    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))


def expired_texts(now: dt.datetime):
    """Appeal emails sent or failed more than APPEAL_EMAIL_TEXT_KEEP_DAYS ago (or
    waiting that long, past their link's expiry), whose text is still held."""
    before = now - dt.timedelta(days=settings.APPEAL_EMAIL_TEXT_KEEP_DAYS)
    # A waiting email could still be sent while its link is valid: never blank it before.
    waiting_before = min(before, now - CONFIRMATION_MAX_AGE)
    held = ~Q(text="") | ~Q(html="") | ~Q(writer_name="")
    done = Q(state__in=[OutgoingState.SENT, OutgoingState.FAILED], last__lt=before)
    abandoned = Q(state=OutgoingState.WAITING, created__lt=waiting_before)
    return (
        OutgoingAppeal.objects.annotate(last=Coalesce("sent", "created"))
        .filter(held)
        .filter(done | abandoned)
    )


def unused_senders(now: dt.datetime):
    """Sender addresses of no account, not used for SENDER_ADDRESS_KEEP_DAYS."""
    before = now - dt.timedelta(days=settings.SENDER_ADDRESS_KEEP_DAYS)
    User = get_user_model()
    of_a_user = User.objects.annotate(lower=Lower("email")).filter(lower=Lower(OuterRef("email")))
    of_a_member = Member.objects.annotate(lower=Lower("email")).filter(
        lower=Lower(OuterRef("email"))
    )
    return (
        SenderAddress.objects.annotate(
            last_email=Max("outgoing__created"),
        )
        .annotate(
            last_use=Greatest(
                "created",
                Coalesce("confirmed", "created"),
                Coalesce("last_email", "created"),
            )
        )
        .filter(last_use__lt=before)
        .exclude(Exists(of_a_user))
        .exclude(Exists(of_a_member))
    )


def old_client_hashes(now: dt.datetime):
    """(appeals, appeal emails) still holding a client hash older than CLIENT_HASH_KEEP_HOURS."""
    before = now - dt.timedelta(hours=settings.CLIENT_HASH_KEEP_HOURS)
    appeals = Appeal.objects.filter(sent__lt=before).exclude(client="")
    emails = OutgoingAppeal.objects.filter(created__lt=before).filter(~Q(client="") | ~Q(domain=""))
    return appeals, emails


def purge(now: dt.datetime | None = None, *, dry_run: bool = False) -> Purged:
    """Apply the retention periods; with `dry_run`, only count what would go."""
    now = now or timezone.now()
    report = Purged()
    texts = expired_texts(now)
    senders = unused_senders(now)
    appeals, emails = old_client_hashes(now)
    if dry_run:
        report.appeal_email_texts = texts.count()
        report.sender_addresses = senders.count()
        report.appeal_emails_of_those_addresses = OutgoingAppeal.objects.filter(
            sender__in=senders.values("pk")
        ).count()
        report.appeal_client_hashes = appeals.count()
        report.appeal_email_client_hashes = emails.count()
        return report
    with transaction.atomic():
        report.appeal_email_texts = OutgoingAppeal.objects.filter(
            pk__in=list(texts.values_list("pk", flat=True))
        ).update(text="", html="", writer_name="")
        # Lock the candidates, then ask again: one used a moment ago stays.
        candidates = SenderAddress.objects.select_for_update().filter(
            pk__in=list(senders.values_list("pk", flat=True))
        )
        sender_ids = list(
            unused_senders(now)
            .filter(pk__in=list(candidates.values_list("pk", flat=True)))
            .values_list("pk", flat=True)
        )
        their_emails = OutgoingAppeal.objects.filter(sender_id__in=sender_ids)
        # The appeals these emails recorded carry the sender's address (for
        # the official's reply, never for news): it goes with the address.
        Appeal.objects.filter(
            key__in=list(their_emails.values_list("code", flat=True)), writer=None
        ).update(email="")
        report.appeal_emails_of_those_addresses = their_emails.count()
        report.sender_addresses = (
            SenderAddress.objects.filter(pk__in=sender_ids)
            .delete()[1]
            .get(SenderAddress._meta.label, 0)
        )
        report.appeal_client_hashes = appeals.update(client="")
        report.appeal_email_client_hashes = emails.update(client="", domain="")
    return report
