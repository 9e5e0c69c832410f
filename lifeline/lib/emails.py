"""Writing mail: one named template set makes a message, and the bytes that travel.

A mail named NAME is three templates in the project's `emails/` folder:
NAME-subject.txt, NAME-body.txt and NAME-body.html (a mail may do without the
HTML). `render()` is the one way the site writes any mail, in the recipient's
language; `message()` turns what it wrote into the bytes of a MIME message for
the outbox's sender (`lifeline.network.sending`), which is the only code that
hands mail to an SMTP server.

The bytes are written out directly rather than through `email.message`: its
generator re-folds every header of every message, which cost more than
everything else a worker does per message. The tests read them back with `email`.
"""

from __future__ import annotations

import base64
import contextlib
import re
import uuid
from dataclasses import dataclass
from email.header import Header
from email.utils import formatdate

from django.core.mail.message import sanitize_address
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import translation

# An address that needs no quoting or encoding in a header (what nearly all are).
PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+")


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str  # "" for a mail without an HTML part
    subject_header: str  # encoded and folded once, for every message of this rendering


def render(name: str, context: dict, language: str) -> Rendered:
    """The subject, text and HTML of the mail `name`, in `language`.

    The subject is one line whatever the template's line breaks.
    """
    with translation.override(language):
        subject = get_template(f"emails/{name}-subject.txt").render(context)
        text = get_template(f"emails/{name}-body.txt").render(context)
        try:
            html_template = get_template(f"emails/{name}-body.html")
        except TemplateDoesNotExist:
            html = ""
        else:
            html = html_template.render(context)
    subject = " ".join(subject.split())
    return Rendered(subject, text, html, encode_header("Subject", subject))


def encode_header(name: str, value: str) -> str:
    """`value` as RFC 2047 encoded words, folded after `name: ` (CRLF + space).

    Done with the compat32 `Header` class, whose folding keeps the spaces between
    words that CPython 3.11's default policy can drop in long non-ASCII subjects.
    """
    charset = "us-ascii" if value.isascii() else "utf-8"
    return Header(value, charset, header_name=name).encode(linesep="\r\n")


def address_header(address: str, name: str = "") -> str:
    """An address (with a display name) as a header value; Django's sanitising
    only for what needs it."""
    if not name and PLAIN_ADDRESS.fullmatch(address):
        return address
    return sanitize_address((name, address) if name else address, "utf-8")


def envelope_address(address: str) -> str:
    """`address` for the SMTP envelope: the domain in IDNA (xn--) form.

    A non-ASCII local part stays as it is; it needs a server with SMTPUTF8.
    """
    local, _, domain = address.rpartition("@")
    # A domain IDNA cannot encode is left for the server to refuse, which is a bounce.
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}"


def mime_part(content_type: str, text: str) -> bytes:
    """One text part: 8bit UTF-8 when every line fits SMTP's 998 bytes, else base64."""
    data = text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
    if max(map(len, data.split(b"\r\n")), default=0) <= 998:
        encoding, payload = "8bit", data
    else:
        encoding = "base64"
        payload = base64.encodebytes(data).replace(b"\n", b"\r\n")
    head = (
        f'Content-Type: {content_type}; charset="utf-8"\r\n'
        f"Content-Transfer-Encoding: {encoding}\r\n\r\n"
    )
    return head.encode("ascii") + payload


def message(
    *,
    from_header: str,
    to: str,
    subject_header: str,
    message_id: str,
    language: str,
    text: str,
    html: str,
    headers: str = "",
) -> bytes:
    """The bytes of a message: `text`, with `html` as its alternative when there is one.

    `from_header` and `subject_header` come encoded (`address_header`,
    `encode_header`); `headers` are further header lines, encoded, each ending
    in CRLF (`header_lines`). `message_id` is the part between the angle
    brackets, stable for an outbox row, so that a message sent twice after a
    crash carries the same Message-ID.
    """
    # One f-string: this runs for every notification, and the head is most of its cost.
    head = (
        f"From: {from_header}\r\n"
        f"To: {address_header(to)}\r\n"
        f"Subject: {subject_header}\r\n"
        f"Date: {formatdate()}\r\n"
        f"Message-ID: <{message_id}>\r\n"
        f"{headers}"
        f"Content-Language: {language}\r\n"
        "MIME-Version: 1.0\r\n"
    )
    if not html:
        return head.encode("ascii") + mime_part("text/plain", text)
    boundary = f"=={uuid.uuid4().hex}=="
    separator = f"\r\n--{boundary}\r\n".encode("ascii")
    return b"".join(
        [
            head.encode("ascii"),
            f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n'.encode("ascii"),
            separator[2:],
            mime_part("text/plain", text),
            separator,
            mime_part("text/html", html),
            f"\r\n--{boundary}--\r\n".encode("ascii"),
        ]
    )


def header_lines(*headers: tuple[str, str]) -> str:
    """Further header lines for `message()`; the values come encoded."""
    return "".join(f"{name}: {value}\r\n" for name, value in headers)
