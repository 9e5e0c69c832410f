"""The letter-writing desk of a case: whom to write to, which way, and the draft.

Views hand it a case and the writer's cleaned choices; it reads the database
in a fixed number of queries and leaves composing to the pure composer and
channel advice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from lifeline.actions.from_models import parsed_document, parsed_group
from lifeline.cases import queries
from lifeline.cases.models import (
    AppealGroup,
    AppealPointsTranslation,
    Case,
    CaseStatus,
    Document,
    DocumentKind,
    Target,
)
from lifeline.documents.model import ParsedAppealGroup, ParsedDocument, ParsedTarget
from lifeline.letters import Letter, Writer, compose
from lifeline.letters.advice import Advice, advise, target_channels
from lifeline.letters.errors import LetterError

# A writer who has not given their name yet gets a draft to sign by hand; the
# same blank the PDF template draws lines for.
BLANK_NAME = "_" * 16


@dataclass
class Recipient:
    """One official of one appeal group: a choice in "Write to".

    `value` is "<group>-<target>", both counted from 1 in the sheet's order, as
    the `lifeline letter` command counts them.
    """

    value: str
    group: AppealGroup
    target: Target
    parsed_group: ParsedAppealGroup
    parsed_target: ParsedTarget
    channels: tuple[str, ...]


@dataclass
class Desk:
    """What the writing page knows of a case before the writer chooses anything.

    `document` is the newest document with appeal groups (the current
    recommended action); `stop` the stop action of a closed case.
    """

    case: Case
    status: str
    document: Document | None
    parsed: ParsedDocument | None
    recipients: list[Recipient]
    translations: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    stop: Document | None = None

    @property
    def can_write(self) -> bool:
        return self.status != CaseStatus.CLOSED and bool(self.recipients)

    def recipient(self, value: str) -> Recipient | None:
        return next((r for r in self.recipients if r.value == value), None)

    def action(self) -> tuple[Document, ParsedDocument]:
        """The recommended action letters are drafted from, stored and parsed.

        Raises LetterError for a case without one: its page offers no one to
        write to, so only a hand-made request gets here.
        """
        if self.document is None or self.parsed is None:
            raise LetterError(_("This case asks for no letters."))
        return self.document, self.parsed


def writing_desk(case: Case, today: dt.date | None = None) -> Desk:
    """The desk for `case`: six queries (documents, concerns, groups, points,
    targets, translations) after the case itself."""
    today = today or timezone.localdate()
    page = queries.case_page(case)
    stop = next((d for d in reversed(page.timeline) if d.kind == DocumentKind.STOP_ACTION), None)
    status = case.status_on(today)
    if page.action is None:
        return Desk(case=case, status=status, document=None, parsed=None, recipients=[], stop=stop)
    translations: dict[int, dict[str, list[str]]] = {}
    rows = AppealPointsTranslation.objects.filter(group__in=page.groups)
    for row in rows.only("group_id", "language", "points"):
        translations.setdefault(row.group_id, {})[row.language] = list(row.points)
    recipients = []
    for group_number, group in enumerate(page.groups, start=1):
        plain = parsed_group(group)
        links = group.target_links.all()
        for target_number, (link, target) in enumerate(zip(links, plain.targets, strict=True), 1):
            recipients.append(
                Recipient(
                    value=f"{group_number}-{target_number}",
                    group=group,
                    target=link.target,
                    parsed_group=plain,
                    parsed_target=target,
                    channels=target_channels(target),
                )
            )
    return Desk(
        case=case,
        status=status,
        document=page.action,
        parsed=parsed_document(page.action, page.groups),
        recipients=recipients,
        translations=translations,
        stop=stop,
    )


def advice_for(desk: Desk, recipient: Recipient | None, today: dt.date | None = None) -> Advice:
    document = desk.document
    return advise(
        status=desk.status,
        deadline=desk.case.deadline,
        appeal_immediately=bool(document and document.appeal_immediately),
        channels=recipient.channels if recipient else (),
        today=today or timezone.localdate(),
    )


@dataclass
class Choices:
    """What the writer chose on the page (a form's cleaned data)."""

    recipient: Recipient
    language: str
    channel: str
    writer: Writer


def draft(desk: Desk, choices: Choices, today: dt.date | None = None) -> Letter:
    """The writer's letter. Raises `LetterError` for what no letter can be made from.

    The seed is the writer's name and the document, so a writer sees the same
    wording each time the draft is redrawn and two writers see different ones.
    """
    document, parsed = desk.action()
    writer = choices.writer
    if not writer.name.strip():
        writer = Writer(**{**writer.__dict__, "name": BLANK_NAME})
    return compose(
        parsed,
        choices.recipient.parsed_group,
        choices.recipient.parsed_target,
        writer,
        language=choices.language,
        channel=choices.channel,
        seed=f"{writer.name}|{document.code}",
        date=today or timezone.localdate(),
        translations=desk.translations.get(choices.recipient.group.pk),
    )


def is_blank(letter: Letter) -> bool:
    return letter.signature == BLANK_NAME
