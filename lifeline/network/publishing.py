"""Publishing a document or announcing an outcome: one delivery per recipient,
enqueued after the commit.

`publish()` is the only way a document reaches members; importing never calls
it. `announce()` sends the news of an outcome to the members who wrote and to
the addresses that asked for it on "I have sent it" (`news`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from lifeline.actions.models import Appeal
from lifeline.cases.models import Document, Outcome
from lifeline.network import news
from lifeline.network.models import (
    Delivery,
    DeliveryState,
    Frequency,
    MailKind,
    Member,
    MemberCountry,
)
from lifeline.network.postbox import enqueue_sending
from lifeline.network.rules import Audience, audience_for, next_digest


@dataclass(frozen=True)
class Published:
    document_id: int
    audience: Audience
    deliveries: int  # rows created now; 0 when the document was published before
    first_time: bool


def publish(document: Document, now: dt.datetime | None = None) -> Published:
    """Mark `document` published and queue its notifications, in one transaction.

    A document already published gets nothing new, and the unique (member,
    document) pair guarantees the same even if two publishers race. Sending is
    enqueued only once the transaction has committed, so a worker never sees
    half a publication; should the process die between the commit and the
    enqueue, the workers' periodic recovery finds the queued rows anyway.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Locks the row on PostgreSQL; SQLite's IMMEDIATE transaction already serialises.
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.published:
            return Published(document.pk, Audience.NOBODY, 0, first_time=False)
        document.published = now
        document.save(update_fields=["published", "updated"])
        audience = audience_for(document.kind, _case_was_sent(document))
        if audience == Audience.NOBODY:
            return Published(document.pk, audience, 0, first_time=True)
        members = recipients(document, audience, now)
        created = _insert_deliveries("document_id", document.pk, members, now)
        due_now = Delivery.objects.filter(
            document=document, state=DeliveryState.QUEUED, next_attempt__lte=now
        ).count()
        transaction.on_commit(lambda: enqueue_sending(due_now))
    return Published(document.pk, audience, created, first_time=True)


@dataclass(frozen=True)
class Announced:
    outcome_id: int
    deliveries: int  # rows created now; 0 when the outcome was announced before
    first_time: bool


def announce(outcome: Outcome, now: dt.datetime | None = None) -> Announced:
    """Mark `outcome` announced and queue its news for every member who wrote.

    Good news goes out at once, also to members who take a weekly digest: it is
    the answer to a letter they wrote, not a new request. Announcing twice sends
    nothing the second time, as with `publish()`.
    """
    now = now or timezone.now()
    with transaction.atomic():
        outcome = Outcome.objects.select_for_update().get(pk=outcome.pk)
        if outcome.announced:
            return Announced(outcome.pk, 0, first_time=False)
        outcome.announced = now
        outcome.save(update_fields=["announced"])
        created = _insert_deliveries(
            "outcome_id", outcome.pk, writers(outcome.case_id), now, digest=False
        )
        created += _follower_deliveries(outcome, now)
        transaction.on_commit(lambda: enqueue_sending(created))
    return Announced(outcome.pk, created, first_time=True)


def writers(case_id: int):
    """The mailable members who wrote an appeal about any document of the case,
    signed in, or not signed in with their member's address to hear how it goes on."""
    wrote = Appeal.objects.filter(writer=OuterRef("user_id"), document__case_id=case_id)
    asked = news.asked_for_news(case_id).filter(email__iexact=OuterRef("email"))
    return _mailable().filter(Exists(wrote) | Exists(asked))


def _follower_deliveries(outcome: Outcome, now: dt.datetime) -> int:
    """Queue the news for the addresses that asked for it without being members.

    Few next to the members, so created in Python; the unique (follower,
    outcome) pair keeps it to one each, as for members.
    """
    rows = [
        Delivery(
            kind=MailKind.OUTCOME,
            follower=follower,
            outcome=outcome,
            state=DeliveryState.QUEUED,
            next_attempt=now,
        )
        for follower in news.followers_of(outcome.case_id)
    ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return len(rows)


def _mailable():
    return Member.objects.filter(
        confirmed__isnull=False, unsubscribed__isnull=True, mail_stopped__isnull=True
    )


def _case_was_sent(document: Document) -> bool:
    """Whether an earlier document of the case went to anyone, or a member acted on it."""
    others = Q(document__case_id=document.case_id) & ~Q(document=document)
    return (
        Delivery.objects.filter(others).exists()
        or Appeal.objects.filter(others, writer__isnull=False).exists()
    )


def recipients(document: Document, audience: Audience, now: dt.datetime):
    """The members to notify of `document`, as a queryset (never loaded into memory)."""
    mailable = _mailable()
    if audience == Audience.FOLLOWERS:
        received = Delivery.objects.filter(
            member=OuterRef("pk"), document__case_id=document.case_id
        ).exclude(document=document)
        wrote = Appeal.objects.filter(
            writer=OuterRef("user_id"), document__case_id=document.case_id
        ).exclude(document=document)
        return mailable.filter(Exists(received) | Exists(wrote))
    countries = [code.upper() for code in document.countries]
    concerns = list(document.concerns.values_list("pk", flat=True))
    chose_country = MemberCountry.objects.filter(member=OuterRef("pk"), code__in=countries)
    chose_concern = Member.concerns.through.objects.filter(
        member=OuterRef("pk"), concern_id__in=concerns
    )
    this_week = (
        Delivery.objects.filter(member=OuterRef("pk"), created__gte=now - dt.timedelta(days=7))
        .order_by()
        .values("member")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        mailable.filter(Q(all_actions=True) | Exists(chose_country) | Exists(chose_concern))
        .annotate(this_week=Coalesce(Subquery(this_week), Value(0)))
        .filter(Q(weekly_limit__isnull=True) | Q(weekly_limit__gt=F("this_week")))
    )


def _insert_deliveries(
    column: str, about: int, members, now: dt.datetime, digest: bool = True
) -> int:
    """INSERT ... SELECT the deliveries: memory stays flat however many members there are.

    `column` is what the deliveries are about ("document_id" or "outcome_id").
    ON CONFLICT DO NOTHING (SQLite and PostgreSQL both have it) skips members who
    have it already. With `digest`, members who take a weekly digest wait for it.
    """
    if column not in ("document_id", "outcome_id"):
        raise ValueError(f"deliveries are about a document or an outcome, not {column!r}")
    # Aliased, as SQLite does not name a derived table's columns after plain ones.
    select, params = (
        members.order_by()
        .annotate(recipient=F("pk"), how_often=F("frequency"))
        .values_list("recipient", "how_often")
        .query.sql_with_params()
    )
    ops = connection.ops
    table = Delivery._meta.db_table
    # The table name is ours and the SELECT is Django's, with parameters.
    sql = (
        f"INSERT INTO {table} (kind, member_id, {column}, state, attempts, next_attempt, "  # noqa: S608
        'claim, last_error, created, "to", context) '
        "SELECT %s, m.recipient, %s, %s, 0, CASE WHEN m.how_often = %s THEN %s ELSE %s END, "
        "'', '', %s, '', '{}' "
        # SQLite needs the WHERE to tell the upsert's ON from a join's.
        f"FROM ({select}) m WHERE true ON CONFLICT (member_id, {column}) DO NOTHING"
    )
    stamp = ops.adapt_datetimefield_value(now)
    values = [
        str(MailKind.NOTIFICATION if column == "document_id" else MailKind.OUTCOME),
        about,
        str(DeliveryState.QUEUED),
        str(Frequency.WEEKLY),
        ops.adapt_datetimefield_value(next_digest(now)) if digest else stamp,
        stamp,
        stamp,
        *params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return cursor.rowcount
