"""The archive: full-text search with facets over SQLite FTS5 and PostgreSQL.

`search()` is the one entry point (the search page, the CLI and the JSON API call it);
it returns the plain data classes of `results`.
"""

from __future__ import annotations

import datetime as dt

from lifeline.archive.results import (
    FACETS,
    InvalidSearch,
    SearchHit,
    SearchResult,
    SearchTimeout,
)

__all__ = ["FACETS", "InvalidSearch", "SearchHit", "SearchResult", "SearchTimeout", "search"]


def search(
    query: str,
    *,
    country: str | None = None,
    concern: str | None = None,
    kind: str | None = None,
    year: int | str | None = None,
    status: str | None = None,
    sort: str = "relevance",
    page: int = 1,
    cursor: str | None = None,
    per_page: int = 20,
    today: dt.date | None = None,
) -> SearchResult:
    """Documents matching `query` and the filters, a page of them, and facet counts.

    `query` is any text: words (all must occur, stemmed: "returned" finds "return"),
    "quoted phrases" and prefixes (`tort*`); it is never an error, and text with
    nothing searchable in it (only stop words or punctuation) finds nothing. An empty
    query lists every document that passes the filters, newest first.

    Filters: `country` (ISO code, any case), `concern` (slug), `kind` (DocumentKind),
    `year` (of the document's date), `status` (CaseStatus of the document's case, on
    `today`). `sort` is "relevance" (best first) or "date" (newest first). Pages: either
    `page` (1-based, with `per_page` hits, at most 100) or `cursor`, the `next_cursor`
    of the previous page, which stays fast however deep (keyset for the date sort).

    Raises InvalidSearch for a bad filter, sort, page or cursor, and SearchTimeout when
    working it out takes longer than settings.SEARCH_TIMEOUT_MS (see `budget.py`).
    Costs one query when the same search (its facets and page) was answered since the
    index last changed, else five to ten (see `cache.py`).
    """
    from lifeline.archive.searching import search as run

    return run(
        query,
        country=country,
        concern=concern,
        kind=kind,
        year=year,
        status=status,
        sort=sort,
        page=page,
        cursor=cursor,
        per_page=per_page,
        today=today,
    )
