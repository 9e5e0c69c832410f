"""The archive: full-text search with facets over SQLite FTS5 and PostgreSQL.

`search()` (in `searching.py`) is the one entry point (the search page, the CLI and
the JSON API call it); it returns the plain data classes of `results`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lifeline.archive.results import (
    FACETS,
    InvalidSearch,
    SearchHit,
    SearchResult,
    SearchTimeout,
)

if TYPE_CHECKING:
    from lifeline.archive.searching import search

__all__ = ["FACETS", "InvalidSearch", "SearchHit", "SearchResult", "SearchTimeout", "search"]


def __getattr__(name: str):
    # `search` on first use: searching.py reads the models, which this package (an
    # installed app) is imported before.
    if name == "search":
        from lifeline.archive.searching import search

        return search
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
