"""Remembering what searches found, until the index changes.

Counting the facets and ranking the matches cost time in proportion to the number of
matches: a broad search over a large archive takes seconds, while the archive itself
changes a few times a day. So the facet counts of a search, and each page of its hits,
are remembered in the database (shared by every process, on both backends) under the
index's generation. Every transaction that changes the index bumps the generation
(`index_changed()`), so a remembered search is never used once its documents have
changed: the bump commits with the change, and a search computed while the change was
in flight is stored under the old generation, which nobody asks for again.

What was asked is kept apart (`AskedSearch`, bounded), so that after a change the
searches people make can be worked out again before they come back (`warming.py`).
"""

from __future__ import annotations

import hashlib
import json
import logging

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from lifeline.archive.models import AskedSearch, IndexState, RememberedSearch

logger = logging.getLogger(__name__)

# Rows kept at the current generation before the oldest half is dropped, and how
# many a process remembers between two looks at that limit.
MAX_REMEMBERED = 20_000
PRUNE_EVERY = 500
# Searches kept for warming, the most recently asked.
MAX_ASKED = 1_000
# How long a search waits for SQLite's write lock to remember what it found, in ms;
# a search is never held up behind an import just to fill the cache.
SQLITE_WRITE_WAIT_MS = 20

_STATE = IndexState._meta.db_table
_pruned_at: int | None = None
_since_pruned = 0


def key_of(*parts) -> str:
    """A cache key for these parts (JSON-able; dates and dataclasses by their str)."""
    text = json.dumps(parts, default=str, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def index_changed() -> None:
    """Make every remembered search stale; call it in the transaction that changes the index.

    Call it after the change, or in one transaction with it: a bump committed before
    the change would let a search read the new generation with the old documents,
    and remember that under the new generation.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {_STATE} SET generation = generation + 1 WHERE id = 1")  # noqa: S608
        if cursor.rowcount == 0:  # the row was flushed away (tests) or never made
            cursor.execute(
                f"INSERT INTO {_STATE} (id, generation) VALUES (1, 1) "  # noqa: S608
                "ON CONFLICT (id) DO NOTHING"
            )
    # Imported here: warming asks searches, which use this module.
    from lifeline.archive.warming import warm_after_commit

    warm_after_commit()


def recall(keys: list[str]) -> tuple[int | None, dict[str, object]]:
    """The current generation and what is remembered at it for `keys`, in one query.

    The generation is None when there is no state row; nothing is remembered then.
    """
    marks = ", ".join(["%s"] * len(keys))
    sql = (
        f"SELECT s.generation, r.key, r.payload FROM {_STATE} s "  # noqa: S608
        f"LEFT JOIN {RememberedSearch._meta.db_table} r "
        f"ON r.generation = s.generation AND r.key IN ({marks}) WHERE s.id = 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, keys)
        rows = cursor.fetchall()
    if not rows:
        return None, {}
    return rows[0][0], {key: json.loads(payload) for _, key, payload in rows if key}


def remember(
    generation: int | None, payloads: dict[str, object], question: dict | None = None
) -> None:
    """Store `payloads` (key -> JSON-able) at `generation`, and the `question` (the
    search's arguments) that they answer, for warming; never fails the search."""
    # Inside a transaction that changed the index, the generation read was that
    # transaction's own bump and the rows go or stay with it, so that is safe too.
    if generation is None or not payloads:
        return
    rows = [
        RememberedSearch(key=key, generation=generation, payload=json.dumps(payload))
        for key, payload in payloads.items()
    ]
    try:
        with _short_wait(), transaction.atomic():
            RememberedSearch.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["key"],
                update_fields=["generation", "payload", "created"],
            )
            if question is not None:
                text = json.dumps(question, sort_keys=True, default=str)
                AskedSearch.objects.bulk_create(
                    [AskedSearch(key=key_of(text), question=text, asked=timezone.now())],
                    update_conflicts=True,
                    unique_fields=["key"],
                    update_fields=["asked"],
                )
            _prune(generation)
    except DatabaseError:
        # Busy (an import holds SQLite's write lock) or any other trouble: the
        # search has its answer; it is only not remembered this time.
        logger.info("a search was not remembered", exc_info=True)


def _prune(generation: int) -> None:
    """Drop what earlier generations remembered, and the oldest half past the limits.

    Once per generation, and every PRUNE_EVERY remembers, per process, so the cost
    is spread thin and the table stays bounded however many different searches come.
    """
    global _pruned_at, _since_pruned
    _since_pruned += 1
    if _pruned_at == generation and _since_pruned < PRUNE_EVERY:
        return
    _pruned_at, _since_pruned = generation, 0
    RememberedSearch.objects.filter(generation__lt=generation).delete()
    current = RememberedSearch.objects.filter(generation=generation)
    if current.count() > MAX_REMEMBERED:
        cutoff = current.order_by("-created").values_list("created", flat=True)[MAX_REMEMBERED // 2]
        current.filter(created__lt=cutoff).delete()
    if AskedSearch.objects.count() > MAX_ASKED:
        cutoff = AskedSearch.objects.order_by("-asked").values_list("asked", flat=True)[MAX_ASKED]
        AskedSearch.objects.filter(asked__lte=cutoff).delete()


class _short_wait:
    """On SQLite, wait at most SQLITE_WRITE_WAIT_MS for the write lock, then give up."""

    def __enter__(self):
        self.sqlite = connection.vendor == "sqlite"
        if self.sqlite:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA busy_timeout")
                self.previous = cursor.fetchone()[0]
                cursor.execute(f"PRAGMA busy_timeout = {SQLITE_WRITE_WAIT_MS}")
        return self

    def __exit__(self, *exc):
        if self.sqlite:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {int(self.previous)}")
        return False
