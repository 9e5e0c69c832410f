"""A sending rate per SMTP server, shared by every worker through the database."""

from __future__ import annotations

import datetime as dt
import time

from django.db import IntegrityError, transaction
from django.utils import timezone

from lifeline.network.models import SmtpRate


class RateLimit:
    """Hands out sending slots at `per_second` messages a second to one server.

    Each call reserves `count` slots at once (one short transaction), so the
    database sees one write per handful of messages rather than one per message.
    `per_second` 0 means no limit and no database work at all.
    """

    def __init__(self, server: str, per_second: int) -> None:
        self.server = server
        self.per_second = per_second

    def wait(self, count: int = 1) -> float:
        """Block until `count` messages may go; returns the seconds waited."""
        if self.per_second <= 0:
            return 0.0
        start = self.reserve(count)
        delay = (start - timezone.now()).total_seconds()
        if delay > 0:
            time.sleep(delay)
            return delay
        return 0.0

    def reserve(self, count: int) -> dt.datetime:
        now = timezone.now()
        span = dt.timedelta(seconds=count / self.per_second)
        for _ in range(2):
            try:
                with transaction.atomic():
                    rate = SmtpRate.objects.select_for_update().filter(server=self.server).first()
                    if rate is None:
                        SmtpRate.objects.create(server=self.server, next_slot=now + span)
                        return now
                    start = max(rate.next_slot, now)
                    rate.next_slot = start + span
                    rate.save(update_fields=["next_slot"])
                    return start
            except IntegrityError:
                continue  # another worker created the row first: read it again
        raise RuntimeError(f"could not reserve a sending slot for {self.server}")
