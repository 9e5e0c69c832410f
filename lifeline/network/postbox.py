"""Posting mail: every message the site sends is queued here as a row of the outbox.

The caller posts in its own transaction, beside the state the message belongs
to (a new member, an appeal email waiting for its writer), so a message exists
exactly when that state does; the workers are nudged once the transaction has
committed. Should the process die between its commit and the nudge, the
workers' periodic recovery finds the rows anyway (`recovery`). Nothing here
talks to a mail server: `sending` does, in the workers.
"""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lifeline.accounts.mail_window import first_in_window
from lifeline.network.models import Delivery, DeliveryState, MailKind, Member
from lifeline.network.tasks import send_notifications


def post(kind: MailKind, *, now: dt.datetime | None = None, **fields) -> Delivery:
    """Queue one mail of `kind`, due now; `fields` name its recipient (member, user or
    to) and what it is about (appeal, context). The workers are nudged after the commit."""
    delivery = Delivery.objects.create(
        kind=kind, state=DeliveryState.QUEUED, next_attempt=now or timezone.now(), **fields
    )
    transaction.on_commit(lambda: enqueue_sending(1))
    return delivery


def confirmations(member_ids: list[int], now: dt.datetime | None = None) -> int:
    """Queue the double opt-in confirmation mail of these members; how many were queued.

    An address that had one within ACCOUNT_MAIL_WINDOW_MINUTES gets none now.
    Whether the member is still unconfirmed is checked again when it is sent.
    """
    now = now or timezone.now()
    addresses = dict(Member.objects.filter(pk__in=member_ids).values_list("pk", "email"))
    rows = [
        Delivery(kind=MailKind.CONFIRM, member_id=pk, state=DeliveryState.QUEUED, next_attempt=now)
        for pk in member_ids
        if pk in addresses and first_in_window("confirm", addresses[pk])
    ]
    Delivery.objects.bulk_create(rows, batch_size=1000)
    if rows:
        transaction.on_commit(lambda: enqueue_sending(len(rows)))
    return len(rows)


def enqueue_sending(due: int) -> int:
    """Enqueue enough send tasks for `due` messages; returns how many were enqueued."""
    tasks = math.ceil(due / settings.NOTIFY_BATCH_SIZE)
    for _ in range(tasks):
        send_notifications.enqueue()
    return tasks
