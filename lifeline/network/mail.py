"""Notification mail: subject, plain text and HTML, in the member's language.

Rendering the templates is most of the cost of a message, and everything in it
but the member's name and unsubscribe link depends only on the documents and
the language. So each (documents, language) is rendered once, with markers
where the personal parts go, and each message only fills the markers in.
"""

from __future__ import annotations

import base64
import contextlib
import re
import uuid
from dataclasses import dataclass
from email.header import Header
from email.utils import formatdate

from django.conf import settings
from django.core.mail.message import sanitize_address
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape

from lifeline.actions.appeals import case_counts
from lifeline.cases.models import Document, DocumentKind, Outcome, OutcomeKind
from lifeline.cases.queries import case_people
from lifeline.network import links, news
from lifeline.network.models import Follower, Member

NAME = "@@lifeline-member-name@@"
UNSUBSCRIBE = "@@lifeline-unsubscribe-url@@"
SIGNED_PART = "lifeline-signed-part-marker"
# An address that needs no quoting or encoding in a header (what nearly all are).
PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+")


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    subject_header: str  # encoded and folded once, for every message of this rendering


def encode_header(name: str, value: str) -> str:
    """`value` as RFC 2047 encoded words, folded after `name: ` (CRLF + space).

    Done with the compat32 `Header` class, whose folding keeps the spaces between
    words that CPython 3.11's default policy can drop in long non-ASCII subjects.
    """
    charset = "us-ascii" if value.isascii() else "utf-8"
    return Header(value, charset, header_name=name).encode(linesep="\r\n")


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


def to_header(address: str) -> str:
    """The To: header of `address`; Django's sanitising only for the rare address that needs it."""
    if PLAIN_ADDRESS.fullmatch(address):
        return address
    return sanitize_address(address, "utf-8")


def envelope_address(address: str) -> str:
    """`address` for the SMTP envelope: the domain in IDNA (xn--) form.

    A non-ASCII local part stays as it is; it needs a server with SMTPUTF8.
    """
    local, _, domain = address.rpartition("@")
    # A domain IDNA cannot encode is left for the server to refuse, which is a bounce.
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}"


def document_context(document: Document) -> dict:
    groups = [
        {"audience": group.audience, "points": [point.text for point in group.points.all()]}
        for group in document.groups.all()
    ]
    return {
        "document": document,
        "kind": DocumentKind(document.kind).label if document.kind in DocumentKind.values else "",
        "people": document.people_at_risk,
        "groups": [group for group in groups if group["points"]],
        "deadline": document.appeal_deadline,
        "closed": document.kind == DocumentKind.STOP_ACTION,
        "write_url": links.write_url(document.case),
        "case_url": links.absolute(document.case.get_absolute_url()),
    }


def outcome_context(outcome: Outcome) -> dict:
    case = outcome.case
    return {
        "outcome": outcome,
        "case": case,
        "kind": OutcomeKind(outcome.kind).label,
        "good_news": outcome.kind != OutcomeKind.OTHER,
        "people": case_people(case),
        # As the case page and the API count (an anonymous browser once per official
        # and channel), so a script's hundred "I have sent it" do not swell the thanks.
        "appeals": case_counts(case).total,
        "case_url": links.absolute(case.get_absolute_url()),
    }


def _render(template: str, context: dict, language: str) -> Rendered:
    """The subject, text and HTML of network/mail/TEMPLATE*, with the personal markers."""
    context = {
        **context,
        "name": NAME,
        "unsubscribe_url": UNSUBSCRIBE,
        "site_url": settings.SITE_URL,
    }
    with translation.override(language):
        subject = render_to_string(f"network/mail/{template}_subject.txt", context)
        text = render_to_string(f"network/mail/{template}.txt", context)
        html = render_to_string(f"network/mail/{template}.html", context)
    subject = " ".join(subject.split())
    return Rendered(subject, text, html, encode_header("Subject", subject))


class Composer:
    """Builds notification messages, caching renderings by (subject matter, language)."""

    def __init__(self) -> None:
        self._rendered: dict[tuple, Rendered] = {}
        self._documents: dict[int, Document] = {}
        self._unsubscribe: list[str] | None = None
        self.from_email = settings.DEFAULT_FROM_EMAIL
        self.domain = self.from_email.rpartition("@")[2].strip("> ") or "localhost"
        self.from_header = sanitize_address(self.from_email, "utf-8")
        self.envelope_from = (
            sanitize_address(self.from_email, "ascii").rpartition("<")[2].strip(">")
        )

    def _document(self, pk: int) -> Document:
        if pk not in self._documents:
            self._documents[pk] = (
                Document.objects.select_related("case")
                .prefetch_related("groups__points")
                .get(pk=pk)
            )
        return self._documents[pk]

    def render(self, document_ids: list[int], language: str) -> Rendered:
        key = (tuple(document_ids), language)
        if key not in self._rendered:
            items = [document_context(self._document(pk)) for pk in document_ids]
            context = {"items": items, "digest": len(items) > 1}
            self._rendered[key] = _render("notification", context, language)
        return self._rendered[key]

    def render_outcome(self, outcome_id: int, language: str, follower: bool = False) -> Rendered:
        """The news of an outcome; a `follower` is greeted without a name and told why
        they hear it (they asked on "I have sent it", they never joined)."""
        key = (("outcome", outcome_id, follower), language)
        if key not in self._rendered:
            outcome = Outcome.objects.select_related("case").get(pk=outcome_id)
            context = {**outcome_context(outcome), "follower": follower}
            self._rendered[key] = _render("outcome", context, language)
        return self._rendered[key]

    def message(self, member: Member, document_ids: list[int], message_id: str) -> bytes:
        """The message for `member` about the documents (one, or several in a digest)."""
        return self.assemble(member, self.render(document_ids, member.language), message_id)

    def outcome_message(self, member: Member | Follower, outcome_id: int, message_id: str) -> bytes:
        """The news of an outcome for `member` (or follower), who wrote about its case."""
        follower = isinstance(member, Follower)
        rendered = self.render_outcome(outcome_id, member.language, follower)
        return self.assemble(member, rendered, message_id)

    def unsubscribe_url(self, member: Member | Follower) -> str:
        """`links.unsubscribe_url`, with the URL reversed once per composer, not per message.

        A follower's link stops the news of cases (`news.stop_url`).
        """
        if isinstance(member, Follower):
            return news.stop_url(member.code)
        if self._unsubscribe is None:
            self._unsubscribe = links.unsubscribe_url_for(SIGNED_PART).split(SIGNED_PART)
        before, after = self._unsubscribe
        return f"{before}{links.unsubscribe_token(member.code)}{after}"

    def assemble(self, member: Member | Follower, rendered: Rendered, message_id: str) -> bytes:
        """`rendered` made personal for `member`, as the bytes of a MIME message.

        Written out directly rather than through `email.message`: its generator
        re-folds every header of every message, which cost more than everything
        else a worker does per message. The tests read it back with `email`.
        `message_id` is stable for the delivery, so that a message sent twice after
        a crash (see sending.py) carries the same Message-ID and mail programs that
        recognise duplicates show it once.
        """
        unsubscribe = self.unsubscribe_url(member)
        text = rendered.text.replace(NAME, member.name).replace(UNSUBSCRIBE, unsubscribe)
        html = rendered.html.replace(NAME, escape(member.name)).replace(
            UNSUBSCRIBE, escape(unsubscribe)
        )
        boundary = f"=={uuid.uuid4().hex}=="
        head = (
            f"From: {self.from_header}\r\n"
            f"To: {to_header(member.email)}\r\n"
            f"Subject: {rendered.subject_header}\r\n"
            f"Date: {formatdate()}\r\n"
            f"Message-ID: <{message_id}@{self.domain}>\r\n"
            f"List-Unsubscribe: <{unsubscribe}>\r\n"
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
            f"Content-Language: {member.language}\r\n"
            "MIME-Version: 1.0\r\n"
            f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n'
        )
        separator = f"\r\n--{boundary}\r\n".encode("ascii")
        return b"".join(
            [
                head.encode("ascii"),
                separator[2:],
                mime_part("text/plain", text),
                separator,
                mime_part("text/html", html),
                f"\r\n--{boundary}--\r\n".encode("ascii"),
            ]
        )
