"""Gives errors that never reach django-ninja the API's error shape.

django-ninja renders errors raised inside its operations itself (see
`lifeline.api.main`); what it does not see are unknown paths under /api/ (Django's
404 page), methods a path does not accept (its own plain-text 405) and exceptions
in the feed and export views. This middleware rewrites those responses for paths
under /api/, and only those: the public pages keep their HTML error pages.
"""

import functools
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from lifeline.api.errors import error_response

logger = logging.getLogger("lifeline.api")

API_PREFIX = "/api/"


class ApiErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX) and _declared_too_large(request):
            return too_large()
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX) or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        status = response.status_code
        if status == 404:
            return error_response(404, _("There is nothing at this address."))
        if status == 405:
            allowed = response.get("Allow", "")
            rewritten = error_response(
                405,
                _("This address does not accept %(method)s; it accepts %(allowed)s.")
                % {"method": request.method, "allowed": allowed or "-"},
            )
            if allowed:
                rewritten["Allow"] = allowed
            return rewritten
        if status >= 500:
            return error_response(500, _("Something went wrong on our side; it has been logged."))
        return error_response(status, response.reason_phrase)

    def process_exception(self, request, exception):
        if not request.path.startswith(API_PREFIX):
            return None
        if isinstance(exception, Http404):
            return error_response(404, _("There is nothing at this address."))
        if isinstance(exception, RequestDataTooBig):
            return too_large()
        if isinstance(exception, PermissionDenied):
            return error_response(403, _("You may not do this."))
        logger.exception("API request failed: %s %s", request.method, request.path)
        return error_response(500, _("Something went wrong on our side; it has been logged."))


def too_large():
    """413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE, which Django refuses to read."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return error_response(
        413,
        _("The request body is larger than the %(limit)s bytes the API accepts.")
        % {"limit": limit},
    )


def _declared_too_large(request) -> bool:
    # Refused before anything reads the body; a body without a length (chunked) is
    # caught when it is read (RequestDataTooBig, see process_exception and main).
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return limit is not None and length > limit


def web_only(dotted_path: str) -> type:
    """The middleware at `dotted_path`, passed by for requests under /api/.

    The API authenticates with tokens (`lifeline.api.auth`): it reads no signed-in
    user or message, and nobody signs in through it, yet the authentication,
    second-factor and message middleware load and wrap them on every request (the
    message storage makes a cookie signer each time). Security headers
    (SecurityMiddleware, CSP, Permissions-Policy, X-Frame-Options), the language,
    sessions and CSRF (both cheap when unused, and what `check --deploy` looks for)
    still apply to the API.
    """
    wrapped = import_string(dotted_path)

    def __init__(self, get_response):
        wrapped.__init__(self, get_response)
        self.api_get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(API_PREFIX):
            return self.api_get_response(request)
        return wrapped.__call__(self, request)

    # A subclass, so Django's checks (the admin's need for sessions, say) still see it.
    namespace = {
        "__init__": __init__,
        "__call__": __call__,
        "__doc__": f"{dotted_path}, for every request but the API's.",
        "__module__": __name__,
    }
    for hook in ("process_view", "process_exception", "process_template_response"):
        if hasattr(wrapped, hook):
            namespace[hook] = _web_only_hook(getattr(wrapped, hook))
    return type(wrapped.__name__, (wrapped,), namespace)


def _web_only_hook(method):
    @functools.wraps(method)
    def hook(self, request, *args, **kwargs):
        if request.path_info.startswith(API_PREFIX):
            return None
        return method(self, request, *args, **kwargs)

    return hook


# Named in settings.MIDDLEWARE in place of the originals.
AuthenticationMiddleware = web_only("django.contrib.auth.middleware.AuthenticationMiddleware")
OTPMiddleware = web_only("django_otp.middleware.OTPMiddleware")
SecondFactorRequiredMiddleware = web_only(
    "lifeline.accounts.middleware.SecondFactorRequiredMiddleware"
)
MessageMiddleware = web_only("django.contrib.messages.middleware.MessageMiddleware")
