"""The outbox: claiming due deliveries and recording what became of them.

Rows are queued by `postbox` and sent by `sending`. An appeal email's state
follows its rows: sent when its row is (and only then is the appeal counted,
in the same transaction), failed when its row or the link to its writer fails.

Claiming moves rows to `sending` under a fresh token in one short transaction:
on PostgreSQL the candidates are picked with SELECT ... FOR UPDATE SKIP LOCKED,
so concurrent workers take different rows without waiting; on SQLite the
IMMEDIATE transaction holds the write lock, and the UPDATE repeats the "still
due" condition, so a row is only ever claimed by one worker at a time.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from lifeline.actions.appeals import record_appeal
from lifeline.actions.models import OutgoingAppeal, OutgoingState
from lifeline.network.models import Delivery, DeliveryState, Follower, MailKind, Member
from lifeline.network.rules import backoff

WAITING = [DeliveryState.QUEUED, DeliveryState.RETRYING]


def due(now: dt.datetime) -> Q:
    """Rows a worker may take: waiting and due, or `sending` past the lease of a dead worker."""
    return Q(state__in=WAITING, next_attempt__lte=now) | Q(
        state=DeliveryState.SENDING, lease_until__lt=now
    )


def claim(limit: int, now: dt.datetime | None = None) -> tuple[str, list[Delivery]]:
    """Claim up to `limit` due deliveries; returns the claim token and the rows.

    Ordered by member so that a weekly digest's rows of one member come together,
    and a batch that ends inside a member's rows takes the rest of them too, so
    that a digest is never cut in two messages.
    """
    now = now or timezone.now()
    token = uuid.uuid4().hex
    with transaction.atomic():
        waiting = Delivery.objects.select_for_update(skip_locked=True).filter(due(now))
        picked = list(
            waiting.order_by("next_attempt", "member_id", "id").values_list("pk", "member_id")[
                :limit
            ]
        )
        if not picked:
            return token, []
        candidates = [pk for pk, _member in picked]
        # Followers' rows (no member) are each a message of their own: nothing to keep together.
        if len(picked) == limit and picked[-1][1] is not None:
            last_member = picked[-1][1]
            candidates += waiting.filter(member_id=last_member, pk__gt=picked[-1][0]).values_list(
                "pk", flat=True
            )
        Delivery.objects.filter(due(now), pk__in=candidates).update(
            state=DeliveryState.SENDING,
            claim=token,
            lease_until=now + dt.timedelta(seconds=settings.NOTIFY_LEASE_SECONDS),
            attempts=F("attempts") + 1,
        )
    rows = (
        Delivery.objects.filter(claim=token, state=DeliveryState.SENDING)
        # Only the recipient: the composer loads each document or outcome once per batch.
        .select_related("member", "follower")
        .order_by("member_id", "id")
    )
    return token, list(rows)


def extend_lease(token: str, now: dt.datetime | None = None) -> int:
    """Push back the lease of the rows this worker still holds; a heartbeat.

    A batch may take longer than one lease on a slow server or a busy machine;
    without renewal another worker would take over rows this one is still
    sending (harmlessly, as `mark_sent` checks the claim, but wastefully).
    """
    now = now or timezone.now()
    return Delivery.objects.filter(claim=token, state=DeliveryState.SENDING).update(
        lease_until=now + dt.timedelta(seconds=settings.NOTIFY_LEASE_SECONDS)
    )


def still_held(deliveries: list[Delivery], token: str) -> bool:
    """Whether this worker still holds the claim on `deliveries` (a read, no lock)."""
    ids = [delivery.pk for delivery in deliveries]
    places = ", ".join(["%s"] * len(ids))
    # Plain SQL, as in mark_sent(): once per message on SQLite.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {Delivery._meta.db_table} "  # noqa: S608
            f"WHERE claim = %s AND state = %s AND id IN ({places})",
            [token, str(DeliveryState.SENDING), *ids],
        )
        return cursor.fetchone()[0] == len(ids)


def mark_sent(deliveries: list[Delivery], token: str, now: dt.datetime | None = None) -> bool:
    """Record `deliveries` as sent, if this worker still holds them.

    Called inside the transaction that wraps the SMTP transfer, so that the row
    is committed as sent right after the server accepts the message (see
    `sending.py` for what is left of the at-least-once window). False when the
    claim was lost, e.g. after the lease ran out and another worker took over.
    """
    now = now or timezone.now()
    ids = [delivery.pk for delivery in deliveries]
    # Plain SQL: this runs once per message, and the ORM's update() cost more
    # than the statement itself.
    places = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Delivery._meta.db_table} SET state = %s, sent = %s, lease_until = NULL, "  # noqa: S608
            f"last_error = '' WHERE claim = %s AND state = %s AND id IN ({places})",
            [
                str(DeliveryState.SENT),
                connection.ops.adapt_datetimefield_value(now),
                token,
                str(DeliveryState.SENDING),
                *ids,
            ],
        )
        return cursor.rowcount == len(ids)


def appeal_sent(deliveries: list[Delivery], now: dt.datetime) -> None:
    """After `mark_sent`, in its transaction: an appeal email is sent, and counted.

    Counted once however often this runs: the appeal's key is the email's code.
    """
    delivery = deliveries[0]
    if delivery.kind != MailKind.APPEAL:
        return
    outgoing = delivery.appeal
    OutgoingAppeal.objects.filter(pk=outgoing.pk).exclude(state=OutgoingState.SENT).update(
        state=OutgoingState.SENT, sent=now, error=""
    )
    record_appeal(
        key=outgoing.code,
        document=outgoing.document,
        target=outgoing.target,
        channel="email",
        language=outgoing.language,
        email=outgoing.sender.email,
    )


def _appeals_failed(deliveries: list[Delivery], token: str, reason: str) -> None:
    """An appeal email whose row, or whose writer's link, failed for good fails too,
    which frees the writer to ask again (see OutgoingAppeal's constraint)."""
    ids = [delivery.pk for delivery in deliveries if delivery.appeal_id is not None]
    if not ids:
        return
    failed = Delivery.objects.filter(
        pk__in=ids, claim=token, state=DeliveryState.FAILED
    ).values_list("appeal_id", flat=True)
    OutgoingAppeal.objects.filter(
        pk__in=list(failed), state__in=[OutgoingState.WAITING, OutgoingState.SENDING]
    ).update(state=OutgoingState.FAILED, error=reason)


def retry_later(
    deliveries: list[Delivery], token: str, reason: str, now: dt.datetime | None = None
) -> None:
    """A transient failure: try again after a backoff, or give up after the last attempt."""
    now = now or timezone.now()
    given_up = []
    for delivery in deliveries:
        rows = Delivery.objects.filter(pk=delivery.pk, claim=token, state=DeliveryState.SENDING)
        if delivery.attempts >= settings.NOTIFY_MAX_ATTEMPTS:
            rows.update(state=DeliveryState.FAILED, lease_until=None, last_error=reason)
            given_up.append(delivery)
            continue
        delay = backoff(
            delivery.attempts, settings.NOTIFY_RETRY_SECONDS, settings.NOTIFY_RETRY_MAX_SECONDS
        )
        rows.update(
            state=DeliveryState.RETRYING,
            next_attempt=now + delay,
            lease_until=None,
            last_error=reason,
        )
    _appeals_failed(given_up, token, reason)


def fail(deliveries: list[Delivery], token: str, reason: str) -> None:
    Delivery.objects.filter(
        pk__in=[delivery.pk for delivery in deliveries], claim=token, state=DeliveryState.SENDING
    ).update(state=DeliveryState.FAILED, lease_until=None, last_error=reason)
    _appeals_failed(deliveries, token, reason)


def record_bounce(member: Member | Follower, reason: str, now: dt.datetime | None = None) -> None:
    """Count a permanent failure against the address; enough in a row stop mail to it."""
    now = now or timezone.now()
    rows = type(member).objects.filter(pk=member.pk)
    rows.update(bounces=F("bounces") + 1, last_bounce=reason)
    rows.filter(bounces__gte=settings.NOTIFY_MAX_BOUNCES, mail_stopped__isnull=True).update(
        mail_stopped=now
    )


def clear_bounces(member: Member | Follower) -> None:
    if member.bounces:
        type(member).objects.filter(pk=member.pk).update(bounces=0)


def pending(now: dt.datetime | None = None) -> int:
    """Deliveries still to send now or after a retry (not digests waiting for their day)."""
    now = now or timezone.now()
    return Delivery.objects.filter(
        Q(state__in=[DeliveryState.RETRYING, DeliveryState.SENDING])
        | Q(state=DeliveryState.QUEUED, next_attempt__lte=now)
    ).count()


def due_count(now: dt.datetime | None = None) -> int:
    return Delivery.objects.filter(due(now or timezone.now())).count()
