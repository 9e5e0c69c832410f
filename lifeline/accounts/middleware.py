"""With TWO_FACTOR_REQUIRED, editors and coordinators do nothing before the second factor."""

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from lifeline.accounts import second_factor


class SecondFactorRequiredMiddleware:
    """After django-otp's OTPMiddleware, which sets request.user.is_verified().

    A user who must use a second factor and has none is sent to set one up; one
    who has a device but signed in without it (before it was required) is signed
    out, to sign in again with the code.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if second_factor.must_use(user) and not user.is_verified():
            allowed = {reverse("network:two_factor"), reverse("network:logout")}
            if not request.path.startswith(settings.STATIC_URL) and request.path not in allowed:
                if second_factor.has_device(user):
                    logout(request)
                    # Back to the page asked for, its query string too, encoded.
                    return redirect_to_login(request.get_full_path(), reverse("network:login"))
                return redirect("network:two_factor")
        return self.get_response(request)
