"""The searches people asked, kept so that warming can ask them again (`warming.py`).

The search page and the API record each search they make (`record()`), as `search()`'s
arguments, and only when it was worked out rather than answered from memory: a recall
must stay one read, and a search worked out from scratch is the one that was slow. So
`asked` is the last time the search was worked out. What is kept is the search, never
who asked; the MAX_ASKED most recent are kept. `search()` itself records nothing, so
the searches warming makes, the CLI's and the related cases' are not counted.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import logging
from dataclasses import asdict

from django.db import DatabaseError, transaction
from django.db.models import Subquery
from django.utils import timezone

from lifeline.archive.busy import without_waiting
from lifeline.archive.cache import key_of
from lifeline.archive.models import AskedSearch
from lifeline.archive.results import SearchResult
from lifeline.archive.searching import clean_filters, search

logger = logging.getLogger(__name__)

MAX_ASKED = 1_000

_SIGNATURE = inspect.signature(search)


def question(query: str = "", **arguments) -> dict:
    """Every argument of `search()` for this call, its defaults filled in and its filters
    as the search reads them ("cn" is "CN", "2001" is 2001): a search asked in two ways
    is one question. Raises InvalidSearch for a filter that cannot be searched with."""
    bound = _SIGNATURE.bind(query, **arguments)
    bound.apply_defaults()
    found = dict(bound.arguments)
    filters = {name: found[name] for name in ("country", "concern", "kind", "year", "status")}
    found.update(asdict(clean_filters(**filters)))
    found["query"] = found["query"] or ""
    return found


def record(result: SearchResult, query: str, **arguments) -> None:
    """Record that `search(query, **arguments)`, which gave `result`, was asked, unless
    it was answered from memory; never fails the request."""
    if result.from_memory:
        return
    text = json.dumps(question(query, **arguments), sort_keys=True, default=str)
    try:
        # On SQLite, not behind an import's write lock: the visitor has the answer.
        with without_waiting(), transaction.atomic():
            AskedSearch.objects.bulk_create(
                [AskedSearch(key=key_of(text), question=text, asked=timezone.now())],
                update_conflicts=True,
                unique_fields=["key"],
                update_fields=["asked"],
            )
            # One statement however many there are: beyond MAX_ASKED, the oldest go.
            oldest_kept = AskedSearch.objects.order_by("-asked").values("asked")
            AskedSearch.objects.filter(
                asked__lt=Subquery(oldest_kept[MAX_ASKED - 1 : MAX_ASKED])
            ).delete()
    except DatabaseError:
        logger.info("an asked search was not recorded", exc_info=True)


def recent(limit: int) -> list[dict]:
    """The `limit` questions most recently asked, most recent first."""
    found = []
    for text in AskedSearch.objects.order_by("-asked").values_list("question", flat=True)[:limit]:
        asked = json.loads(text)
        if asked.get("today"):
            asked["today"] = dt.date.fromisoformat(asked["today"])
        found.append(asked)
    return found
