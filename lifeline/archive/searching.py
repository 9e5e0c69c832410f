"""`search()`: filters, facets, sorting and pages over either engine, in plain SQL.

Five queries per search whatever the number of matches: the facet counts (which give
the total) and their concerns' slugs, the page of ids, and the page's details and
snippets. What they found is remembered until the index changes (`cache.py`), so the
same search again, or its next page, skips the work already done. Nothing here records
who asked what: the search page and the API do (`asked.py`).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.db import connection
from django.db.models.functions import Left
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from lifeline.archive import cache
from lifeline.archive.budget import time_budget
from lifeline.archive.engines import MARK_END, MARK_START, engine_for
from lifeline.archive.models import UNDATED
from lifeline.archive.query import ParsedQuery, parse_query
from lifeline.archive.results import (
    FACETS,
    MAX_PER_PAGE,
    PER_PAGE,
    SORTS,
    InvalidSearch,
    SearchHit,
    SearchResult,
    SearchTimeout,
)
from lifeline.cases.models import CaseStatus, Concern, Document, DocumentKind, date_basis

MAX_PAGE = 10_000
PREVIEW_CHARACTERS = 240
_COUNTRY = re.compile(r"[A-Za-z]{2}")
_SLUG = re.compile(r"[-\w]{1,200}")


@dataclass
class Filters:
    country: str | None = None
    concern: str | None = None
    kind: str | None = None
    year: int | None = None
    status: str | None = None


def clean_filters(country=None, concern=None, kind=None, year=None, status=None) -> Filters:
    """Check each filter value; raises InvalidSearch naming the first bad one."""
    filters = Filters()
    if country not in (None, ""):
        if not isinstance(country, str) or not _COUNTRY.fullmatch(country.strip()):
            raise InvalidSearch("country", _("a country is two letters, such as CN"))
        filters.country = country.strip().upper()
    if concern not in (None, ""):
        if not isinstance(concern, str) or not _SLUG.fullmatch(concern.strip()):
            raise InvalidSearch(
                "concern", _("a concern is given by its slug, such as fear-for-safety")
            )
        filters.concern = concern.strip()
    if kind not in (None, ""):
        if kind not in DocumentKind.values:
            raise InvalidSearch(
                "kind",
                _("the kind is one of %(kinds)s") % {"kinds": ", ".join(DocumentKind.values)},
            )
        filters.kind = kind
    if year not in (None, ""):
        try:
            filters.year = int(str(year).strip())
        except ValueError:
            raise InvalidSearch("year", _("the year is a number such as 2000")) from None
        if not 1 <= filters.year <= 9999:
            raise InvalidSearch("year", _("the year is between 1 and 9999"))
    if status not in (None, ""):
        if status not in CaseStatus.values:
            raise InvalidSearch(
                "status",
                _("the status is one of %(statuses)s") % {"statuses": ", ".join(CaseStatus.values)},
            )
        filters.status = status
    return filters


def encode_cursor(data: dict) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> dict:
    """The position a cursor holds; raises InvalidSearch for anything not made by us."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        if data.get("s") != sort:
            raise InvalidSearch("cursor", _("the cursor belongs to another sort order"))
        if sort == "date":
            return {
                "s": sort,
                "d": dt.date.fromisoformat(data["d"]),
                "i": int(data["i"]),
            }
        offset = int(data["o"])
        if not 0 <= offset <= MAX_PAGE * MAX_PER_PAGE:
            raise ValueError(offset)
        return {"s": sort, "o": offset}
    except InvalidSearch:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error, UnicodeError):
        raise InvalidSearch("cursor", _("this cursor was not made by a search")) from None


def _filter_sql(filters: Filters, today: dt.date) -> tuple[list[str], list]:
    """WHERE conditions on the entry `e`, with their parameters."""
    where: list[str] = []
    params: list[object] = []
    if filters.kind:
        where.append("e.kind = %s")
        params.append(filters.kind)
    if filters.year:
        where.append("e.year = %s")
        params.append(filters.year)
    if filters.country:
        where.append("e.countries LIKE %s")
        params.append(f"% {filters.country} %")
    if filters.concern:
        concern = Concern.objects.filter(slug=filters.concern).values_list("pk", flat=True)
        # An unknown concern is not an error (it may have been renamed): nothing has it.
        where.append("e.concerns LIKE %s")
        params.append(f"% {concern.first() or 0} %")
    if filters.status == CaseStatus.CLOSED:
        where.append("e.closed = %s")
        params.append(True)
    elif filters.status == CaseStatus.PAST_DEADLINE:
        where.append("e.closed = %s AND e.deadline < %s")
        params += [False, today]
    elif filters.status == CaseStatus.OPEN:
        where.append("e.closed = %s AND e.deadline >= %s")
        params += [False, today]
    return where, params


class _Plan:
    """The FROM and WHERE of one search, shared by its facet and page queries."""

    def __init__(self, engine, query: ParsedQuery, filters: Filters, today: dt.date, any_word):
        self.match = engine.match(query, any_word) if query else None
        where, params = _filter_sql(filters, today)
        if self.match:
            self.source = self.match.source
            where.insert(0, self.match.where)
            self.params = [*self.match.source_params, *self.match.where_params, *params]
            self.rank = self.match.rank
        else:
            self.source = "archive_searchentry e"
            self.params = params
            self.rank = "0.0"
        self.where = where

    def sql(self, columns: str, extra_where: Sequence[str] = (), tail: str = "") -> str:
        conditions = [*self.where, *extra_where]
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        # Built from this module's constants and placeholders; values are parameters.
        return f"SELECT {columns} FROM {self.source}{where}{tail}"  # noqa: S608


def plan_for(engine, query: ParsedQuery, any_word: bool = False) -> _Plan:
    """A plan without filters, for callers that want only ranked ids (related cases)."""
    return _Plan(engine, query, Filters(), timezone.localdate(), any_word)


def _facets(plan: _Plan, today: dt.date, page: tuple | None = None):
    """Every facet in one statement over the matches, reading only the entry's columns;
    with `page` (sort, offset, after, limit), that page's (id, rank, date) rows too.

    Countries and concerns are grouped by their copied lists (" CN KP "), of which
    there are far fewer than matches, then split and summed here. Asking for the page
    in the same statement saves a second pass over the matches (the full-text match,
    the join and the ranking) when neither is remembered.
    """
    columns = "e.kind, e.year, e.countries, e.concerns, e.closed, e.deadline"
    if page:
        columns += f", e.document_id AS id, {_rank_for(plan, page[0])} AS rank, e.date AS date"
    matching = plan.sql(columns)
    none = "CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS DATE)"
    sql = (
        f"WITH f AS MATERIALIZED ({matching}) "  # noqa: S608 (the plan's SQL and constants)
        f"SELECT 'kind', f.kind, COUNT(*), {none} FROM f GROUP BY f.kind "
        f"UNION ALL SELECT 'year', CAST(f.year AS TEXT), COUNT(*), {none} FROM f "
        "WHERE f.year IS NOT NULL GROUP BY f.year "
        f"UNION ALL SELECT 'country', f.countries, COUNT(*), {none} FROM f GROUP BY f.countries "
        f"UNION ALL SELECT 'concern', f.concerns, COUNT(*), {none} FROM f GROUP BY f.concerns "
        "UNION ALL SELECT 'status', CASE WHEN f.closed THEN 'closed' "
        f"WHEN f.deadline < %s THEN 'past_deadline' ELSE 'open' END, COUNT(*), {none} "
        "FROM f GROUP BY 2"
    )
    params = [*plan.params, today]
    if page:
        sort, offset, after, limit = page
        where = ""
        if sort == "date":
            order = "f.date DESC, f.id DESC"
            if after:
                where = "WHERE (f.date < %s OR (f.date = %s AND f.id < %s)) "
                params += [after["d"], after["d"], after["i"]]
        else:
            order = "f.rank DESC, f.id ASC"
        sql += (
            " UNION ALL SELECT * FROM (SELECT 'page', NULL, f.id, "  # noqa: S608
            f"CAST(f.rank AS DOUBLE PRECISION), f.date FROM f {where}"
            f"ORDER BY {order} LIMIT %s OFFSET %s) p"
        )
        params += [limit + 1, offset]
    rows = []
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for name, value, count, rank, date in cursor.fetchall():
            if name == "page":
                rows.append((count, rank, date))
            elif name in ("country", "concern"):
                for part in value.split():
                    counts[name][part] += count
            else:
                counts[name][str(value)] += count
    slugs = dict(
        Concern.objects.filter(pk__in=[int(pk) for pk in counts["concern"]]).values_list(
            "pk", "slug"
        )
    )
    counts["concern"] = Counter(
        {slugs[int(pk)]: count for pk, count in counts["concern"].items() if int(pk) in slugs}
    )
    facets = {}
    for name, counter in counts.items():
        if name == "year":
            ordered = sorted(counter.items(), key=lambda item: -int(item[0]))
        else:
            ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        facets[name] = dict(ordered)
    if page:
        if page[0] == "date":
            rows.sort(key=lambda row: (row[2], row[0]), reverse=True)
        else:
            rows.sort(key=lambda row: (-row[1], row[0]))
        return facets, rows
    return facets


def _rank_for(plan: _Plan, sort: str) -> str:
    # Newest first needs no ranking of every match, which is most of the cost of a
    # broad search: the page's own ranks come with its snippets.
    return "0.0" if sort == "date" else plan.rank


def page_ids(plan: _Plan, sort: str, offset: int, after: dict | None, limit: int) -> list:
    """(id, rank, date) of one page, one more than asked to tell if another follows.

    With the date sort, the rank is 0.0 here: `_snippets` finds the page's ranks.
    """
    extra, extra_params = [], []
    if sort == "date":
        order = " ORDER BY e.date DESC, e.document_id DESC"
        if after:
            extra.append("(e.date < %s OR (e.date = %s AND e.document_id < %s))")
            extra_params += [after["d"], after["d"], after["i"]]
    else:
        order = " ORDER BY 2 DESC, e.document_id ASC"
    columns = f"e.document_id, {_rank_for(plan, sort)}, e.date"
    sql = plan.sql(columns, extra, f"{order} LIMIT %s OFFSET %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*plan.params, *extra_params, limit + 1, offset])
        return cursor.fetchall()


def _highlight(text: str) -> str:
    """Escape the text, then turn the engine's markers into <mark> elements."""
    safe = escape(text.replace(MARK_START, "\0").replace(MARK_END, "\1"))
    return safe.replace("\0", "<mark>").replace("\1", "</mark>")


def _snippets(
    engine, query: ParsedQuery, ids: list[int], rank: bool = False, spend=None
) -> tuple[dict[int, str], dict]:
    """Each document's highlighted passage (or, without a query, its opening), and
    with a query and `rank` each one's rank. `spend` (the search's Budget) is checked
    between documents."""
    if not ids:
        return {}, {}
    if not query:
        # The opening only: a few times what is shown, whatever the text's length.
        opening = Left("search_text__body", PREVIEW_CHARACTERS * 4)
        rows = Document.objects.filter(pk__in=ids).values_list("pk", opening)
        snippets: dict[int, str] = {}
        for pk, body in rows:
            text = " ".join((body or "").split())
            if len(text) > PREVIEW_CHARACTERS:
                text = text[:PREVIEW_CHARACTERS].rsplit(" ", 1)[0] + " …"
            snippets[pk] = escape(text)
        return snippets, {}
    sql, params = engine.snippets_sql(query, ids, rank)
    snippets = {}
    ranks: dict[int, float] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        # Row by row: on SQLite each snippet() is made as its row is stepped to, in
        # one call the progress handler cannot stop (see budget.py), so the budget is
        # also checked here, between documents.
        for pk, body, title, score in cursor:
            if spend and spend.spent():
                raise SearchTimeout(spend.milliseconds)
            # The body's passage unless only the title matched.
            text = body if MARK_START in (body or "") or MARK_START not in (title or "") else title
            snippets[pk] = _highlight(" ".join((text or "").split()))
            if rank:
                ranks[pk] = score
    return snippets, ranks


def _page(plan: _Plan, engine, parsed, sort, offset, after, per_page, rows=None, spend=None):
    """The hits of one page and the cursor to the next (None on the last page).

    `rows` are the page's (id, rank, date) when they were fetched with the facets;
    `spend` is the search's Budget, checked before the snippets.
    """
    if rows is None:
        rows = page_ids(plan, sort, offset, after, per_page)
    more, rows = len(rows) > per_page, rows[:per_page]
    ids = [row[0] for row in rows]
    documents = {
        row["pk"]: row
        for row in Document.objects.filter(pk__in=ids).values(
            "pk",
            "code",
            "document_index",
            "ua_number",
            "kind",
            "title",
            "case__slug",
            "issue_date",
            "appeal_deadline",
        )
    }
    if spend:
        spend.check()
    # Ranked by date, the page's rows carry no rank (see page_ids): its snippets do.
    snippets, ranks = _snippets(engine, parsed, ids, rank=sort == "date", spend=spend)
    hits = []
    for pk, rank, date in rows:
        rank = ranks.get(pk, rank)
        document = documents.get(pk)
        if document is None:  # deleted since the page query
            continue
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        hits.append(
            SearchHit(
                document_id=pk,
                document_code=str(document["code"]),
                document_index=document["document_index"],
                ua_number=document["ua_number"],
                kind=document["kind"],
                title=document["title"],
                snippet=snippets.get(pk, ""),
                case=document["case__slug"],
                date=None if date == UNDATED else date,
                rank=float(rank or 0.0),
                date_basis=date_basis(
                    document["issue_date"],
                    document["appeal_deadline"],
                    document["document_index"],
                    document["ua_number"],
                ),
            )
        )
    next_cursor = None
    if more and rows:
        if sort == "date":
            last_date = rows[-1][2]
            if isinstance(last_date, dt.date):
                last_date = last_date.isoformat()
            next_cursor = encode_cursor({"s": "date", "d": last_date, "i": rows[-1][0]})
        else:
            next_cursor = encode_cursor({"s": "relevance", "o": offset + per_page})
    return hits, next_cursor


def _hit_json(hit: SearchHit) -> dict:
    data = asdict(hit)
    data["date"] = hit.date.isoformat() if hit.date else None
    return data


def _hit_from_json(data: dict) -> SearchHit:
    date = data["date"]
    return SearchHit(**{**data, "date": dt.date.fromisoformat(date) if date else None})


def search(
    query: str,
    *,
    country=None,
    concern=None,
    kind=None,
    year=None,
    status=None,
    sort: str = "relevance",
    page: int = 1,
    cursor: str | None = None,
    per_page: int = PER_PAGE,
    today: dt.date | None = None,
    any_word: bool = False,
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
    `any_word` matches documents with any of the words rather than all (related cases).

    Raises InvalidSearch for a bad filter, sort, page or cursor, and SearchTimeout when
    working it out takes longer than settings.SEARCH_TIMEOUT_MS (see `budget.py`).
    Costs two queries (one with Redis as the cache) when the same search (its facets
    and page) was answered since the index last changed, else five to ten (see
    `cache.py`). Records nothing about who asked: callers that serve people do
    (`asked.record()`).
    """
    if sort not in SORTS:
        raise InvalidSearch("sort", _("sort by %(sorts)s") % {"sorts": " or ".join(SORTS)})
    try:
        page, per_page = int(page), int(per_page)
    except (TypeError, ValueError):
        raise InvalidSearch("page", _("page and per_page are whole numbers")) from None
    if not 1 <= page <= MAX_PAGE:
        raise InvalidSearch("page", _("the page is between 1 and %(max)d") % {"max": MAX_PAGE})
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise InvalidSearch(
            "per_page", _("per_page is between 1 and %(max)d") % {"max": MAX_PER_PAGE}
        )
    filters = clean_filters(country, concern, kind, year, status)
    parsed = parse_query(query or "")
    if not parsed:
        if (query or "").strip():
            # Only stop words or punctuation: nothing to look for, and nothing found.
            return SearchResult(
                query=str(parsed),
                sort=sort,
                total=0,
                page=page,
                per_page=per_page,
                facets={name: {} for name in FACETS},
            )
        sort = "date"  # without words there is no relevance to sort by
    position = decode_cursor(cursor, sort) if cursor else None
    offset = (page - 1) * per_page
    after = None
    if position and sort == "date":
        after, offset = position, 0
    elif position:
        offset = position["o"]

    today = today or timezone.localdate()
    engine = engine_for(connection.vendor)
    # What the answer depends on, for remembering it (see cache.py): not `today`, which
    # the namespace stands for by the next deadline to pass.
    question = (connection.vendor, str(parsed), any_word, filters)
    facets_key = cache.key_of("facets", *question)
    # A new name for a new shape of what is remembered: "page.2" when hits gained
    # `date_basis`, so that pages remembered without it are not read.
    page_key = cache.key_of("page.2", *question, sort, offset, after, per_page)
    space = cache.namespace(today)
    remembered: dict[str, Any] = cache.recall(space, [facets_key, page_key])
    plan = None
    learned = {}
    facets, rows = remembered.get(facets_key), None
    page_of_hits = remembered.get(page_key)
    if facets is None or page_of_hits is None:
        # The work itself runs within the search's time budget (budget.py); a search
        # that outlives it raises SearchTimeout and remembers nothing. Only a browsing
        # page with its facets remembered goes without: the head of the date index,
        # bounded work, which the budget's own queries would only slow down.
        with time_budget(None if facets is None or parsed else 0) as spend:
            if facets is None:
                plan = _Plan(engine, parsed, filters, today, any_word)
                if page_of_hits is None and parsed:
                    # Both to find, with a text query: one pass over the matches. (Without
                    # one, the page is the head of the date index and costs nothing apart.)
                    facets, rows = _facets(plan, today, (sort, offset, after, per_page))
                else:
                    facets = _facets(plan, today)
                learned[facets_key] = facets
            if page_of_hits is None:
                spend.check()
                plan = plan or _Plan(engine, parsed, filters, today, any_word)
                hits, next_cursor = _page(
                    plan, engine, parsed, sort, offset, after, per_page, rows, spend
                )
                learned[page_key] = {
                    "hits": [_hit_json(hit) for hit in hits],
                    "next_cursor": next_cursor,
                }
    if page_of_hits is not None:
        hits = [_hit_from_json(hit) for hit in page_of_hits["hits"]]
        next_cursor = page_of_hits["next_cursor"]
    cache.remember(space, learned)
    return SearchResult(
        query=str(parsed),
        sort=sort,
        total=sum(facets["kind"].values()),
        results=hits,
        facets=facets,
        page=page,
        per_page=per_page,
        next_cursor=next_cursor,
        from_memory=not learned,
    )
