"""Bearer-token authentication for writes, and the editor check."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from lifeline.api.errors import ApiError
from lifeline.api.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ll_...`; the user becomes `request.auth`."""

    def authenticate(self, request, token):
        return ApiToken.objects.user_for(token)


token_auth = TokenAuth()


def require_permission(user, permission: str) -> None:
    """Refuse with 403 unless `user` holds `permission` (editors hold the cases ones)."""
    if not user.has_perm(permission):
        raise ApiError(
            403,
            _("Your account may not do this: it needs the %(permission)s permission.")
            % {"permission": permission},
        )
