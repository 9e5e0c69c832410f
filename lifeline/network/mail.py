"""The messages of the outbox, each written from its named template set (`lib.emails`).

Notifications are most of the mail, and rendering the templates is most of the
cost of a message. Everything in one but the member's name and unsubscribe
link depends only on the documents and the language, so the `Composer` renders
each (documents, language) once, with markers where the personal parts go, and
each message only fills the markers in. The other mail (a sign-up confirmation,
a password reset, an appeal email and the link to its writer) is rare, and
rendered for each message, from what its row names: a link that confirms or
signs in is only ever made here, at sending, never stored.
"""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail.message import sanitize_address
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_encode

from lifeline.actions.appeals import case_counts
from lifeline.actions.models import CONFIRMATION_MAX_AGE, confirmation_token
from lifeline.cases.models import Document, DocumentKind, Outcome, OutcomeKind
from lifeline.cases.queries import case_people
from lifeline.lib import emails
from lifeline.lib.emails import Rendered
from lifeline.network import links, news, signup
from lifeline.network.models import Delivery, Follower, MailKind, Member

NAME = "@@lifeline-member-name@@"
UNSUBSCRIBE = "@@lifeline-unsubscribe-url@@"
SIGNED_PART = "lifeline-signed-part-marker"


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


def _render(name: str, context: dict, language: str) -> Rendered:
    """A notification's template set, with the personal markers."""
    context = {
        **context,
        "name": NAME,
        "unsubscribe_url": UNSUBSCRIBE,
        "site_url": settings.SITE_URL,
    }
    return emails.render(name, context, language)


def reset_url(user) -> str:
    """The link that lets `user` choose a new password (Django's one-use token)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return links.absolute(reverse("network:password_reset_confirm", args=[uid, token]))


def appeal_confirm_path(outgoing) -> str:
    """The path of the link that confirms an appeal email's writer, signed now."""
    return reverse("network:appeal_confirm", kwargs={"token": confirmation_token(outgoing)})


def site_address() -> str:
    # DEFAULT_FROM_EMAIL may carry a display name; an appeal's writer's name replaces it.
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL


class Composer:
    """Writes the messages of the outbox, caching notifications' renderings by
    (subject matter, language)."""

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

    def compose(self, rows: list[Delivery], message_id: str) -> tuple[str, bytes]:
        """The address and the bytes of the message of `rows` (several only in a digest)."""
        row = rows[0]
        if row.kind == MailKind.NOTIFICATION:
            member = row.member
            return member.email, self.message(member, [r.document_id for r in rows], message_id)
        if row.kind == MailKind.OUTCOME:
            recipient = row.recipient
            return recipient.email, self.outcome_message(recipient, row.outcome_id, message_id)
        if row.kind == MailKind.CONFIRM:
            return self._confirmation(row.member, message_id)
        if row.kind == MailKind.RESET:
            return self._reset(row.user, message_id)
        if row.kind == MailKind.APPEAL_LINK:
            return self._appeal_link(row, message_id)
        if row.kind == MailKind.APPEAL:
            return self._appeal(row, message_id)
        raise ValueError(f"no message is written for mail of kind {row.kind!r}")

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

        `message_id` is stable for the delivery, so that a message sent twice after
        a crash (see sending.py) carries the same Message-ID and mail programs that
        recognise duplicates show it once.
        """
        unsubscribe = self.unsubscribe_url(member)
        return emails.message(
            from_header=self.from_header,
            to=member.email,
            subject_header=rendered.subject_header,
            message_id=f"{message_id}@{self.domain}",
            language=member.language,
            text=rendered.text.replace(NAME, member.name).replace(UNSUBSCRIBE, unsubscribe),
            html=rendered.html.replace(NAME, escape(member.name)).replace(
                UNSUBSCRIBE, escape(unsubscribe)
            ),
            headers=(
                f"List-Unsubscribe: <{unsubscribe}>\r\n"
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
            ),
        )

    def _plain(
        self, to: str, rendered: Rendered, message_id: str, language: str, **options
    ) -> tuple[str, bytes]:
        data = emails.message(
            from_header=options.get("from_header", self.from_header),
            to=to,
            subject_header=rendered.subject_header,
            message_id=f"{message_id}@{self.domain}",
            language=language,
            text=rendered.text,
            html=rendered.html,
            headers=options.get("headers", ""),
        )
        return to, data

    def _confirmation(self, member: Member, message_id: str) -> tuple[str, bytes]:
        """The double opt-in mail: the link confirms the address and chooses the password."""
        context = {
            "member": member,
            "confirm_url": links.confirm_url(signup.confirm_token(member)),
        }
        rendered = emails.render("confirm", context, member.language)
        return self._plain(member.email, rendered, message_id, member.language)

    def _reset(self, user, message_id: str) -> tuple[str, bytes]:
        member = getattr(user, "member", None)
        language = member.language if member else settings.LANGUAGE_CODE
        context = {"user": user, "member": member, "reset_url": reset_url(user)}
        rendered = emails.render("reset", context, language)
        return self._plain(user.email, rendered, message_id, language)

    def _appeal_link(self, row: Delivery, message_id: str) -> tuple[str, bytes]:
        """The link to an appeal email's writer, in the language of the page they asked on."""
        language = row.context.get("language") or settings.LANGUAGE_CODE
        context = {
            "outgoing": row.appeal,
            "url": row.context["site_url"] + appeal_confirm_path(row.appeal),
            "hours": int(CONFIRMATION_MAX_AGE.total_seconds() // 3600),
        }
        rendered = emails.render("appeal-link", context, language)
        return self._plain(row.to, rendered, message_id, language)

    def _appeal(self, row: Delivery, message_id: str) -> tuple[str, bytes]:
        """An appeal email, written when it was asked for: from the site's address named
        for the writer, with the writer's address for replies."""
        outgoing = row.appeal
        rendered = Rendered(
            outgoing.subject,
            outgoing.text,
            outgoing.html,
            emails.encode_header("Subject", outgoing.subject),
        )
        sender = emails.address_header(site_address(), f"{outgoing.writer_name} via Lifeline")
        return self._plain(
            row.to,
            rendered,
            message_id,
            outgoing.language,
            from_header=sender,
            headers=emails.header_lines(("Reply-To", emails.address_header(outgoing.sender.email))),
        )
