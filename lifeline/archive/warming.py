"""Warming: after the index changes, work out again the searches people made before.

A change to the index makes every remembered search stale (`cache.py`), and a broad
search worked out from scratch over a large archive takes a second or more. So once a
change has committed, the searches most recently asked (`AskedSearch`) are asked again
in the background, most recent first, within a time budget; by the time people come
back, their searches are answered from memory. The search page with nothing asked
(the whole archive's facets, the slowest of all) is always warmed first.

Web edits enqueue the `warm_searches` task after their commit (one waiting task is
enough: it sees every change committed before it runs); `lifeline import` and
`lifeline reindex` hold that back while they work (`deferred()`) and warm once at the
end instead of once per document.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import json
import logging
import sys
import time

from django.db import DatabaseError, transaction
from tqdm import tqdm

from lifeline.archive.models import AskedSearch
from lifeline.archive.results import InvalidSearch, SearchTimeout

logger = logging.getLogger(__name__)

# How many searches one warming asks again at most, and for how long, in seconds.
WARM_LIMIT = 100
WARM_SECONDS = 60.0
# The search page with nothing asked, as `search()` records it.
FRONT_PAGE = {
    "query": "",
    "country": None,
    "concern": None,
    "kind": None,
    "year": None,
    "status": None,
    "sort": "relevance",
    "any_word": False,
    "page": 1,
    "cursor": None,
    "per_page": 20,
    "today": None,
}

_deferred = contextvars.ContextVar("archive_warming_deferred", default=False)
_warming = contextvars.ContextVar("archive_warming", default=False)


def warming_now() -> bool:
    """True inside `warm()`: its searches are not people asking, so not recorded as asked
    (else a search asked once would be warmed after every change for ever)."""
    return _warming.get()


@contextlib.contextmanager
def deferred():
    """Do not enqueue warming for the index changes made inside; the caller warms after."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def warm_after_commit() -> None:
    """Enqueue warming once the current transaction commits, unless deferred."""
    if not _deferred.get():
        transaction.on_commit(_enqueue)


def _enqueue() -> None:
    from django_tasks_db.models import DBTaskResult

    from lifeline.archive.tasks import warm_searches

    try:
        waiting = DBTaskResult.objects.ready().filter(task_path=warm_searches.module_path)
        if not waiting.exists():
            warm_searches.enqueue()
    except DatabaseError:
        # The change has committed; a search not warmed is only slower the first time.
        logger.warning("could not enqueue the warming of searches", exc_info=True)


def questions(limit: int = WARM_LIMIT) -> list[dict]:
    """The searches to ask again: the front page, then the most recently asked."""
    found = [FRONT_PAGE]
    for text in AskedSearch.objects.order_by("-asked").values_list("question", flat=True)[:limit]:
        question = json.loads(text)
        if question.get("today"):
            question["today"] = dt.date.fromisoformat(question["today"])
        if question != FRONT_PAGE:
            found.append(question)
    return found[:limit]


def warm(limit: int = WARM_LIMIT, seconds: float = WARM_SECONDS, progress: bool = False) -> int:
    """Ask the searches of `questions()` again until done or `seconds` have passed.

    A search still remembered costs one query; the others are worked out and
    remembered at the current generation. Returns how many were asked.
    """
    from lifeline.archive.searching import search

    asked = 0
    deadline = time.monotonic() + seconds
    todo = questions(limit)
    token = _warming.set(True)
    try:
        with tqdm(
            total=len(todo), disable=not progress, file=sys.stderr, unit="search", desc="warming"
        ) as bar:
            for question in todo:
                if time.monotonic() > deadline:
                    break
                try:
                    search(**question)
                except (InvalidSearch, TypeError):
                    # Asked in a form this version no longer takes: skip it.
                    logger.info("a search was not warmed: %r", question, exc_info=True)
                except SearchTimeout:
                    # Over its time budget now as when it was asked: it stays unremembered.
                    logger.warning("a search ran out of time while warming: %r", question)
                asked += 1
                bar.update(1)
    finally:
        _warming.reset(token)
    return asked
