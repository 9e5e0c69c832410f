"""The sender of the outbox: the only code that hands mail to an SMTP server.

Workers (`lifeline worker`, through `tasks.send_notifications`) claim due rows
of the outbox and send them over one SMTP connection per batch, whatever the
mail: notifications and digests, news of outcomes, sign-up confirmations,
password resets, appeal emails and the links to their writers.

Exactly once, as far as SMTP allows: each message is transferred inside a
database transaction that has already marked its row `sent`; the transaction
commits right after the server accepts the message (250 after the data) and
rolls back if it does not. So a worker killed before the server accepted
leaves the row `sending`, and after the lease another worker sends it; a
worker killed after acceptance but before the commit (a window of one
database round trip) leaves a message the server has but the row does not:
that one message is sent again after the lease. It carries the same
Message-ID. The same holds if the server accepts but the connection drops
before its reply arrives, which SMTP cannot tell from a failure.
"""

from __future__ import annotations

import logging
import smtplib
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import groupby
from typing import cast

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend
from django.db import connection as db_connection
from django.db import connections, transaction
from django.utils import timezone

from lifeline.actions.models import OutgoingState
from lifeline.lib.emails import envelope_address
from lifeline.network import outbox
from lifeline.network.mail import Composer
from lifeline.network.models import Delivery, Frequency, MailKind
from lifeline.network.ratelimit import RateLimit
from lifeline.network.rules import Failure, SmtpFailure, classify

logger = logging.getLogger(__name__)
# Slots reserved from the shared rate limit at a time.
RATE_CHUNK = 10


@dataclass
class BatchReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    lost: int = 0  # claims taken over by another worker after the lease ran out
    errors: list[str] = field(default_factory=list)


class _Smtp:
    """One SMTP connection, opened lazily and reopened after a drop."""

    def __init__(self) -> None:
        self.backend: EmailBackend | None = None

    def client(self) -> smtplib.SMTP:
        if self.backend is None:
            # The SMTP backend: the workers speak SMTP through its smtplib connection.
            backend = cast(EmailBackend, get_connection(fail_silently=False))
            backend.open()
            self.backend = backend
        return self.backend.connection

    def drop(self) -> None:
        if self.backend is not None:
            try:
                self.backend.close()
            except Exception:  # closing a broken connection may fail again; it is gone anyway
                logger.debug("closing a dropped SMTP connection failed", exc_info=True)
            self.backend = None

    def close(self) -> None:
        self.drop()


def messages_of(deliveries: list[Delivery]) -> list[list[Delivery]]:
    """Group claimed rows into messages: one each, or one per member for a weekly digest.

    Only notifications of documents make digests; any other mail is a message of its own.
    """
    messages = []
    for member_id, group in groupby(deliveries, key=lambda delivery: delivery.member_id):
        rows = list(group)
        documents = [row for row in rows if row.kind == MailKind.NOTIFICATION]
        if documents and member_id is not None and rows[0].member.frequency == Frequency.WEEKLY:
            messages.append(documents)
        else:
            messages.extend([row] for row in documents)
        messages.extend([row] for row in rows if row.kind != MailKind.NOTIFICATION)
    return messages


def connections_per_worker() -> int:
    """SMTP connections a worker uses at once (NOTIFY_CONNECTIONS).

    Sending is mostly waiting for the SMTP server's replies, so a few
    connections in threads keep a worker busy.
    """
    return max(1, settings.NOTIFY_CONNECTIONS)


def send_batch(limit: int | None = None, composer: Composer | None = None) -> BatchReport:
    """Claim up to `limit` due deliveries and send them, over one SMTP connection each
    for `connections_per_worker()` threads (each thread with its own database connection).
    """
    token, deliveries = outbox.claim(limit or settings.NOTIFY_BATCH_SIZE)
    if not deliveries:
        return BatchReport()
    composer = composer or Composer()
    messages = messages_of(deliveries)
    threads = min(connections_per_worker(), len(messages))
    if threads == 1:
        return _send_messages(messages, token, composer)
    shares = [messages[n::threads] for n in range(threads)]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        reports = list(pool.map(lambda share: _in_thread(share, token, composer), shares))
    total = BatchReport()
    for report in reports:
        total.sent += report.sent
        total.retrying += report.retrying
        total.failed += report.failed
        total.lost += report.lost
        total.errors += report.errors
    return total


def _in_thread(messages, token, composer) -> BatchReport:
    try:
        return _send_messages(messages, token, composer)
    finally:
        connections.close_all()  # this thread's own database connections


def _send_messages(messages: list[list[Delivery]], token: str, composer: Composer) -> BatchReport:
    """Send `messages` in order over one SMTP connection."""
    report = BatchReport()
    smtp = _Smtp()
    rate = RateLimit(f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}", settings.EMAIL_RATE_LIMIT)
    allowance = 0
    renewed = time.monotonic()
    try:
        for position, rows in enumerate(messages):
            if time.monotonic() - renewed > settings.NOTIFY_LEASE_SECONDS / 3:
                outbox.extend_lease(token)
                renewed = time.monotonic()
            # A member or a follower of a case, whose bounces count; None for the others.
            member = rows[0].recipient
            if reason := why_not_sent(rows[0]):
                outbox.fail(rows, token, reason)
                report.failed += len(rows)
                continue
            if allowance == 0:
                allowance = min(RATE_CHUNK, len(messages) - position)
                rate.wait(allowance)
            allowance -= 1
            outcome = _send_one(smtp, composer, rows, token)
            if outcome is None:
                report.sent += len(rows)
                if member is not None:
                    outbox.clear_bounces(member)
                continue
            if outcome == "lost":
                report.lost += len(rows)
                continue
            failure = outcome
            report.errors.append(failure.reason)
            if failure.kind == Failure.PERMANENT:
                outbox.fail(rows, token, failure.reason)
                if member is not None:
                    outbox.record_bounce(member, failure.reason)
                report.failed += len(rows)
            elif failure.kind == Failure.TRANSIENT:
                outbox.retry_later(rows, token, failure.reason)
                report.retrying += len(rows)
            else:
                # The server is gone: put this message and the rest back for later
                # rather than hammering it message by message.
                rest = [row for later in messages[position:] for row in later]
                outbox.retry_later(rest, token, failure.reason)
                report.retrying += len(rest)
                smtp.drop()
                break
    finally:
        smtp.close()
    return report


def _send_one(smtp: _Smtp, composer: Composer, rows: list[Delivery], token: str):
    """Send one message; None when sent, "lost" when the claim was lost, else the failure.

    On PostgreSQL the row is marked sent inside a transaction that wraps the
    transfer: the row stays locked against a takeover until the commit right
    after the server's 250. On SQLite that transaction would hold the
    database's only write lock for the whole transfer and queue every other
    worker behind it, so there the claim is checked, the message sent, and the
    row marked in a short transaction of its own. The window that remains is the
    same in both (see the module docstring); the takeover it leaves open on
    SQLite needs this worker's lease to run out mid-message, which the heartbeat
    prevents unless the worker stalls for a whole lease.
    """
    try:
        address, data = composer.compose(rows, f"delivery.{rows[0].pk}")
    except Exception as error:
        # A message that cannot be written (its user's address cleared, say) is retried
        # like a busy server's and fails after the last attempt: raised, it would stop
        # its batch, and come back after every lease for ever.
        logger.exception("delivery %s could not be written", rows[0].pk)
        return SmtpFailure(Failure.TRANSIENT, f"could not be written: {type(error).__name__}")
    # An appeal email is counted with its "sent" mark, or not at all (`outbox.appeal_sent`).
    finishes = rows[0].kind == MailKind.APPEAL
    try:
        if db_connection.vendor == "sqlite":
            if not outbox.still_held(rows, token):
                return "lost"
            _send_mail(smtp, composer, address, data)
            now = timezone.now()
            with transaction.atomic() if finishes else nullcontext():
                if not outbox.mark_sent(rows, token, now):
                    logger.warning("delivery %s was sent after its claim was lost", rows[0].pk)
                elif finishes:
                    outbox.appeal_sent(rows, now)
            return None
        with transaction.atomic():
            now = timezone.now()
            if not outbox.mark_sent(rows, token, now):
                return "lost"
            if finishes:
                outbox.appeal_sent(rows, now)
            _send_mail(smtp, composer, address, data)
    except (smtplib.SMTPException, OSError) as exc:
        failure = classify(exc)
        if failure.kind == Failure.CONNECTION:
            smtp.drop()
        return failure
    return None


def _send_mail(smtp: _Smtp, composer: Composer, address: str, data: bytes) -> None:
    """Hand one message to the SMTP server: the only place the site sends mail."""
    recipient = envelope_address(address)
    # An address with a non-ASCII local part can only travel over SMTPUTF8; a server
    # without it raises SMTPNotSupportedError, which counts against that address only.
    options = [] if recipient.isascii() else ["SMTPUTF8"]
    smtp.client().sendmail(composer.envelope_from, [recipient], data, mail_options=options)


def why_not_sent(delivery: Delivery) -> str:
    """Why the mail of `delivery` is no longer to be sent; "" when it is.

    Checked when it is sent, as things change while a row waits: a member
    unsubscribes or confirms, an account is closed.
    """
    kind = delivery.kind
    if kind == MailKind.CONFIRM:
        return "address already confirmed" if delivery.member.confirmed else ""
    if kind == MailKind.RESET:
        return "" if delivery.user.is_active else "account inactive"
    if kind == MailKind.APPEAL:
        state = delivery.appeal.state
        return "" if state in (OutgoingState.SENDING, OutgoingState.SENT) else f"appeal {state}"
    if kind == MailKind.APPEAL_LINK:
        return ""
    member = delivery.recipient
    if member.mailable:
        return ""
    if member.unsubscribed:
        return "member unsubscribed"
    if member.mail_stopped:
        return "mail stopped after repeated bounces"
    return "address not confirmed"


def prefer_speed_over_durability() -> None:
    """On PostgreSQL, let this process's commits return before they reach the disk.

    A worker commits once per message; waiting for each flush would cap sending
    at the disk's sync rate. A killed worker loses nothing by this (the server
    has the commit); only a crash of the PostgreSQL server itself could forget
    the last few "sent" marks, and those messages would then be sent again.
    """
    if db_connection.vendor == "postgresql":
        with db_connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
