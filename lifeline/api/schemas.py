"""What the API reads and writes, as pydantic schemas (and so the OpenAPI schema).

Output schemas are filled from plain dicts built by `lifeline.api.present`, so
what each field holds is decided in one place and the queries stay visible there.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from annotated_types import Ge, Le
from ninja import Schema
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
)

from lifeline.cases.models import CaseStatus, DocumentKind

Kind = Literal[tuple(DocumentKind.values)]
Status = Literal[tuple(CaseStatus.values)]
# How an undated sheet's date was estimated (see lifeline.cases.models.date_basis).
EstimatedFrom = Literal["deadline", "year"]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")]


class ConcernOut(Schema):
    slug: str
    name: str


class TargetOut(Schema):
    code: UUID
    title: str
    name: str
    organisation: str
    address: list[str]
    country: str
    telex: list[str]
    telegram: list[str]
    fax: list[str]
    email: list[str]
    phone: list[str]
    twitter: list[str]
    salutation: str
    url: str


class AppealGroupOut(Schema):
    audience: str
    points: list[str]
    targets: list[TargetOut]


class DocumentSummaryOut(Schema):
    code: UUID
    kind: Kind
    ua_number: str
    update_number: int | None
    document_index: str | None
    title: str
    issue_date: dt.date | None
    appeal_deadline: dt.date | None
    url: str
    page_url: str


class DocumentOut(DocumentSummaryOut):
    case: str = Field(description="The slug of the case the document belongs to.")
    countries: list[str]
    concerns: list[ConcernOut]
    appeal_immediately: bool
    people_at_risk: list[str]
    channels: list[str]
    languages: list[str]
    own_language: bool
    copies_to: str
    model_letter: str
    body: str
    appeal_groups: list[AppealGroupOut]
    published: dt.datetime | None
    created: dt.datetime
    updated: dt.datetime


class CaseOut(Schema):
    slug: str
    code: UUID
    ua_number: str | None
    title: str
    status: Status
    countries: list[str]
    concerns: list[ConcernOut]
    people_at_risk: list[str]
    issued: dt.date | None = Field(
        description="When the case was first issued; an estimate when `issued_inferred`."
    )
    issued_inferred: bool = Field(
        description="True when no sheet gives the date `issued` holds: it was estimated."
    )
    issued_estimated_from: EstimatedFrom | None = Field(
        description="How an inferred `issued` was found: six weeks before the appeal "
        "deadline, or 1 January of the year in the sheet's numbers; null when stated."
    )
    deadline: dt.date | None
    closed: bool
    appeals: int = Field(description="Appeals members recorded for the case.")
    url: str
    page_url: str


class CaseDetailOut(CaseOut):
    outcome: str
    documents: list[DocumentSummaryOut] = Field(description="The timeline, oldest first.")


class TargetDetailOut(TargetOut):
    documents: list[DocumentSummaryOut] = Field(
        description="Documents whose appeal groups name this official, oldest first."
    )


class PageMeta(Schema):
    count: int = Field(description="How many items match, over all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="The address of the next page, or null on the last.")
    previous: str | None


class CasePage(PageMeta):
    results: list[CaseOut]


class DocumentPage(PageMeta):
    results: list[DocumentOut]


class TargetPage(PageMeta):
    results: list[TargetOut]


# Input -----------------------------------------------------------------------------

# PostgreSQL cannot store NUL in text (SQLite can): refusing it here keeps both alike.
NO_NUL = r"^[^\x00]*$"


def text(max_length: int, min_length: int = 0):
    """A string type of at most `max_length` characters, without NUL."""
    return Annotated[
        str, StringConstraints(min_length=min_length, max_length=max_length, pattern=NO_NUL)
    ]


Line = text(2000)
Short = text(300)


def _iso_date(value):
    # pydantic would also take a number as seconds since 1970; a date here is text.
    if isinstance(value, (int, float, bool)):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


Day = Annotated[dt.date, BeforeValidator(_iso_date)]


def _whole_number(value):
    # JSON Schema counts 403.0 as an integer, so it is one; "403", true and 4.5 are not.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("a whole number is written without quotes, e.g. 3")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("a whole number has no fraction")
        return int(value)
    return value


# The schema is spelled out: pydantic leaves the bounds of a validated type out of it.
UpdateNumber = Annotated[
    int,
    Ge(1),
    Le(999),
    BeforeValidator(_whole_number),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 999}),
]
UaNumber = Annotated[str, StringConstraints(max_length=20, pattern=r"^[0-9]{1,4}/[0-9]{2,4}$")]


class TargetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Short = ""
    name: Short = ""
    organisation: Short = ""
    address: list[Short] = Field(default=[], max_length=20)
    country: Annotated[str, StringConstraints(pattern=r"^([A-Za-z]{2})?$")] = ""
    telex: list[Short] = Field(default=[], max_length=10)
    telegram: list[Short] = Field(default=[], max_length=10)
    fax: list[Short] = Field(default=[], max_length=10)
    email: list[Short] = Field(default=[], max_length=10)
    phone: list[Short] = Field(default=[], max_length=10)
    twitter: list[Short] = Field(default=[], max_length=10)
    salutation: text(200) = ""


class AppealGroupIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    audience: Short = ""
    points: list[Line] = Field(default=[], max_length=50)
    targets: list[TargetIn] = Field(default=[], max_length=50)


class DocumentFields(BaseModel):
    """The fields of a document an editor writes, all optional so PATCH can reuse them.

    Only the five that may be empty on a document accept null; the others may be left
    out but not nulled. Input models are pydantic's own rather than ninja's `Schema`,
    which would read a null group or target as one with every field at its default.
    """

    # A default of None that the type refuses is how a field is "left out" (pydantic
    # does not check defaults); mypy is told so on each such line.

    model_config = ConfigDict(extra="forbid")

    kind: Kind = None
    ua_number: UaNumber | None = Field(
        default=None, description='"105/00": the 105th Urgent Action of 2000.'
    )
    update_number: UpdateNumber | None = None
    document_index: text(40, 1) | None = Field(
        default=None, description='The organisation\'s index, e.g. "ASA 17/21/00".'
    )
    title: text(500) = None
    concerns: list[text(200, 1)] = Field(default=None, max_length=20)  # type: ignore[arg-type]
    countries: list[CountryCode] = Field(default=None, max_length=30)  # type: ignore[arg-type]
    issue_date: Day | None = None
    appeal_deadline: Day | None = None
    appeal_immediately: StrictBool = None  # type: ignore[assignment]
    people_at_risk: list[Short] = Field(default=None, max_length=200)  # type: ignore[arg-type]
    channels: list[text(40)] = Field(default=None, max_length=10)  # type: ignore[arg-type]
    languages: list[text(60)] = Field(default=None, max_length=20)  # type: ignore[arg-type]
    own_language: StrictBool = None  # type: ignore[assignment]
    copies_to: text(5000) = None
    model_letter: text(20000) = None
    body: text(200000) = None
    appeal_groups: list[AppealGroupIn] = Field(default=None, max_length=20)  # type: ignore[arg-type]


class DocumentIn(DocumentFields):
    """A new document: a kind and a title are required, the rest may follow later."""

    kind: Kind
    title: text(500, 1)


class DocumentPatch(DocumentFields):
    """Changes to a document: only the fields present are changed; lists are replaced whole."""


class SearchHitOut(Schema):
    code: UUID = Field(description="The document's code.")
    document_index: str | None
    ua_number: str
    kind: Kind
    title: str
    snippet: str = Field(
        description="HTML, safe as it is: the text escaped, matched words in <mark>."
    )
    case: str = Field(description="The slug of the document's case.")
    date: dt.date | None = Field(description="When the document came out, or its estimate.")
    date_inferred: bool = Field(
        description="True when the sheet gives no date and `date` is an estimate."
    )
    date_estimated_from: EstimatedFrom | None = Field(
        description="How an inferred `date` was found (as `issued_estimated_from`)."
    )
    rank: float = Field(description="Higher is a better match; compares hits of one search.")
    url: str
    page_url: str


class SearchFacets(Schema):
    """Counts of matching documents per value, with every filter of the search applied."""

    country: dict[str, int]
    concern: dict[str, int]
    kind: dict[str, int]
    year: dict[str, int]
    status: dict[str, int]


class SearchOut(Schema):
    query: str
    sort: Literal["relevance", "date"]
    total: int
    page: int
    per_page: int
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")
    next: str | None = Field(description="The address of the next page, or null on the last.")
    results: list[SearchHitOut]
    facets: SearchFacets
