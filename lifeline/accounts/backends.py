"""Authentication backends: sign-in throttling, and no sign-in before confirming.

Settings list both (AUTHENTICATION_BACKENDS): the throttle first, so a locked-out
account or client address is refused before any password is checked.
"""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend


class ThrottledBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for every sign-in form (members' and the admin's).

    Calls without a request (the test client's `login()`, scripts) are not
    sign-in attempts from a client and have nothing to throttle by.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class ConfirmedBackend(ModelBackend):
    """Users and passwords, refusing members whose address is not confirmed yet.

    Whoever signs up with someone else's address must not get an account that
    the owner of that address fills in later: until the owner follows the
    confirmation link, the account cannot sign in.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and unconfirmed_member(user):
            return None
        return user


def unconfirmed_member(user) -> bool:
    # By the reverse relation, without importing the network (which imports
    # accounts); a user with no membership raises its DoesNotExist, an
    # AttributeError too.
    member = getattr(user, "member", None)
    return member is not None and member.confirmed is None
