"""Recording appeals and counting them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count

from lifeline.actions.models import Appeal, Channel
from lifeline.cases.models import Case, Document, Target


def record_appeal(
    *,
    key: uuid.UUID,
    document: Document,
    target: Target,
    channel: str,
    language: str,
    writer=None,
    email: str = "",
) -> tuple[Appeal, bool]:
    """Record that an appeal was sent; (appeal, created).

    A key already used gives back the appeal recorded with it, unchanged: the
    same form posted twice is one appeal.
    """
    if channel not in Channel.values:
        raise ValueError(f"Unknown channel {channel!r}")
    fields = {
        "document": document,
        "target": target,
        "channel": channel,
        "language": language[:10],
        "writer": writer if writer is not None and writer.is_authenticated else None,
        "email": email,
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


def case_counts(case: Case) -> CaseCounts:
    """Running counts over every document of `case`, in one query."""
    rows = (
        Appeal.objects.filter(document__case=case)
        .order_by()
        .values("target_id", *_TARGET_NAME, "channel")
        .annotate(count=Count("id"))
    )
    by_target: dict[int, TargetCount] = {}
    for row in rows:
        if row["target_id"] not in by_target:
            name, title, organisation = (row[field] for field in _TARGET_NAME)
            label = ", ".join(part for part in (name, title) if part) or organisation
            by_target[row["target_id"]] = TargetCount(label, {})
        by_target[row["target_id"]].by_channel[row["channel"]] = row["count"]
    counted = sorted(by_target.values(), key=lambda row: (-row.total, row.name))
    return CaseCounts(targets=counted, channels=list(Channel.choices))
