"""Remembering what searches found, in Django's cache, until the index changes.

Counting the facets and ranking the matches cost time in proportion to the number of
matches: a broad search over a large archive takes seconds, while the archive itself
changes a few times a day. So the facet counts of a search, and each page of its hits,
are remembered in the configured cache (settings.CACHES: the database's table, or
Redis with REDIS_URL; shared by every process either way) under a namespace named
after the index's generation.

The generation lives in the database (`IndexState`, one row), not in the cache, and
every transaction that changes the index gives it a new value (`bump()`, called by
`indexing.py` after the change, in its transaction). Each search reads it first, so
the moment the change commits every earlier answer is out of reach, in every process
at once, and a search computed while the change was in flight is stored under the old
generation, which nobody asks for again. A new generation is a random number, never
the old one plus one: the cache is not part of the database's transactions (Redis),
so an answer remembered inside a transaction that is then rolled back must not be
found again by a later change that would reuse its number. What is out of reach is
dropped by the cache itself (its expiry, and its size limit: MAX_ENTRIES of the
database cache, Redis's own memory policy).

Today's date changes what a search finds only through the deadlines: a case not closed
is open until its deadline, then past it (the status facet and filter). So the
namespace holds not the date but the next deadline to pass (the earliest deadline,
today or later, of a case not closed): the answers stay good from one day to the next
until that deadline passes, and not a day longer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import secrets

from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection

from lifeline.archive.busy import without_waiting
from lifeline.archive.models import IndexState, SearchEntry

logger = logging.getLogger(__name__)

# Seconds an answer is kept at most: a week. A change to the index makes it
# unreachable at once; this bounds how long unreachable answers take room in Redis,
# and makes a quiet archive work a search out again once a week.
TIMEOUT = 7 * 24 * 3600

_STATE = IndexState._meta.db_table
_ENTRY = SearchEntry._meta.db_table


def key_of(*parts) -> str:
    """A key for these parts (JSON-able; dates and dataclasses by their str)."""
    text = json.dumps(parts, default=str, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def new_generation() -> int:
    """A generation no earlier change had (a random 62-bit number; see the module's doc)."""
    return secrets.randbits(62)


def bump() -> None:
    """Make every remembered answer unreachable; call it in the transaction that
    changes the index, after the change.

    Bumped before the change and committed alone, it would let a search read the new
    generation with the old documents, and remember that under the new generation.
    """
    generation = new_generation()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {_STATE} SET generation = %s WHERE id = 1", [generation])  # noqa: S608
        if cursor.rowcount == 0:  # the row was flushed away (tests) or never made
            cursor.execute(
                f"INSERT INTO {_STATE} (id, generation) VALUES (1, %s) "  # noqa: S608
                "ON CONFLICT (id) DO NOTHING",
                [generation],
            )


def namespace(today: dt.date) -> str | None:
    """The prefix of the keys answers are remembered under for `today`, in one query:
    the generation and the next deadline to pass (see the module's doc).

    None when there is no state row; nothing is remembered then.
    """
    sql = (
        f"SELECT s.generation, (SELECT MIN(e.deadline) FROM {_ENTRY} e "  # noqa: S608
        f"WHERE e.closed = %s AND e.deadline >= %s) FROM {_STATE} s WHERE s.id = 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [False, today])
        row = cursor.fetchone()
    if row is None:
        return None
    generation, deadline = row
    if isinstance(deadline, dt.date):
        deadline = deadline.isoformat()
    return f"archive:{generation}:{deadline}"


def recall(space: str | None, keys: list[str]) -> dict[str, object]:
    """What is remembered in `space` for `keys`; nothing when the cache cannot be read."""
    if space is None:
        return {}
    try:
        found = caches["default"].get_many([f"{space}:{key}" for key in keys])
    except Exception:
        # Redis gone, or the cache table busy: the search is worked out instead.
        logger.warning("remembered searches could not be read", exc_info=True)
        return {}
    start = len(space) + 1
    return {key[start:]: value for key, value in found.items()}


def remember(space: str | None, payloads: dict[str, object]) -> None:
    """Store `payloads` (key -> picklable) in `space`; never fails the search."""
    if space is None or not payloads:
        return
    values = {f"{space}:{key}": payload for key, payload in payloads.items()}
    store = caches["default"]
    try:
        if isinstance(store, DatabaseCache):
            # The cache's table is written like any other: on SQLite, not behind an
            # import holding the write lock (the search has its answer already).
            with without_waiting():
                store.set_many(values, TIMEOUT)
        else:
            store.set_many(values, TIMEOUT)
    except Exception:
        # Busy, full, or Redis gone: the search has its answer; it is only not
        # remembered this time.
        logger.info("a search was not remembered", exc_info=True)
