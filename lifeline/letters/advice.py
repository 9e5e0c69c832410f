"""Which way to send an appeal, given the deadline and how the target can be reached.

Pure: dates and plain values in, an `Advice` out. The organisation's guidance is
that a printed letter by post carries the most weight when time allows; with
less than a week left a letter may arrive too late, so fax or email (where the
target has them) come first. After the deadline writing is still allowed, but
the writer should check with their section office first. A closed case (stop
action) asks for no more appeals.

`Advice.situation` is a code, not a sentence: the page that shows it words it
in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from lifeline.documents.model import ParsedTarget

# The composer's channels, in the order a page offers them.
CHANNELS = ("letter", "email", "fax")
# Fast channels, fastest first: a fax lands on a desk, an email in a filtered inbox.
FAST_CHANNELS = ("fax", "email")
# "More than a week left" is enough for an airmail letter to arrive.
POST_NEEDS = dt.timedelta(days=7)

OPEN, PAST_DEADLINE, CLOSED = "open", "past_deadline", "closed"

# Situations (`Advice.situation`).
POST = "post"  # time enough for a printed letter (or no deadline at all)
URGENT = "urgent"  # under a week left, or "appeal immediately" and no date
PAST = "past_deadline"  # writing allowed, check with the section office first
STOPPED = "closed"  # no new letters

# Why a channel cannot be chosen for a target (`Advice.unavailable`).
NO_POSTAL_ADDRESS = "no_postal_address"
NO_EMAIL = "no_email"
NO_FAX = "no_fax"
_MISSING = {"letter": NO_POSTAL_ADDRESS, "email": NO_EMAIL, "fax": NO_FAX}


@dataclass(frozen=True)
class Advice:
    """What to recommend to a writer about to write.

    `recommended` is a subset of `available`, best first; `unavailable` maps each
    channel the target cannot be reached by to why. `days_left` is None without a
    deadline and negative after it.
    """

    situation: str
    can_write: bool
    recommended: tuple[str, ...]
    available: tuple[str, ...]
    unavailable: dict[str, str]
    days_left: int | None
    deadline: dt.date | None

    @property
    def best(self) -> str | None:
        return self.recommended[0] if self.recommended else None


def target_channels(target: ParsedTarget | None) -> tuple[str, ...]:
    """The channels `target` can be reached by: a letter needs a postal address."""
    if target is None:
        return ()
    reachable = {
        "letter": any(line.strip() for line in target.address),
        "email": any(address.strip() for address in target.email),
        "fax": any(number.strip() for number in target.fax),
    }
    return tuple(channel for channel in CHANNELS if reachable[channel])


def advise(
    *,
    status: str,
    deadline: dt.date | None,
    appeal_immediately: bool,
    channels: Iterable[str],
    today: dt.date,
) -> Advice:
    """Recommend channels for a case in `status` ("open", "past_deadline", "closed").

    `channels` are those the target can be reached by (see `target_channels`).
    The deadline is checked against `today` too, so a status computed yesterday
    cannot recommend a letter that would now arrive late.
    """
    if status not in (OPEN, PAST_DEADLINE, CLOSED):
        raise ValueError(f"Unknown case status {status!r}: open, past_deadline or closed.")
    reachable = set(channels)
    unknown = reachable - set(CHANNELS)
    if unknown:
        raise ValueError(f"Unknown channel {sorted(unknown)[0]!r}: letter, email or fax.")
    available = tuple(channel for channel in CHANNELS if channel in reachable)
    unavailable = {channel: _MISSING[channel] for channel in CHANNELS if channel not in reachable}
    days_left = (deadline - today).days if deadline else None

    def advice(situation: str, recommended: tuple[str, ...], can_write: bool = True) -> Advice:
        return Advice(
            situation=situation,
            can_write=can_write,
            recommended=recommended,
            available=available,
            unavailable=unavailable,
            days_left=days_left,
            deadline=deadline,
        )

    if status == CLOSED:
        return advice(STOPPED, (), can_write=False)
    fast = tuple(channel for channel in FAST_CHANNELS if channel in reachable)
    # Late or urgent, a fast channel if there is one; else a letter is still better than none.
    fallback = fast or tuple(channel for channel in ("letter",) if channel in reachable)
    if status == PAST_DEADLINE or (days_left is not None and days_left < 0):
        return advice(PAST, fallback)
    # "Appeal immediately" without a date is urgent; with a date, the date decides.
    urgent = appeal_immediately if days_left is None else days_left < POST_NEEDS.days
    if urgent:
        return advice(URGENT, fallback)
    return advice(POST, ("letter",) if "letter" in reachable else fast)
