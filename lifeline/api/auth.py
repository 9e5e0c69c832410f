"""Bearer-token authentication for writes, and the editor check."""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from lifeline.api import tokens
from lifeline.api.errors import ApiError
from lifeline.api.models import ApiToken

# How long a process trusts a token it has checked without asking the database
# again: a busy client would otherwise cost a query (and its ORM work) per request.
# A token revoked, or its user deactivated, stops working within this time in every
# process, and at once in the process that saved the change (see `_forget`).
TRUST_SECONDS = 5
# Tokens in use at once are few; a full table is emptied rather than kept in order.
TRUSTED_MAX = 1000
_trusted: dict[str, tuple[float, object]] = {}


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ll_...`; the user becomes `request.auth`."""

    def authenticate(self, request, token):
        digest = tokens.digest(token)
        now = time.time()
        trusted = _trusted.get(digest)
        if trusted is not None and trusted[0] > now:
            return trusted[1]
        user = ApiToken.objects.user_for(token)
        if user is None:
            _trusted.pop(digest, None)
            return None
        if len(_trusted) >= TRUSTED_MAX:
            _trusted.clear()
        _trusted[digest] = (now + TRUST_SECONDS, user)
        return user


token_auth = TokenAuth()


@receiver(post_save, sender=ApiToken)
@receiver(post_delete, sender=ApiToken)
@receiver(post_save, sender=get_user_model())
@receiver(post_delete, sender=get_user_model())
def _forget(**kwargs) -> None:
    """A token revoked or a user changed in this process counts from the next request."""
    _trusted.clear()


def require_permission(user, permission: str) -> None:
    """Refuse with 403 unless `user` holds `permission` (editors hold the cases ones)."""
    if not user.has_perm(permission):
        raise ApiError(
            403,
            _("Your account may not do this: it needs the %(permission)s permission.")
            % {"permission": permission},
        )
