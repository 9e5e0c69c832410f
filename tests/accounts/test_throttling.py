"""Sign-in throttling (django-axes): per account and per client address, members and admin.

Issue 10 §2: 100 wrong passwords in 25 s caused no lockout.
"""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse

from lifeline.accounts.client import client_ip
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"
NOON = dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC)


def member(email):
    user = make_member(email=email).user
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, email, password=PASSWORD, ip="192.0.2.1"):
    return client.post(
        reverse("network:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def test_wrong_passwords_lock_the_account_for_the_cool_off_time(client, settings):
    member("ruth@example.org")
    limit = settings.AXES_FAILURE_LIMIT
    with time_machine.travel(NOON, tick=False):
        for n in range(limit - 1):
            assert (
                sign_in(client, "ruth@example.org", "wrong", ip=f"192.0.2.{n}").status_code == 200
            )
        # The limit-th failure locks the account.
        assert sign_in(client, "ruth@example.org", "wrong", ip="192.0.2.99").status_code == 429
        # Even the right password, from yet another address: the account is locked.
        refused = sign_in(client, "ruth@example.org", ip="198.51.100.7")
        assert refused.status_code == 429
        assert "Too many failed sign-ins" in refused.content.decode()
        assert "_auth_user_id" not in client.session
        # Other accounts are not affected.
        member("ada@example.org")
        assert sign_in(client, "ada@example.org", ip="198.51.100.8").status_code == 302
    later = NOON + dt.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    with time_machine.travel(later, tick=False):
        assert sign_in(client, "ruth@example.org", ip="198.51.100.7").status_code == 302


def test_wrong_passwords_from_one_address_lock_that_address(client, settings):
    member("ruth@example.org")
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess{n}@example.org", "wrong", ip="203.0.113.9")
    assert sign_in(client, "ruth@example.org", ip="203.0.113.9").status_code == 429
    assert sign_in(client, "ruth@example.org", ip="203.0.113.10").status_code == 302


def test_the_admin_sign_in_is_throttled_too(client, settings):
    User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "editor", "password": "wrong"}, REMOTE_ADDR="192.0.2.1")
    response = client.post(
        url, {"username": "editor", "password": PASSWORD}, REMOTE_ADDR="192.0.2.2"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_client_address_behind_proxies_is_the_one_the_outermost_proxy_saw(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.44, 10.0.0.1"
    )
    settings.SIGNIN_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.SIGNIN_PROXY_COUNT = 2
    assert client_ip(request) == "192.0.2.44"  # not the client-written 6.6.6.6
