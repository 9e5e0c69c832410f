"""Cases: the list with filters, and one case with its timeline."""

from __future__ import annotations

from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field, StringConstraints

from lifeline.api import present
from lifeline.api.errors import ApiError, responses
from lifeline.api.pagination import DEFAULT_LIMIT, MAX_LIMIT, paginate
from lifeline.api.schemas import CaseDetailOut, CasePage, Kind, Status
from lifeline.cases import queries
from lifeline.cases.models import Case

router = Router(tags=["cases"])

Country = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=200)]


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=1_000_000)


class CaseFilterParams(PageParams):
    country: Country | None = Field(None, description="ISO 3166 alpha-2, e.g. CN.")
    concern: Slug | None = Field(None, description='A concern\'s slug, e.g. "forcible-return".')
    status: Status | None = None
    year: int | None = Field(None, ge=1961, le=2100, description="Year the case was first issued.")
    kind: Kind | None = Field(None, description="Cases with at least one document of this kind.")


def get_case(slug: str) -> Case:
    case = Case.objects.filter(slug=slug).first()
    if case is None:
        raise ApiError(404, _("There is no case %(slug)s.") % {"slug": slug})
    return case


@router.get("/cases", response={200: CasePage, **responses(400)}, url_name="cases")
def list_cases(request, params: Query[CaseFilterParams]):
    """Cases, newest first (by first issue), filtered by country, concern, status, year, kind."""
    filters = queries.CaseFilters(
        country=params.country.upper() if params.country else None,
        concern=params.concern,
        year=params.year,
        status=params.status,
        kind=params.kind,
    )
    page = paginate(request, queries.filter_cases(filters), params.limit, params.offset)
    page["results"] = present.cases(request, page.pop("items"))
    return page


@router.get("/cases/{slug}", response={200: CaseDetailOut, **responses(400, 404)}, url_name="case")
def read_case(request, slug: Slug):
    """One case with its documents, oldest first."""
    return present.case_detail(request, get_case(slug))
