"""Sign-in forms that ask for the second factor of users who turned one on."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from lifeline.accounts import second_factor


class SecondFactorMixin:
    """Adds the code field; a user with a device must give a code it accepts.

    The accepted device is set as `user.otp_device`, which django-otp records
    in the session when the user is signed in (request.user.is_verified()).
    """

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("Only if you turned on two-step sign-in."),
    )

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and second_factor.has_device(user):
            device = second_factor.verified_device(user, cleaned.get("otp_token") or "")
            if device is None:
                raise forms.ValidationError(
                    _(
                        "Enter the current code from your authenticator app: the code was "
                        "missing, wrong or too old."
                    ),
                    code="otp_token",
                )
            user.otp_device = device
        return cleaned


class SignInForm(SecondFactorMixin, AuthenticationForm):
    otp_token = SecondFactorMixin.otp_token


class AdminSignInForm(SecondFactorMixin, AdminAuthenticationForm):
    otp_token = SecondFactorMixin.otp_token


class DeviceForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code shown by the app"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
