"""Related cases for a case page: same officials, same countries and concerns, similar text.

Four small queries (RELATED_QUERIES), each stopping at a few rows; the case page shows
their union.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from lifeline.archive import searching
from lifeline.archive.engines import engine_for
from lifeline.archive.query import parse_query
from lifeline.cases.models import Case, Document, DocumentCountry, GroupTarget

LIMIT = 5
RELATED_QUERIES = 4
# A case title's words beyond these add little and slow the OR query down.
SIMILAR_WORDS = 8

REASONS = {
    "targets": _("Appeals to the same officials"),
    "place": _("Same countries and concerns"),
    "text": _("Similar text"),
}


@dataclass
class RelatedCase:
    case: Case
    reason: str  # a key of REASONS

    @property
    def reason_label(self) -> str:
        return str(REASONS[self.reason])


def sharing_targets(case: Case, limit: int = LIMIT) -> list[Case]:
    """Cases whose documents appeal to officials this case's documents appeal to."""
    targets = GroupTarget.objects.filter(group__document__case=case).values("target_id")
    return list(
        Case.objects.filter(documents__groups__target_links__target_id__in=targets)
        .exclude(pk=case.pk)
        .annotate(shared=Count("documents__groups__target_links__target", distinct=True))
        .order_by("-shared", "-issued", "-pk")[:limit]
    )


def same_place_and_concerns(case: Case, limit: int = LIMIT) -> list[Case]:
    """Newest cases with a document in one of this case's countries and one of its concerns."""
    countries = DocumentCountry.objects.filter(document__case=case).values("code")
    concerns = Document.concerns.through.objects.filter(document__case=case).values("concern_id")
    in_country = DocumentCountry.objects.filter(document__case=OuterRef("pk"), code__in=countries)
    with_concern = Document.concerns.through.objects.filter(
        document__case=OuterRef("pk"), concern_id__in=concerns
    )
    return list(
        Case.objects.exclude(pk=case.pk)
        .filter(Exists(in_country), Exists(with_concern))
        .order_by("-issued", "-pk")[:limit]
    )


def similar_text(case: Case, limit: int = LIMIT) -> list[Case]:
    """Cases whose documents best match any word of this case's title, by rank."""
    words = parse_query(case.title).all_words()[:SIMILAR_WORDS]
    query = parse_query(" ".join(words))
    if not query:
        return []
    plan = searching.plan_for(engine_for(connection.vendor), query, any_word=True)
    rows = searching.page_ids(plan, "relevance", 0, None, limit * 4)
    documents = Document.objects.filter(pk__in=[row[0] for row in rows]).select_related("case")
    cases = {document.pk: document.case for document in documents.only("pk", "case")}
    found: dict[int, Case] = {}
    for row in rows:
        other = cases.get(row[0])
        if other and other.pk != case.pk:
            found.setdefault(other.pk, other)
    return list(found.values())[:limit]


def related_cases(case: Case, limit: int = LIMIT) -> list[RelatedCase]:
    """Up to `limit` other cases: same officials first, then place and concerns, then text."""
    related: list[RelatedCase] = []
    seen = {case.pk}
    for reason, finder in (
        ("targets", sharing_targets),
        ("place", same_place_and_concerns),
        ("text", similar_text),
    ):
        if len(related) >= limit:
            break
        for other in finder(case, limit):
            if other.pk not in seen and len(related) < limit:
                seen.add(other.pk)
                related.append(RelatedCase(other, reason))
    return related
