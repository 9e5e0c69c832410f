"""The demo's mailbox: a local SMTP server that keeps every message as a readable file.

`make demo` points the workers' mail at it, so a newcomer sees confirmations and
notifications arrive without an SMTP server of their own: each message is written to
the mail folder as a `.txt` (headers decoded, the text part) next to the raw `.eml`,
and announced on the console.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

SHOWN_HEADERS = ("From", "To", "Subject", "Date")


def readable(raw: bytes) -> str:
    """The message as a person reads it: a few decoded headers, a blank line, the text."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    lines = [f"{name}: {message[name]}" for name in SHOWN_HEADERS if message[name]]
    part = message.get_body(preferencelist=("plain", "html"))
    body = part.get_content() if part is not None else ""
    # Mail travels with CRLF; the file is for reading (and copying links from) on this machine.
    return "\n".join(lines) + "\n\n" + body.replace("\r\n", "\n")


def file_stem(subject: str, when: datetime, number: int) -> str:
    """A name that sorts by arrival and says what the message is about."""
    words = re.sub(r"[^\w-]+", "-", subject, flags=re.UNICODE).strip("-")[:60]
    return f"{when:%Y%m%d-%H%M%S}-{number:04d}-{words or 'message'}"


class Keeper:
    """An aiosmtpd handler that writes each message it receives to `folder`."""

    def __init__(self, folder: Path, announce: Callable[[str], None] = print) -> None:
        self.folder = folder
        self.announce = announce
        self.count = 0
        folder.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server, session, envelope) -> str:
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        self.count += 1
        stem = file_stem(str(message["Subject"] or ""), datetime.now(UTC), self.count)
        (self.folder / f"{stem}.eml").write_bytes(raw)
        (self.folder / f"{stem}.txt").write_text(readable(raw), encoding="utf-8")
        self.announce(
            f"mail to {', '.join(envelope.rcpt_tos)}: {message['Subject']} "
            f"({self.folder / stem}.txt)"
        )
        return "250 Message accepted"
