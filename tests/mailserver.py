"""A real SMTP server on localhost (aiosmtpd) that keeps what it receives.

Tests read the mail that arrived, and can make the server misbehave: refuse
connections (stopped), hang up in the middle of a transaction, answer 4xx, or
refuse chosen recipients with 5xx. The `smtp` fixture starts one for a test and
points Django's mail settings at it.
"""

from __future__ import annotations

import email
import email.policy
import re
import socket
import threading
from collections import Counter
from dataclasses import dataclass

import pytest
from aiosmtpd.controller import Controller

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>]*>)", re.IGNORECASE | re.MULTILINE)


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    @property
    def message_id(self) -> str:
        """The Message-ID header, found without parsing the whole message (10,000 of them)."""
        head = self.data.split(b"\r\n\r\n", 1)[0]
        match = MESSAGE_ID.search(head)
        return match.group(1).decode() if match else ""

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.data, policy=email.policy.default)


class Handler:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.received: list[Received] = []
        self.mode = "normal"  # "normal", "drop" (hang up), "busy" (421/451)
        self.refused: set[str] = set()  # recipients answered 550

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.mode == "drop":
            server.transport.close()
            return "421 4.3.2 going away"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return "550 5.1.1 no such user"
        if self.mode == "busy":
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content))
            )
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self, port: int | None = None, smtputf8: bool = True) -> None:
        self.handler = Handler()
        self.port = port or free_port()
        self.smtputf8 = smtputf8
        self.controller: Controller | None = None

    def start(self) -> SmtpServer:
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, enable_SMTPUTF8=self.smtputf8
        )
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    def per_recipient(self) -> Counter:
        return Counter(rcpt.lower() for item in self.received for rcpt in item.recipients)

    @property
    def messages(self) -> list[tuple[str, list[str], email.message.EmailMessage]]:
        """(sender, recipients, message) of each message, in the order they arrived."""
        return [(item.sender, item.recipients, item.message) for item in self.received]

    def to(self, address: str) -> list[email.message.EmailMessage]:
        address = address.lower()
        return [
            item.message
            for item in self.received
            if address in (rcpt.lower() for rcpt in item.recipients)
        ]

    def settings(self) -> dict:
        return {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(self.port), "EMAIL_USE_TLS": "False"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def body(message: email.message.EmailMessage, subtype: str = "plain") -> str:
    return message.get_body(preferencelist=(subtype,)).get_content()


def deliver_outbox() -> int:
    """Do what the workers do with what a request queued: send the outbox's due mail,
    batch after batch, in this process; the number of messages sent.

    Within a test's transaction the batch must send from the test's own database
    connection (see the `smtp` fixture's NOTIFY_CONNECTIONS).
    """
    from lifeline.network.sending import send_batch

    sent = 0
    while True:
        report = send_batch()
        if not (report.sent or report.failed or report.retrying or report.lost):
            return sent
        sent += report.sent


@pytest.fixture
def smtp(settings):
    """A real SMTP server on localhost; Django's SMTP backend pointed at it."""
    server = SmtpServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = False
    settings.DEFAULT_FROM_EMAIL = "Lifeline <appeals@lifeline.example>"
    # Sending threads open database connections of their own, which cannot see a
    # test's uncommitted rows; worker processes are tested apart (tests/network/workers.py).
    settings.NOTIFY_CONNECTIONS = 1
    yield server
    server.stop()
