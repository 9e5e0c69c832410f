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
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lifeline.actions.models import Appeal, Channel
from lifeline.cases.models import AppealGroup, Case, Document, GroupTarget, Target

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


def check_recordable(
    closed: bool, channel: str, reachable: Iterable[str], target_name: str
) -> None:
    """Raise `AppealRefused` for an appeal to a closed case, or by a channel the
    official cannot be reached by (a fax to an official with no fax number)."""
    if closed:
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
    values = _values(key, channel, language, writer, email, browser, client)
    values |= {"document_id": document.pk, "target_id": target.pk}
    marks = ", ".join(["%s"] * len(values))
    appeal = _insert(values, f"{_INSERT} VALUES ({marks}) {_ON_CONFLICT}", [])
    if appeal is None:
        return Appeal.objects.get(key=key), False
    return appeal, True


def _values(key, channel, language, writer, email, browser, client) -> dict:
    """The columns of a new appeal (but its document and official), as Python values."""
    signed_in = writer is not None and writer.is_authenticated
    if channel not in Channel.values:
        raise ValueError(f"Unknown channel {channel!r}")
    return {
        "code": uuid.uuid4(),
        "key": key,
        "channel": channel,
        "language": language[:10],
        "writer_id": writer.pk if signed_in else None,
        "email": email,
        "sent": timezone.now(),
        "browser": "" if signed_in else browser,
        "client": client,
    }


def _insert(values: dict, statement: str, more: list) -> Appeal | None:
    """Run an INSERT of `values` (then the `more` parameters); the appeal, or None when
    it inserted nothing. One statement: INSERT ... ON CONFLICT on the key, rather than
    a SELECT for the key first, a savepoint and an INSERT that may still lose a race."""
    params = [_adapted(value) for value in values.values()]
    with connection.cursor() as cursor:
        cursor.execute(statement, params + more)
        row = cursor.fetchone()
    if row is None:
        return None
    appeal = Appeal(id=row[0], **values)
    appeal._state.adding = False
    appeal._state.db = connection.alias
    return appeal


def _adapted(value):
    """`value` as the database takes it: what the fields' get_db_prep_save() would
    give for the appeal's columns (UUIDs, aware datetimes, strings, ids), at a fraction
    of the cost, which counts on this path."""
    if isinstance(value, uuid.UUID):
        return value if connection.features.has_native_uuid_field else value.hex
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


@dataclass(frozen=True)
class Recordable:
    """What recording an appeal to one official about one document checks, as read
    at one revision: the `updated` stamps of the document, its case and the official.

    Kept per process (`known`) so that the next appeal about the same document and
    official skips reading and parsing them; `record_known` has the database confirm
    the revision in the INSERT itself, so a changed document, case or official is
    never recorded against from memory.
    """

    document_id: int
    document_code: uuid.UUID
    case_slug: str
    closed: bool
    target_id: int
    target_code: uuid.UUID
    target_name: str
    channels: tuple[str, ...]
    revision: tuple  # (document.updated, case.updated, target.updated)
    stamps: tuple  # the same as the database's parameters (adapting them costs)

    @classmethod
    def read(
        cls, document: Document, case: Case, target: Target, channels, name: str = ""
    ) -> Recordable:
        return cls(
            document_id=document.pk,
            document_code=document.code,
            case_slug=case.slug,
            closed=case.closed,
            target_id=target.pk,
            target_code=target.code,
            target_name=name or target.display_name,
            channels=tuple(channels),
            revision=(document.updated, case.updated, target.updated),
            stamps=tuple(map(_adapted, (document.updated, case.updated, target.updated))),
        )

    def takes(self, channel: str) -> bool:
        """True when an appeal by `channel` passes `check` as read."""
        return not self.closed and channel in self.channels

    def check(self, channel: str) -> None:
        """`check_recordable` on what was read."""
        check_recordable(self.closed, channel, self.channels, self.target_name)


# A few hundred documents and officials are written about at any time; a full
# cache is emptied rather than kept in order (a miss costs two queries).
KNOWN_MAX = 512
_known: dict[tuple, Recordable] = {}


def known(key: tuple) -> Recordable | None:
    return _known.get(key)


def remember(key: tuple, facts: Recordable) -> None:
    if len(_known) >= KNOWN_MAX:
        _known.clear()
    _known[key] = facts


def forget(key: tuple) -> None:
    _known.pop(key, None)


def record_known(
    facts: Recordable,
    *,
    key: uuid.UUID,
    channel: str,
    language: str,
    writer=None,
    email: str = "",
    browser: str = "",
    client: str = "",
) -> Appeal | None:
    """Record a new appeal in one statement, or None when it cannot be done from `facts`.

    The INSERT takes place only if the document, its case and the official still
    carry the stamps of `facts.revision` and the document still names the official,
    if the client is under `APPEAL_RECORDS_PER_CLIENT_PER_HOUR` and if the key is
    new (ON CONFLICT DO NOTHING). Otherwise nothing is written and the caller takes
    the full path (`record_appeal` after its checks), which says which it was; a
    check inside the INSERT cannot be raced by another request either.
    """
    values = _values(key, channel, language, writer, email, browser, client)
    document_stamp, case_stamp, target_stamp = facts.stamps
    more = [facts.target_id, facts.document_id, document_stamp, case_stamp, target_stamp]
    limit = settings.APPEAL_RECORDS_PER_CLIENT_PER_HOUR
    statement = _INSERT_KNOWN
    if client and limit > 0:
        statement = _INSERT_KNOWN_LIMITED
        since = _adapted(values["sent"] - RECORDING_WINDOW)
        more += [client, since, limit]
    appeal = _insert(values, statement, more)
    if appeal is not None:
        appeal.document_id, appeal.target_id = facts.document_id, facts.target_id
    return appeal


_APPEALS = Appeal._meta.db_table
_COLUMNS = ["code", "key", "channel", "language", "writer_id", "email", "sent", "browser"]
_COLUMNS += ["client", "document_id", "target_id"]
_QUOTED = ", ".join(f'"{name}"' for name in _COLUMNS)
_INSERT = f"INSERT INTO {_APPEALS} ({_QUOTED})"
_ON_CONFLICT = 'ON CONFLICT ("key") DO NOTHING RETURNING id'
_INSERT_KNOWN = f"""{_INSERT}
SELECT {", ".join(["%s"] * 9)}, d.id, t.id
FROM {Document._meta.db_table} d
JOIN {Case._meta.db_table} c ON c.id = d.case_id
JOIN {Target._meta.db_table} t ON t.id = %s
WHERE d.id = %s AND d.updated = %s AND c.updated = %s AND NOT c.closed AND t.updated = %s
    AND EXISTS (
        SELECT 1 FROM {GroupTarget._meta.db_table} gt
        JOIN {AppealGroup._meta.db_table} g ON g.id = gt.group_id
        WHERE g.document_id = d.id AND gt.target_id = t.id
    )
    {{under_limit}}
{_ON_CONFLICT}"""  # noqa: S608 - table and column names only; every value is a parameter
_INSERT_KNOWN_LIMITED = _INSERT_KNOWN.replace(
    "{under_limit}",
    f"AND (SELECT count(*) FROM {_APPEALS} WHERE client = %s AND sent >= %s) < %s",  # noqa: S608
)
_INSERT_KNOWN = _INSERT_KNOWN.replace("{under_limit}", "")


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
    channels: list[tuple[str, str | Promise]]  # (value, label) in display order

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
