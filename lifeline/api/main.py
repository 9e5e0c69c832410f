"""The API object: version 1 under /api/v1/, its routers and its error handlers."""

from __future__ import annotations

import logging

from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from lifeline.api.errors import ApiError, error_body, validation_details
from lifeline.api.middleware import too_large
from lifeline.api.routes import appeals, cases, documents, export, search, targets

logger = logging.getLogger("lifeline.api")

DESCRIPTION = """
The archive of urgent actions, updates and news, and the directory of officials
they name. Reads need no authentication; writes take an API token
(`Authorization: Bearer ll_...`, made with `lifeline apitoken USERNAME`).

Every error has the same shape:
`{"error": {"code": "not_found", "message": "...", "details": [{"field", "message"}]}}`.
Lists take `limit` (1-100, default 25) and `offset`, and return `count`, `next`
and `previous` beside `results`. See docs/api.md.
"""

api = NinjaAPI(
    title="Lifeline API",
    version="1",
    description=DESCRIPTION.strip(),
    urls_namespace="api-1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("", cases.router)
api.add_router("", documents.router)
api.add_router("", targets.router)
api.add_router("", appeals.router)
api.add_router("", search.router)
api.add_router("", export.router)


def _render(request, status, message, details=(), code=None):
    return api.create_response(request, error_body(status, message, details, code), status=status)


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return _render(request, exc.status, exc.message, exc.details, exc.code)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    details = validation_details(exc.errors)
    return _render(request, 400, _("The request is not valid; see details."), details)


@api.exception_handler(AuthenticationError)
def _authentication_error(request, exc):
    response = _render(request, 401, _("Send a valid API token: Authorization: Bearer <token>."))
    response["WWW-Authenticate"] = 'Bearer realm="lifeline"'
    return response


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    # django-ninja's own: an unreadable body (400), throttling and the like.
    return _render(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _render(request, 404, _("There is nothing at this address."))


@api.exception_handler(RequestDataTooBig)
def _too_large(request, exc):
    return too_large()


@api.exception_handler(Exception)
def _server_error(request, exc):
    logger.exception("API request failed: %s %s", request.method, request.path)
    return _render(request, 500, _("Something went wrong on our side; it has been logged."))
