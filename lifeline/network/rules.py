"""The rules of notification, as plain functions: who gets a document, how failures count.

Nothing here touches the database, so the rules are tested on their own.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from dataclasses import dataclass
from enum import StrEnum

URGENT_ACTION = "urgent_action"
FURTHER_INFORMATION = "further_information"
STOP_ACTION = "stop_action"


class Audience(StrEnum):
    """Who a published document goes to."""

    # Members whose preferences match the document (countries, concerns, weekly limit).
    PREFERENCES = "preferences"
    # Every member who received or acted on an earlier document of the case.
    FOLLOWERS = "followers"
    NOBODY = "nobody"


def audience_for(kind: str, case_was_sent: bool) -> Audience:
    """The audience of a newly published document of `kind`.

    An urgent action goes to the members who asked for it. A further information or
    stop action goes to whoever received or acted on the case before, whatever their
    preferences; but if the case never reached anyone, it goes out like a new action.
    News and other documents follow a case that was sent and are not sent otherwise.
    """
    if kind == URGENT_ACTION:
        return Audience.PREFERENCES
    if kind in (FURTHER_INFORMATION, STOP_ACTION):
        return Audience.FOLLOWERS if case_was_sent else Audience.PREFERENCES
    return Audience.FOLLOWERS if case_was_sent else Audience.NOBODY


def backoff(attempts: int, first: float, cap: float) -> dt.timedelta:
    """Delay before the next try after `attempts` failed tries: first, doubling, up to cap."""
    return dt.timedelta(seconds=min(cap, first * 2 ** max(0, attempts - 1)))


def next_digest(now: dt.datetime, weekday: int = 0, hour: int = 7) -> dt.datetime:
    """When the next weekly digest goes out: the coming `weekday` (0 = Monday) at `hour` UTC."""
    slot = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    slot += dt.timedelta(days=(weekday - now.weekday()) % 7)
    if slot <= now:
        slot += dt.timedelta(days=7)
    return slot


class Failure(StrEnum):
    TRANSIENT = "transient"  # try again later
    PERMANENT = "permanent"  # the address refused the message: a bounce
    CONNECTION = "connection"  # the server is unreachable or hung up: try again later


@dataclass(frozen=True)
class SmtpFailure:
    kind: Failure
    reason: str


def classify(exc: BaseException) -> SmtpFailure:
    """Tell a transient SMTP failure (4xx, connection) from a permanent one (5xx).

    A 5xx reply to the recipient or the data is a bounce of that address. A 5xx
    to the sender or the connection is the server's problem, not the member's,
    so it is retried rather than counted against them.
    """
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, message = next(iter(exc.recipients.values()))
        return _by_code(code, message)
    if isinstance(exc, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError):
        return SmtpFailure(Failure.CONNECTION, f"{type(exc).__name__}: {exc}")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        # The address needs an extension (SMTPUTF8) this server lacks: it cannot
        # be reached through this server, however often we try.
        return SmtpFailure(Failure.PERMANENT, f"not supported by the server: {exc}")
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return SmtpFailure(Failure.TRANSIENT, f"{exc.smtp_code} {_text(exc.smtp_error)}")
    if isinstance(exc, smtplib.SMTPResponseException):
        return _by_code(exc.smtp_code, exc.smtp_error)
    return SmtpFailure(Failure.CONNECTION, f"{type(exc).__name__}: {exc}")


def _by_code(code: int, message: bytes | str) -> SmtpFailure:
    kind = Failure.PERMANENT if 500 <= code < 600 else Failure.TRANSIENT
    if code == 421:
        kind = Failure.CONNECTION  # "service not available, closing channel"
    return SmtpFailure(kind, f"{code} {_text(message)}")


def _text(message: bytes | str) -> str:
    return message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
