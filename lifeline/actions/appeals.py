"""Recording appeals and counting them.

Anyone may say "I have sent it", so the counts must resist a script saying it a
hundred times: recording is limited per client address, and the counts take an
anonymous writer's appeals once per browser, official and channel of a case
(signed-in members' appeals and emails the site sent each count).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lifeline.actions.models import Appeal, Channel
from lifeline.cases.models import Case, CaseStatus, Document, Target

RECORDING_WINDOW = dt.timedelta(hours=1)

CLOSED = _("This case is closed: no more appeals are asked for, so none can be recorded.")
UNAVAILABLE = {
    "letter": _("%(target)s has no postal address, so a printed letter cannot reach them."),
    "email": _("%(target)s has no email address."),
    "fax": _("%(target)s has no fax number."),
}


class AppealRefused(Exception):
    """An appeal that cannot be recorded: `field` names what is wrong ("case", "channel")."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def check_recordable(case: Case, channel: str, reachable: Iterable[str], target_name: str) -> None:
    """Raise `AppealRefused` for an appeal to a closed case, or by a channel the
    official cannot be reached by (a fax to an official with no fax number)."""
    if case.status == CaseStatus.CLOSED:
        raise AppealRefused("case", str(CLOSED))
    if channel not in reachable:
        raise AppealRefused("channel", UNAVAILABLE[channel] % {"target": target_name})


def recording_limited(client: str, now: dt.datetime | None = None) -> bool:
    """True when `client` (a hash, see `clients.client_hash`) recorded as many
    appeals in the last hour as `APPEAL_RECORDS_PER_CLIENT_PER_HOUR` allows."""
    limit = settings.APPEAL_RECORDS_PER_CLIENT_PER_HOUR
    if not client or limit <= 0:
        return False
    since = (now or timezone.now()) - RECORDING_WINDOW
    return Appeal.objects.filter(client=client, sent__gte=since).count() >= limit


def record_appeal(
    *,
    key: uuid.UUID,
    document: Document,
    target: Target,
    channel: str,
    language: str,
    writer=None,
    email: str = "",
    browser: str = "",
    client: str = "",
) -> tuple[Appeal, bool]:
    """Record that an appeal was sent; (appeal, created).

    A key already used gives back the appeal recorded with it, unchanged: the
    same form posted twice is one appeal. `browser` and `client` are hashes (see
    `lifeline.actions.clients`); `browser` is kept for anonymous writers only.
    """
    signed_in = writer is not None and writer.is_authenticated
    if channel not in Channel.values:
        raise ValueError(f"Unknown channel {channel!r}")
    fields = {
        "document": document,
        "target": target,
        "channel": channel,
        "language": language[:10],
        "writer": writer if signed_in else None,
        "email": email,
        "browser": "" if signed_in else browser,
        "client": client,
    }
    existing = Appeal.objects.filter(key=key).first()
    if existing:
        return existing, False
    try:
        # A savepoint, so a twin request winning the race leaves this
        # transaction usable (PostgreSQL aborts it on the IntegrityError).
        with transaction.atomic():
            return Appeal.objects.create(key=key, **fields), True
    except IntegrityError:
        return Appeal.objects.get(key=key), False


@dataclass
class TargetCount:
    name: str
    by_channel: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_channel.values())


@dataclass
class CaseCounts:
    """Appeals sent for a case: per target, per channel, and in all."""

    targets: list[TargetCount]
    channels: list[tuple[str, str]]  # (value, label) in display order

    @property
    def total(self) -> int:
        return sum(row.total for row in self.targets)

    def rows(self) -> list[tuple[str, list[int], int]]:
        """(official, count per channel in `channels` order, total) for a table."""
        return [
            (row.name, [row.by_channel.get(c, 0) for c, _ in self.channels], row.total)
            for row in self.targets
        ]

    def channel_totals(self) -> list[int]:
        return [sum(row.by_channel.get(c, 0) for row in self.targets) for c, _ in self.channels]


_TARGET_NAME = ("target__name", "target__title", "target__organisation")


# Anonymous appeals recorded from a browser count once per browser (per official
# and channel, as the rows are grouped); the rest count each.
_COUNTED = Count("id", filter=Q(writer__isnull=False) | Q(browser="")) + Count(
    "browser", distinct=True, filter=Q(writer__isnull=True) & ~Q(browser="")
)


def counted(appeals: QuerySet[Appeal], *fields: str) -> QuerySet:
    """`appeals` grouped by `fields`, each row with its `count` as the counts show it."""
    return appeals.order_by().values(*fields).annotate(count=_COUNTED)


def case_counts(case: Case) -> CaseCounts:
    """Running counts over every document of `case`, in one query."""
    rows = counted(
        Appeal.objects.filter(document__case=case), "target_id", *_TARGET_NAME, "channel"
    )
    by_target: dict[int, TargetCount] = {}
    for row in rows:
        if row["target_id"] not in by_target:
            name, title, organisation = (row[field] for field in _TARGET_NAME)
            label = ", ".join(part for part in (name, title) if part) or organisation
            by_target[row["target_id"]] = TargetCount(label, {})
        by_target[row["target_id"]].by_channel[row["channel"]] = row["count"]
    ordered = sorted(by_target.values(), key=lambda row: (-row.total, row.name))
    return CaseCounts(targets=ordered, channels=list(Channel.choices))
