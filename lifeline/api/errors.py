"""One error shape for the whole API: `{"error": {"code", "message", "details"}}`.

Every way a request under /api/ can fail ends here: validation by the schema,
authentication, permissions, unknown objects and paths, wrong methods, conflicts,
domain refusals and unexpected exceptions. `ERRORS` lists the codes; docs/api.md
documents them and tests/api/test_errors.py checks each.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus

from django.http import HttpResponse
from ninja import Schema

logger = logging.getLogger("lifeline.api")

# HTTP status -> the stable `code` clients can branch on.
ERRORS = {
    400: "invalid_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "unprocessable",
    429: "too_many_requests",
    500: "server_error",
}


class ErrorDetail(Schema):
    field: str | None = None
    message: str


class ErrorBody(Schema):
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorOut(Schema):
    error: ErrorBody


class ApiError(Exception):
    """Raised by API code to answer with an error; the handler renders it."""

    def __init__(self, status: int, message: str, details: list[dict] | None = None, code=None):
        super().__init__(message)
        self.status = status
        self.code = code or ERRORS.get(status) or HTTPStatus(status).phrase.lower()
        self.message = message
        self.details = details or []


def error_body(status: int, message: str, details=(), code: str | None = None) -> dict:
    return {
        "error": {
            "code": code or ERRORS.get(status, "error"),
            "message": message,
            "details": [
                {"field": detail.get("field"), "message": str(detail["message"])}
                for detail in details
            ],
        }
    }


def error_response(status: int, message: str, details=(), code: str | None = None) -> HttpResponse:
    """The error as a Django response, for code outside django-ninja (feeds, middleware)."""
    return HttpResponse(
        json.dumps(error_body(status, message, details, code)),
        status=status,
        content_type="application/json",
    )


def responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error part of an operation's `response=`, so the schema documents them."""
    return dict.fromkeys(statuses, ErrorOut)


def validation_details(errors: list[dict]) -> list[dict]:
    """django-ninja's validation errors as details: `{"field": "query.limit", "message"}`.

    The location keeps where the value came from (path, query, body, header) and drops
    the name of the Python parameter the body was read into, which means nothing to a
    client.
    """
    details = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if len(loc) > 1 and loc[0] == "body":
            loc = ["body", *loc[2:]]
        details.append({"field": ".".join(loc) or None, "message": error.get("msg", "invalid")})
    return details
