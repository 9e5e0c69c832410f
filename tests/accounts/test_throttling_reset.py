"""A successful sign-in must not wipe the failures counted against someone else.

django-axes' AXES_RESET_ON_SUCCESS deletes, on each success, every failure that
matches any lockout parameter of that request: with per-address lockouts that
includes the failures from the same address against other accounts. An
attacker with an account of their own could then guess a victim's password
without end: a few wrong guesses, one sign-in of their own, and again.
"""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.network.factories import make_member

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"
NOON = dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC)
ATTACKER_IP = "203.0.113.5"


def member(email):
    user = make_member(email=email).user
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(email, password):
    return Client().post(
        reverse("network:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=ATTACKER_IP,
    )


def test_signing_in_to_ones_own_account_does_not_reset_the_guesses_at_anothers(settings):
    member("victim@example.org")
    member("attacker@example.org")
    limit = settings.AXES_FAILURE_LIMIT
    with time_machine.travel(NOON, tick=False):
        for _round in range(3):
            for _guess in range(limit // 2):
                sign_in("victim@example.org", "a wrong guess")
            sign_in("attacker@example.org", PASSWORD)
        # 3 rounds of limit/2 guesses: well past the limit, so the account is locked,
        # even for its owner from another address.
        refused = Client().post(
            reverse("network:login"),
            {"username": "victim@example.org", "password": PASSWORD},
            REMOTE_ADDR="198.51.100.7",
        )
        assert refused.status_code == 429


def test_addresses_of_one_ipv6_64_are_one_client_for_the_throttle(client, settings):
    """One home or phone holds a whole /64: counting each of its 2^64 addresses
    apart would make the per-address lockout no limit at all."""
    member("ruth@example.org")
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("network:login"),
            {"username": f"guess{n}@example.org", "password": "wrong"},
            REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}",
        )
    same_network = Client().post(
        reverse("network:login"),
        {"username": "ruth@example.org", "password": PASSWORD},
        REMOTE_ADDR="2001:db8:1:2:ffff::9",
    )
    assert same_network.status_code == 429
    other_network = Client().post(
        reverse("network:login"),
        {"username": "ruth@example.org", "password": PASSWORD},
        REMOTE_ADDR="2001:db8:1:3::1",
    )
    assert other_network.status_code == 302


def test_failed_sign_ins_leave_no_address_or_email_in_the_logs(caplog, settings):
    """django-axes logs each failure and lockout at WARNING, which the console
    handler writes to the server's logs: the records say what happened, not who."""
    member("ruth@example.org")
    with caplog.at_level("DEBUG"):
        for _ in range(settings.AXES_FAILURE_LIMIT + 1):
            sign_in("ruth@example.org", "a wrong guess")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "failure" in logged.lower()  # the events are still logged
    assert "ruth@example.org" not in logged
    assert ATTACKER_IP not in logged
