"""What a search returns: plain data classes, the stable interface of `lifeline.archive.search`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The facet names, in the order pages and JSON show them.
FACETS = ("country", "concern", "kind", "year", "status")
SORTS = ("relevance", "date")
MAX_PER_PAGE = 100
# Hits per page unless asked otherwise: the default of `search()`, the search page's and
# the API's, so that the search page with nothing asked is what `search("")` asks.
PER_PAGE = 20


class InvalidSearch(ValueError):
    """A filter, sort, page or cursor value that cannot be searched with.

    `field` names the parameter; the message says what was wrong with it. The text
    query itself never raises: any text is searchable.
    """

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class SearchTimeout(Exception):
    """A search that ran out of its time budget (settings.SEARCH_TIMEOUT_MS) and was stopped.

    Nothing of it is remembered and the database connection stays usable; callers answer
    with `message` (the search page with HTTP 503, the API's error shape, the CLI with a
    non-zero exit).
    """

    def __init__(self, milliseconds: int):
        from django.utils.translation import gettext

        self.milliseconds = milliseconds
        self.message = gettext(
            "The search took longer than %(seconds)s s and was stopped. Try more specific "
            "words, a phrase or a filter, or try again later."
        ) % {"seconds": f"{milliseconds / 1000:g}"}
        super().__init__(self.message)


@dataclass(frozen=True)
class SearchHit:
    """One matching document.

    `snippet` is an HTML fragment that is safe to insert as it is: the document's text
    is escaped and the matched words are wrapped in `<mark>` and `</mark>`; without a
    text query it is the start of the document, escaped. `case` is the case's slug.
    `rank` is higher for better matches (0.0 without a text query); it compares hits of
    one search only. `date` is when the document came out, or its estimate for sorting:
    `date_basis` says which, as `lifeline.cases.models.date_basis()` does ("issued"
    when the sheet gives it; "deadline" or "year" when estimated; None without a date).
    """

    document_id: int
    document_code: str
    document_index: str | None
    ua_number: str
    kind: str
    title: str
    snippet: str
    case: str
    date: dt.date | None
    rank: float
    date_basis: str | None = None

    def as_json(self) -> dict:
        """The keys of `lifeline search --json`."""
        return {
            "document_index": self.document_index,
            "ua_number": self.ua_number,
            "kind": self.kind,
            "title": self.title,
            "snippet": self.snippet,
            "case": self.case,
        }


@dataclass
class SearchResult:
    """A page of hits, the total and the facet counts over all matching documents.

    `facets` maps each name of FACETS to {value: number of matching documents}, most
    frequent first: country codes ("CN"), concern slugs, document kinds, years (as
    strings, newest first) and case statuses. Every facet is computed with all the
    filters of the search applied. `next_cursor` continues after the last hit with the
    same query, filters and sort (None on the last page). `from_memory` is True when the
    whole answer (facet counts and page) was remembered, so nothing was worked out.
    """

    query: str
    sort: str
    total: int
    results: list[SearchHit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    page: int = 1
    per_page: int = PER_PAGE
    next_cursor: str | None = None
    from_memory: bool = False

    def as_json(self) -> dict:
        """The document printed by `lifeline search --json`."""
        return {
            "total": self.total,
            "results": [hit.as_json() for hit in self.results],
            "facets": self.facets,
        }
