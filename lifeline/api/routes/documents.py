"""Documents: read with their appeal groups, points and targets; editors create and update."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from pydantic import Field

from lifeline.api import present, writing
from lifeline.api.auth import require_permission, token_auth
from lifeline.api.errors import ApiError, responses
from lifeline.api.pagination import paginate
from lifeline.api.routes.cases import Country, PageParams, Slug
from lifeline.api.schemas import DocumentIn, DocumentOut, DocumentPage, DocumentPatch, Kind
from lifeline.cases.models import Document, DocumentCountry

router = Router(tags=["documents"])


class DocumentFilterParams(PageParams):
    kind: Kind | None = None
    country: Country | None = None
    concern: Slug | None = None
    year: int | None = Field(None, ge=1961, le=2100, description="Year of the issue date.")
    case: Slug | None = Field(None, description="The slug of a case.")


def get_document(code: UUID) -> Document:
    document = present.documents_with_parts(Document.objects.filter(code=code)).first()
    if document is None:
        raise ApiError(404, _("There is no document %(code)s.") % {"code": code})
    return document


@router.get("/documents", response={200: DocumentPage, **responses(400)}, url_name="documents")
def list_documents(request, params: Query[DocumentFilterParams]):
    """Documents with their parts, oldest first (undated legacy sheets before dated ones)."""
    documents = Document.objects.all()
    if params.kind:
        documents = documents.filter(kind=params.kind)
    if params.country:
        rows = DocumentCountry.objects.filter(document=OuterRef("pk"), code=params.country.upper())
        documents = documents.filter(Exists(rows))
    if params.concern:
        documents = documents.filter(concerns__slug=params.concern)
    if params.year:
        documents = documents.filter(issue_date__year=params.year)
    if params.case:
        documents = documents.filter(case__slug=params.case)
    documents = present.documents_with_parts(documents.order_by(*present.CHRONOLOGICAL))
    page = paginate(request, documents, params.limit, params.offset)
    page["results"] = [present.document(request, row) for row in page.pop("items")]
    return page


@router.get(
    "/documents/{uuid:code}", response={200: DocumentOut, **responses(404)}, url_name="document"
)
def read_document(request, code: UUID):
    """One document with its appeal groups, their points and targets."""
    return present.document(request, get_document(code))


@router.post(
    "/documents",
    auth=token_auth,
    response={201: DocumentOut, **responses(400, 401, 403, 409, 422)},
    url_name="create_document",
)
def create_document(request, payload: DocumentIn):
    """Write a new document (editors). It joins the case of its UA number, if any."""
    require_permission(request.auth, "cases.add_document")
    document = writing.create_document(payload.model_dump())
    return Status(201, present.document(request, get_document(document.code)))


@router.patch(
    "/documents/{uuid:code}",
    auth=token_auth,
    response={200: DocumentOut, **responses(400, 401, 403, 404, 409, 422)},
    url_name="update_document",
)
def update_document(request, code: UUID, payload: DocumentPatch):
    """Change a document (editors): only the fields sent change; lists are replaced whole."""
    require_permission(request.auth, "cases.change_document")
    document = get_document(code)
    writing.update_document(document, payload.model_dump(exclude_unset=True))
    return present.document(request, get_document(code))
