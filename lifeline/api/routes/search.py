"""Full-text search over the archive with facet counts (see lifeline.archive)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field, StringConstraints

from lifeline import archive
from lifeline.api import present
from lifeline.api.errors import ApiError, responses
from lifeline.api.routes.cases import Country, Slug
from lifeline.api.schemas import NO_NUL, Kind, SearchOut, Status
from lifeline.archive import asked

router = Router(tags=["search"])


class SearchParams(Schema):
    q: Annotated[str, StringConstraints(max_length=500, pattern=NO_NUL)] = Field(
        "",
        description='Words (all must occur), "quoted phrases" and prefixes (tort*). '
        "Empty lists every document that passes the filters, newest first.",
    )
    country: Country | None = None
    concern: Slug | None = None
    kind: Kind | None = None
    year: int | None = Field(None, ge=1961, le=2100, description="Year of the document's date.")
    status: Status | None = Field(None, description="Status of the document's case.")
    sort: Literal["relevance", "date"] = "relevance"
    page: int = Field(1, ge=1, le=10_000)
    per_page: int = Field(archive.results.PER_PAGE, ge=1, le=archive.results.MAX_PER_PAGE)
    cursor: Annotated[str, StringConstraints(max_length=500, pattern=NO_NUL)] | None = Field(
        None, description="`next_cursor` of the previous page: stays fast however deep."
    )


@router.get("/search", response={200: SearchOut, **responses(400, 422, 503)}, url_name="search")
def search(request, params: Query[SearchParams]):
    """Documents matching the query and filters, ranked, with highlighted snippets and facets."""
    arguments: dict[str, Any] = {
        "country": params.country,
        "concern": params.concern,
        "kind": params.kind,
        "year": params.year,
        "status": params.status,
        "sort": params.sort,
        "page": params.page,
        "cursor": params.cursor,
        "per_page": params.per_page,
    }
    try:
        result = archive.search(params.q, **arguments)
    except archive.InvalidSearch as exc:
        # Every value passed the schema, so what is left is one the search cannot use:
        # in practice a cursor not made by a search (forged, or from another query).
        raise ApiError(
            422,
            _("The search is not valid; see details."),
            [{"field": f"query.{exc.field}", "message": exc.message}],
        ) from exc
    except archive.SearchTimeout as exc:
        # Over the search's time budget (SEARCH_TIMEOUT_MS): stopped in the database.
        raise ApiError(503, exc.message, code="search_timeout") from exc
    # For warming (lifeline.archive.asked): the searches clients make stay fast.
    asked.record(result, params.q, **arguments)
    next_link = None
    if result.next_cursor:
        query = request.GET.copy()
        query["cursor"] = result.next_cursor
        query.pop("page", None)
        next_link = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {
        "query": result.query,
        "sort": result.sort,
        "total": result.total,
        "page": result.page,
        "per_page": result.per_page,
        "next_cursor": result.next_cursor,
        "next": next_link,
        "results": [
            {
                "code": hit.document_code,
                "document_index": hit.document_index,
                "ua_number": hit.ua_number,
                "kind": hit.kind,
                "title": hit.title,
                "snippet": hit.snippet,
                "case": hit.case,
                "date": hit.date,
                **present.date_basis("date", hit.date_basis),
                "rank": hit.rank,
                "url": request.build_absolute_uri(
                    reverse("api-1:document", kwargs={"code": hit.document_code})
                ),
                "page_url": request.build_absolute_uri(
                    reverse("cases:document", kwargs={"code": hit.document_code})
                ),
            }
            for hit in result.results
        ],
        "facets": {name: result.facets.get(name, {}) for name in archive.FACETS},
    }
