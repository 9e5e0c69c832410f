"""The search page: a text query, facets as filter links, a page of hits.

The view reads the GET parameters, calls `search()`, records what was asked (for
warming, `asked.py`) and hands the template plain rows; a filter value that cannot be
searched with is dropped and reported, so a stale or hand-edited link still shows
results.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from lifeline.archive import FACETS, InvalidSearch, SearchHit, SearchTimeout, asked, search
from lifeline.archive.results import PER_PAGE, SORTS, SearchResult
from lifeline.archive.searching import clean_filters
from lifeline.cases.models import CaseStatus, Concern, DocumentKind
from lifeline.lib.countries import country_name

# Seconds a client is asked to wait before trying a search that ran out of time again.
RETRY_AFTER = 30
# Facet values shown per facet; the rest stay reachable through the text query.
FACET_VALUES = 12


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str
    values: list[FacetValue]


@dataclass
class Row:
    hit: SearchHit
    snippet: str  # safe HTML: search() escapes the text and adds only <mark>
    document_url: str
    case_url: str
    kind_label: str


def _labels(name: str, values) -> dict[str, str]:
    if name == "country":
        return {code: country_name(code) for code in values}
    if name == "concern":
        return dict(Concern.objects.filter(slug__in=list(values)).values_list("slug", "name"))
    if name == "kind":
        return {value: str(DocumentKind(value).label) for value in values}
    if name == "status":
        return {value: str(CaseStatus(value).label) for value in values}
    return {value: value for value in values}


def _url(params: dict[str, str]) -> str:
    kept = {name: value for name, value in params.items() if value}
    return reverse("archive:search") + ("?" + urlencode(kept) if kept else "")


def _timed_out(request, params: dict, ignored: list, exc: SearchTimeout):
    """The search page saying the search was stopped, with 503 (the service, not the
    request, is at fault) and Retry-After: the form stays, to search again."""
    context = {
        "params": params,
        "result": SearchResult(query=params["q"], sort=params["sort"] or "relevance", total=0),
        "rows": [],
        "facets": [],
        "ignored": ignored,
        "timed_out": exc.message,
        "filtered": any(params[name] for name in FACETS),
        "clear_url": _url({"q": params["q"], "sort": params["sort"]}),
    }
    response = render(request, "archive/search.html", context, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


@require_safe
def search_page(request):
    params = {name: request.GET.get(name, "").strip() for name in ("q", *FACETS, "sort")}
    ignored = []
    for name in FACETS:
        try:
            clean_filters(**{name: params[name]})
        except InvalidSearch as exc:
            ignored.append((name, params[name][:40], exc.message))
            params[name] = ""
    if params["sort"] not in SORTS:
        params["sort"] = ""
    cursor = request.GET.get("cursor") or None
    arguments = {name: params[name] or None for name in FACETS}
    arguments.update(sort=params["sort"] or "relevance", cursor=cursor, per_page=PER_PAGE)
    try:
        try:
            result = search(params["q"], **arguments)
        except InvalidSearch as exc:  # a stale cursor: start again from the first page
            ignored.append(("cursor", "", exc.message))
            cursor = arguments["cursor"] = None
            result = search(params["q"], **arguments)
    except SearchTimeout as exc:
        return _timed_out(request, params, ignored, exc)
    asked.record(result, params["q"], **arguments)

    facets = []
    for name in FACETS:
        counts = result.facets.get(name, {})
        values = list(counts.items())[:FACET_VALUES]
        labels = _labels(name, [value for value, _ in values])
        facet_values = []
        for value, count in values:
            selected = params[name] == value
            facet_values.append(
                FacetValue(
                    value=value,
                    label=labels.get(value, value),
                    count=count,
                    selected=selected,
                    url=_url(params | {name: "" if selected else value}),
                )
            )
        facets.append(Facet(name=name, values=facet_values))

    rows = [
        Row(
            hit=hit,
            # search() builds snippets with escape() and adds only <mark> and </mark>.
            snippet=mark_safe(hit.snippet),  # noqa: S308
            document_url=reverse("cases:document", kwargs={"code": hit.document_code}),
            case_url=reverse("cases:case", kwargs={"slug": hit.case}),
            kind_label=str(DocumentKind(hit.kind).label) if hit.kind in DocumentKind.values else "",
        )
        for hit in result.results
    ]
    context = {
        "params": params,
        "result": result,
        "rows": rows,
        "facets": facets,
        "ignored": ignored,
        "filtered": any(params[name] for name in FACETS),
        "clear_url": _url({"q": params["q"], "sort": params["sort"]}),
        "sort_urls": {sort: _url(params | {"sort": sort}) for sort in SORTS},
        "next_url": _url(params | {"cursor": result.next_cursor}) if result.next_cursor else "",
        "first_url": _url(params) if cursor else "",
    }
    return render(request, "archive/search.html", context)
