"""A second factor (TOTP, django-otp) for editors and coordinators.

Anyone signed in may turn it on; once on, signing in (the members' form and the
admin's) needs the code as well as the password. With TWO_FACTOR_REQUIRED,
editors (staff) and section coordinators must turn it on before they can do
anything else, and must have used it to sign in.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "authenticator app"


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def verified_device(user, token: str) -> TOTPDevice | None:
    """The user's confirmed device that accepts `token` (each device throttles failures)."""
    token = "".join(token.split())
    if not token:
        return None
    with transaction.atomic():
        for device in TOTPDevice.objects.filter(user_id=user.pk, confirmed=True):
            if device.verify_token(token):
                return device
    return None


def must_use(user) -> bool:
    """Whether `user` may do nothing without a second factor (TWO_FACTOR_REQUIRED)."""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    return user.is_staff or user.coordinated_sections.exists()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being set up (a new secret the first time)."""
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def confirm_device(device: TOTPDevice, token: str) -> bool:
    """Turn the second factor on once the app shows a right code; False if it does not."""
    if not device.verify_token("".join(token.split())):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def spaced(key: str) -> str:
    """A base32 secret in groups of four, for typing into an app."""
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
