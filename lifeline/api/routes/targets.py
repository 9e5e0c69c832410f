"""The target directory: officials that appeals are addressed to."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Query, Router
from pydantic import Field, StringConstraints

from lifeline.api import present
from lifeline.api.errors import ApiError, responses
from lifeline.api.pagination import paginate
from lifeline.api.routes.cases import Country, PageParams
from lifeline.api.schemas import NO_NUL, TargetDetailOut, TargetPage
from lifeline.cases.models import Document, Target

router = Router(tags=["targets"])


class TargetFilterParams(PageParams):
    country: Country | None = Field(None, description="Country of the official's address.")
    q: Annotated[str, StringConstraints(max_length=100, pattern=NO_NUL)] | None = Field(
        None, description="Part of the name, title or organisation (case-insensitive)."
    )


@router.get("/targets", response={200: TargetPage, **responses(400)}, url_name="targets")
def list_targets(request, params: Query[TargetFilterParams]):
    """Officials in the directory, by name then title."""
    targets = Target.objects.order_by("name", "title", "id")
    if params.country:
        targets = targets.filter(country=params.country.upper())
    if params.q and params.q.strip():
        words = params.q.strip()
        targets = targets.filter(
            Q(name__icontains=words) | Q(title__icontains=words) | Q(organisation__icontains=words)
        )
    page = paginate(request, targets, params.limit, params.offset)
    page["results"] = [present.target(request, row) for row in page.pop("items")]
    return page


@router.get(
    "/targets/{uuid:code}", response={200: TargetDetailOut, **responses(404)}, url_name="target"
)
def read_target(request, code: UUID):
    """One official, with the documents that ask members to write to them."""
    target = Target.objects.filter(code=code).first()
    if target is None:
        raise ApiError(404, _("There is no target %(code)s.") % {"code": code})
    documents = (
        Document.objects.filter(groups__target_links__target=target)
        .defer("source_text")
        .distinct()
        .order_by(*present.CHRONOLOGICAL)
    )
    return present.target(request, target) | {
        "documents": [present.document_summary(request, doc) for doc in documents]
    }
