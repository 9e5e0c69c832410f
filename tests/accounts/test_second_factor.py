"""Two-step sign-in (TOTP): editors and coordinators can, and by a setting must, use it."""

import time

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.network.factories import make_member, make_section

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"


@pytest.fixture(autouse=True)
def _no_wait_after_a_wrong_code(settings):
    """django-otp makes a device wait after each wrong code; these tests try one at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def code(device, steps_ahead=0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def editor(name="editor") -> User:
    return User.objects.create_user(
        name, email=f"{name}@example.org", password=PASSWORD, is_staff=True
    )


def admin_sign_in(client, username, token=""):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": PASSWORD, "otp_token": token},
    )


def test_an_editor_with_an_app_needs_its_code_to_sign_in_to_the_admin():
    user = editor()
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    without = Client()
    response = admin_sign_in(without, "editor")
    assert response.status_code == 200
    assert "authenticator app" in response.content.decode()
    assert "_auth_user_id" not in without.session
    wrong = Client()
    admin_sign_in(wrong, "editor", token="000000" if code(device) != "000000" else "111111")
    assert "_auth_user_id" not in wrong.session
    right = Client()
    assert admin_sign_in(right, "editor", token=code(device)).status_code == 302
    assert right.get(reverse("admin:index")).status_code == 200


def test_an_editor_without_an_app_signs_in_with_the_password_unless_it_is_required(settings):
    editor()
    client = Client()
    assert admin_sign_in(client, "editor").status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    settings.TWO_FACTOR_REQUIRED = True
    assert client.get(reverse("admin:index")).url == reverse("network:two_factor")


def test_a_required_second_factor_is_set_up_then_used(settings):
    settings.TWO_FACTOR_REQUIRED = True
    user = editor()
    client = Client()
    admin_sign_in(client, "editor")
    page = client.get(reverse("network:two_factor"))
    assert "Your role needs two-step sign-in" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(reverse("network:two_factor"), {"otp_token": "12"}).status_code == 200
    response = client.post(reverse("network:two_factor"), {"otp_token": code(device)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    # The next sign-in needs the code.
    again = Client()
    admin_sign_in(again, "editor")
    assert "_auth_user_id" not in again.session
    admin_sign_in(again, "editor", token=code(device, steps_ahead=1))
    assert again.get(reverse("admin:index")).status_code == 200


def test_a_required_second_factor_applies_to_coordinators_not_members(settings):
    settings.TWO_FACTOR_REQUIRED = True
    member = make_member()
    coordinator = make_member()
    make_section().coordinators.add(coordinator.user)
    client = Client()
    client.force_login(member.user)
    assert client.get(reverse("network:preferences")).status_code == 200
    client.force_login(coordinator.user)
    assert client.get(reverse("network:preferences")).url == reverse("network:two_factor")


def test_a_member_who_turned_it_on_needs_the_code_on_the_members_form():
    member = make_member(email="ruth@example.org")
    member.user.set_password(PASSWORD)
    member.user.save()
    device = TOTPDevice.objects.create(user=member.user, name="phone", confirmed=True)
    login = reverse("network:login")
    client = Client()
    client.post(login, {"username": "ruth@example.org", "password": PASSWORD})
    assert client.get(reverse("network:preferences")).status_code == 302
    client.post(
        login, {"username": "ruth@example.org", "password": PASSWORD, "otp_token": code(device)}
    )
    assert client.get(reverse("network:preferences")).status_code == 200


def test_signed_out_for_the_code_the_editor_comes_back_to_the_same_page(settings):
    """The page asked for, query string included, is where signing in again leads."""
    user = editor()
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    client.force_login(user)  # a session from before the second factor was required
    settings.TWO_FACTOR_REQUIRED = True
    response = client.get("/admin/cases/case/?q=a b&status=open")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("network:login") + "?next=/admin/cases/case/%3Fq%3Da%2520b%26status%3Dopen"
    )
