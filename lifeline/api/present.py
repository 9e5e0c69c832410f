"""Model rows turned into the API's JSON, with the queries each list costs.

Every function that takes a list fetches what it needs for all rows at once, so a
page of 100 costs the same number of queries as a page of one.
"""

from __future__ import annotations

from django.db.models import F, Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.urls import reverse

from lifeline.actions.appeals import counted
from lifeline.actions.models import Appeal
from lifeline.cases import queries
from lifeline.cases.models import AppealGroup, Case, Document, GroupTarget, Target

# Undated legacy sheets first, the same on both backends; pk last keeps pages stable.
CHRONOLOGICAL = (
    F("issue_date").asc(nulls_first=True),
    F("update_number").asc(nulls_first=True),
    "id",
)


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def concern(row) -> dict:
    return {"slug": row.slug, "name": row.name}


def target(request: HttpRequest, row: Target) -> dict:
    return {
        "code": row.code,
        "title": row.title,
        "name": row.name,
        "organisation": row.organisation,
        "address": list(row.address or []),
        "country": row.country,
        "telex": list(row.telex or []),
        "telegram": list(row.telegram or []),
        "fax": list(row.fax or []),
        "email": list(row.email or []),
        "phone": list(row.phone or []),
        "twitter": list(row.twitter or []),
        "salutation": row.salutation,
        "url": _absolute(request, reverse("api-1:target", kwargs={"code": row.code})),
    }


def document_summary(request: HttpRequest, row: Document) -> dict:
    return {
        "code": row.code,
        "kind": row.kind,
        "ua_number": row.ua_number,
        "update_number": row.update_number,
        "document_index": row.document_index,
        "title": row.title,
        "issue_date": row.issue_date,
        "appeal_deadline": row.appeal_deadline,
        "url": _absolute(request, reverse("api-1:document", kwargs={"code": row.code})),
        "page_url": _absolute(request, row.get_absolute_url()),
    }


def documents_with_parts(queryset: QuerySet[Document]) -> QuerySet[Document]:
    """Documents with their case, concerns, groups, points and targets: six queries a page.

    The original text is left out: it can be large and the API does not return it.
    """
    return (
        queryset.select_related("case")
        .defer("source_text")
        .prefetch_related(
            "concerns",
            Prefetch(
                "groups",
                queryset=AppealGroup.objects.order_by("position").prefetch_related(
                    "points",
                    Prefetch(
                        "target_links",
                        queryset=GroupTarget.objects.select_related("target").order_by("position"),
                    ),
                ),
            ),
        )
    )


def document(request: HttpRequest, row: Document) -> dict:
    """A document with its parts; expects `documents_with_parts()` to have fetched them."""
    return document_summary(request, row) | {
        "case": row.case.slug,
        "countries": list(row.countries or []),
        "concerns": [concern(c) for c in row.concerns.all()],
        "appeal_immediately": row.appeal_immediately,
        "people_at_risk": [str(person) for person in row.people_at_risk or []],
        "channels": list(row.channels or []),
        "languages": list(row.languages or []),
        "own_language": row.own_language,
        "copies_to": row.copies_to,
        "model_letter": row.model_letter,
        "body": row.body,
        "appeal_groups": [
            {
                "audience": group.audience,
                "points": [point.text for point in group.points.all()],
                "targets": [target(request, link.target) for link in group.target_links.all()],
            }
            for group in row.groups.all()
        ],
        "published": row.published,
        "created": row.created,
        "updated": row.updated,
    }


def date_basis(name: str, basis: str | None) -> dict:
    """`{name}_inferred` and `{name}_estimated_from` for a date found as `basis` says
    (`lifeline.cases.models.date_basis`): only a date the sheet gives is not inferred."""
    inferred = basis in ("deadline", "year")
    return {f"{name}_inferred": inferred, f"{name}_estimated_from": basis if inferred else None}


def appeal_counts(case_ids) -> dict[int, int]:
    """Appeals recorded per case, for a page of cases: one query.

    Counted per official and channel first, as the case page counts them (an
    anonymous browser once per official and channel; see `appeals.counted`).
    """
    rows = counted(
        Appeal.objects.filter(document__case_id__in=list(case_ids)),
        "document__case_id",
        "target_id",
        "channel",
    )
    totals: dict[int, int] = {}
    for row in rows:
        totals[row["document__case_id"]] = totals.get(row["document__case_id"], 0) + row["count"]
    return totals


def case(request: HttpRequest, summary: queries.CaseSummary, appeals: int) -> dict:
    row = summary.case
    return {
        "slug": row.slug,
        "code": row.code,
        "ua_number": row.ua_number,
        "title": row.title,
        "status": row.status,
        "countries": list(row.countries or []),
        "concerns": [concern(c) for c in summary.concerns],
        "people_at_risk": [str(person) for person in summary.people_at_risk],
        "issued": row.issued,
        **date_basis("issued", summary.issued_basis),
        "deadline": row.deadline,
        "closed": row.closed,
        "appeals": appeals,
        "url": _absolute(request, reverse("api-1:case", kwargs={"slug": row.slug})),
        "page_url": _absolute(request, row.get_absolute_url()),
    }


def cases(request: HttpRequest, rows: list[Case]) -> list[dict]:
    """A page of cases with concerns, people at risk and appeal counts: three queries."""
    summaries = queries.summarise(rows)
    counts = appeal_counts(summary.case.pk for summary in summaries)
    return [case(request, summary, counts.get(summary.case.pk, 0)) for summary in summaries]


def case_detail(request: HttpRequest, row: Case) -> dict:
    """A case with its timeline: four queries after the case itself."""
    timeline = list(row.documents.defer("source_text").order_by(*CHRONOLOGICAL))
    prefetch_related_objects(timeline, "concerns")
    summary = queries.CaseSummary(
        case=row,
        concerns=queries.merge_concerns(timeline),
        people_at_risk=queries.merge_people(timeline),
        issued_basis=queries.issued_basis(row, timeline),
    )
    return case(request, summary, appeal_counts([row.pk]).get(row.pk, 0)) | {
        "outcome": row.outcome,
        "documents": [document_summary(request, doc) for doc in timeline],
    }
