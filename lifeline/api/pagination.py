"""Limit/offset pagination with links to the neighbouring pages.

Every list orders by a unique column last (the primary key), so a page boundary
never moves between requests that see the same rows.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

DEFAULT_LIMIT = 25
MAX_LIMIT = 100


def paginate(request: HttpRequest, queryset: QuerySet, limit: int, offset: int) -> dict:
    """`count`, `limit`, `offset`, `next`, `previous` and `items` (the page's rows).

    Two queries: a COUNT and the page itself. Deep offsets cost the database a
    scan of the skipped rows; the archive's lists are small enough for that, and
    the bulk export streams everything without paging.
    """
    count = queryset.count()
    items = list(queryset[offset : offset + limit]) if offset < count else []
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": _link(request, limit, offset + limit) if offset + limit < count else None,
        "previous": _link(request, limit, max(offset - limit, 0)) if offset > 0 else None,
        "items": items,
    }


def _link(request: HttpRequest, limit: int, offset: int) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
