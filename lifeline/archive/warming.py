"""Warming: after the index changes, work out again the searches people made before.

A change to the index makes every remembered answer unreachable (`cache.py`), and a
broad search worked out from scratch over a large archive takes a second or more. So
once a change has committed, the searches most recently asked (`asked.py`) are asked
again by the `warm_searches` task (`tasks.py`, run by `lifeline worker`), most recent
first, within a time budget; by the time people come back, their searches are answered
from memory. The search page with nothing asked (the whole archive's facets, the
slowest of all) is always warmed first.
"""

from __future__ import annotations

import logging
import sys
import time

from tqdm import tqdm

from lifeline.archive import asked
from lifeline.archive.results import InvalidSearch, SearchTimeout
from lifeline.archive.searching import search

logger = logging.getLogger(__name__)

# How many searches one warming asks again at most, and for how long, in seconds.
WARM_LIMIT = 100
WARM_SECONDS = 60.0
# The search page with nothing asked: `search("")` with every default, as recorded.
FRONT_PAGE = asked.question("")


def questions(limit: int = WARM_LIMIT) -> list[dict]:
    """The searches to ask again: the front page, then the most recently asked."""
    found = [FRONT_PAGE]
    found += [question for question in asked.recent(limit) if question != FRONT_PAGE]
    return found[:limit]


def warm(limit: int = WARM_LIMIT, seconds: float = WARM_SECONDS, progress: bool = False) -> int:
    """Ask the searches of `questions()` again until done or `seconds` have passed.

    A search still remembered costs a query or two; the others are worked out and
    remembered at the current generation. Nothing is recorded as asked: warming a
    search is not someone asking it, so a search nobody makes any more drops out.
    Returns how many were asked.
    """
    done = 0
    deadline = time.monotonic() + seconds
    todo = questions(limit)
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
            done += 1
            bar.update(1)
    return done
