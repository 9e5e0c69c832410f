"""Query building for the public pages: what each page reads, in a fixed number of queries.

Views call these functions and hand the results to templates; nothing here knows about
requests or HTTP. Every function that returns a list for a page says how many queries it
costs, so that a page's cost never grows with the number of rows it shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django import forms
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from lifeline.cases.models import (
    AppealGroup,
    Case,
    CaseStatus,
    Concern,
    Document,
    DocumentCountry,
    DocumentKind,
    GroupTarget,
    date_basis,
    document_date,
)
from lifeline.documents.countries import is_code
from lifeline.lib.countries import sorted_choices

# Kinds whose text describes the case itself, as opposed to news about it.
ACTION_KINDS = (
    DocumentKind.URGENT_ACTION,
    DocumentKind.FURTHER_INFORMATION,
    DocumentKind.STOP_ACTION,
)

# Kinds that ask members to write.
APPEAL_KINDS = (DocumentKind.URGENT_ACTION, DocumentKind.FURTHER_INFORMATION)

# The fields a list row needs from each document; the original text and the body can be
# long, and a list page never shows them.
_SUMMARY_FIELDS = (
    "id",
    "case_id",
    "kind",
    "people_at_risk",
    "issue_date",
    "update_number",
    # How the case's first date was found (see issued_basis).
    "appeal_deadline",
    "document_index",
    "ua_number",
)

# Undated legacy sheets sort as the oldest, the same way on SQLite and PostgreSQL
# (their default placement of NULL differs).
_CHRONOLOGICAL = (
    F("issue_date").asc(nulls_first=True),
    F("update_number").asc(nulls_first=True),
    "id",
)


@dataclass
class CaseSummary:
    """One row of a list page: the case and what its documents say, merged."""

    case: Case
    concerns: list[Concern] = field(default_factory=list)
    people_at_risk: list[str] = field(default_factory=list)
    issued_basis: str | None = "issued"


@dataclass
class CasePage:
    """Everything the case page shows.

    `action` is the newest document that has appeal groups: its points and targets are
    the current recommended action. `background` is the newest UA, update or stop action
    with a body, so a closed case shows the stop action's account.
    """

    case: Case
    timeline: Sequence[Document]
    people_at_risk: list[str]
    concerns: list[Concern]
    action: Document | None
    groups: list[AppealGroup]
    background: Document | None
    issued_basis: str | None = "issued"


@dataclass
class CaseFilters:
    """Cleaned filter values for the case list; None means "any"."""

    country: str | None = None
    concern: str | None = None
    year: int | None = None
    status: str | None = None
    kind: str | None = None


def merge_people(documents) -> list[str]:
    """People at risk across documents in date order, each name once."""
    seen: set[str] = set()
    people: list[str] = []
    for document in documents:
        for person in document.people_at_risk or []:
            key = " ".join(str(person).split()).casefold()
            if key and key not in seen:
                seen.add(key)
                people.append(person)
    return people


def case_people(case: Case) -> list[str]:
    """The people at risk named by a case's documents, as its page lists them."""
    return merge_people(case.documents.only(*_SUMMARY_FIELDS).order_by(*_CHRONOLOGICAL))


def issued_basis(case: Case, documents) -> str | None:
    """How `case.issued` was found, as `date_basis()` says: "issued" when a sheet gives
    that date, else how the earliest sheet's date was estimated ("deadline", "year").

    `documents` are the case's documents with their date fields; no query.
    """
    if case.issued is None:
        return None
    bases = []
    for document in documents:
        fields = (
            document.issue_date,
            document.appeal_deadline,
            document.document_index,
            document.ua_number,
        )
        if document_date(*fields) == case.issued:
            bases.append(date_basis(*fields))
    if not bases or "issued" in bases:
        # A date no document explains was set by hand: it is the case's own.
        return "issued"
    return bases[0]


def merge_concerns(documents) -> list[Concern]:
    """Concerns across documents, each once, by name; uses the prefetched concerns."""
    by_id = {}
    for document in documents:
        for concern in document.concerns.all():
            by_id[concern.id] = concern
    return sorted(by_id.values(), key=lambda concern: concern.name.casefold())


def _summary_prefetch() -> Prefetch:
    return Prefetch(
        "documents",
        queryset=Document.objects.only(*_SUMMARY_FIELDS)
        .order_by(*_CHRONOLOGICAL)
        .prefetch_related("concerns"),
    )


def summarise(cases) -> list[CaseSummary]:
    """Summaries for a page of cases: two queries (documents, concerns), however many rows.

    `cases` is any iterable of cases (a sliced queryset, a paginator page).
    """
    cases = list(cases)
    prefetch_related_objects(cases, _summary_prefetch())
    summaries = []
    for case in cases:
        documents = list(case.documents.all())
        summaries.append(
            CaseSummary(
                case=case,
                concerns=merge_concerns(documents),
                people_at_risk=merge_people(documents),
                issued_basis=issued_basis(case, documents),
            )
        )
    return summaries


def open_cases(today: dt.date | None = None, limit: int = 50) -> list[CaseSummary]:
    """Open cases for the home page, nearest deadline first; those with none come last.

    Only cases with an Urgent Action or update count: a news release alone asks no one
    to write, even though its case has no deadline. Three queries: cases, their
    documents, the documents' concerns.
    """
    today = today or timezone.localdate()
    asks_for_appeals = Exists(Document.objects.filter(case=OuterRef("pk"), kind__in=APPEAL_KINDS))
    cases = (
        Case.objects.with_status(CaseStatus.OPEN, today=today)
        .filter(asks_for_appeals)
        .order_by(F("deadline").asc(nulls_last=True), F("issued").desc(nulls_last=True), "-id")
    )
    return summarise(cases[:limit])


def filter_cases(filters: CaseFilters, today: dt.date | None = None) -> QuerySet[Case]:
    """The case list's queryset, newest first.

    Filters on documents use EXISTS rather than joins, so that a case with several
    matching documents still appears once and the count stays a plain COUNT.
    """
    today = today or timezone.localdate()
    cases = Case.objects.all()
    if filters.status:
        cases = cases.with_status(filters.status, today=today)
    if filters.year:
        cases = cases.filter(issued__year=filters.year)
    if filters.country:
        cases = cases.filter(
            Exists(
                DocumentCountry.objects.filter(document__case=OuterRef("pk"), code=filters.country)
            )
        )
    if filters.concern:
        cases = cases.filter(
            Exists(
                Document.concerns.through.objects.filter(
                    document__case=OuterRef("pk"), concern__slug=filters.concern
                )
            )
        )
    if filters.kind:
        cases = cases.filter(
            Exists(Document.objects.filter(case=OuterRef("pk"), kind=filters.kind))
        )
    return cases.order_by(F("issued").desc(nulls_last=True), "-id")


def countries_in_use() -> list[str]:
    """Distinct country codes named by any document (one query)."""
    return list(DocumentCountry.objects.order_by("code").values_list("code", flat=True).distinct())


def years_in_use() -> list[int]:
    """Years in which cases were first issued, newest first (one query)."""
    return [day.year for day in Case.objects.dates("issued", "year", order="DESC")]


def case_page(case: Case) -> CasePage:
    """The case page's data in five queries after the case itself.

    Documents with their concerns (two), then the action document's groups, points and
    targets (three).
    """
    has_groups = Exists(AppealGroup.objects.filter(document=OuterRef("pk")))
    timeline = list(
        case.documents.defer("source_text")
        .annotate(has_groups=has_groups)
        .order_by(*_CHRONOLOGICAL)
        .prefetch_related("concerns")
    )
    action = next((doc for doc in reversed(timeline) if doc.has_groups), None)
    background = next(
        (doc for doc in reversed(timeline) if doc.kind in ACTION_KINDS and doc.body.strip()),
        None,
    ) or next((doc for doc in reversed(timeline) if doc.body.strip()), None)
    return CasePage(
        case=case,
        timeline=timeline,
        people_at_risk=merge_people(timeline),
        concerns=merge_concerns(timeline),
        action=action,
        groups=appeal_groups(action) if action else [],
        background=background,
        issued_basis=issued_basis(case, timeline),
    )


def appeal_groups(document: Document) -> list[AppealGroup]:
    """A document's appeal groups with points and targets (three queries)."""
    return list(
        AppealGroup.objects.filter(document=document)
        .order_by("position")
        .prefetch_related(
            "points",
            Prefetch(
                "target_links",
                queryset=GroupTarget.objects.select_related("target").order_by("position"),
            ),
        )
    )


class CaseFilterForm(forms.Form):
    """The case list's GET filters.

    Only values that pass validation reach the query: a bad value is dropped and
    reported through `ignored()`, so a hand-edited or stale link still shows a list.
    """

    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    concern = forms.CharField(label=_("Concern"), required=False, max_length=200)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1961, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *CaseStatus.choices]
    )
    kind = forms.ChoiceField(
        label=_("Document type"),
        required=False,
        choices=[("", _("Any type")), *DocumentKind.choices],
    )

    def __init__(self, data, *, countries: list[str], concerns: list[Concern], years: list[int]):
        super().__init__(data)
        self._concern_slugs = {concern.slug for concern in concerns}
        requested = str(self.data.get("country", "")).strip().upper()
        if _is_country(requested) and requested not in countries:
            # A valid country without cases yet: keep it selected in the form.
            countries = [*countries, requested]
        self.fields["country"].widget = forms.Select(
            choices=[("", _("Any country")), *sorted_choices(countries)]
        )
        self.fields["concern"].widget = forms.Select(
            choices=[("", _("Any concern")), *((c.slug, c.name) for c in concerns)]
        )
        self.fields["year"].widget = forms.Select(
            choices=[("", _("Any year")), *((year, year) for year in years)]
        )

    def clean_country(self):
        value = self.cleaned_data["country"].strip().upper()
        if value and not _is_country(value):
            raise forms.ValidationError(_("There is no country with this code."))
        return value

    def clean_concern(self):
        value = self.cleaned_data["concern"].strip()
        if value and value not in self._concern_slugs:
            raise forms.ValidationError(_("There is no such concern."))
        return value

    def filters(self) -> CaseFilters:
        """The filters that passed validation (call after `is_valid()`)."""
        cleaned = getattr(self, "cleaned_data", {})
        return CaseFilters(
            country=cleaned.get("country") or None,
            concern=cleaned.get("concern") or None,
            year=cleaned.get("year") or None,
            status=cleaned.get("status") or None,
            kind=cleaned.get("kind") or None,
        )

    def ignored(self) -> list[tuple[str, str]]:
        """(label, value) of each filter whose value was not understood, value shortened."""
        return [
            (str(self.fields[name].label), Truncator(str(self.data.get(name, ""))).chars(40))
            for name in self.errors
        ]


def _is_country(code: str) -> bool:
    return is_code(code)
