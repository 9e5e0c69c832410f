"""The one-mail-per-address window keeps no address, nor a hash anyone could reverse."""

import hashlib

import pytest

from lifeline.accounts.mail_window import first_in_window
from lifeline.accounts.models import MailWindow

pytestmark = pytest.mark.django_db


def test_one_mail_per_address_and_kind_in_the_window():
    assert first_in_window("confirm", "Ruth@example.org")
    assert not first_in_window("confirm", "ruth@example.org ")
    assert first_in_window("password-reset", "ruth@example.org")


def test_the_row_holds_a_keyed_hash_not_one_of_the_address_alone():
    """A plain SHA-256 of a known address is found by hashing a list of addresses."""
    first_in_window("confirm", "ruth@example.org")
    key = MailWindow.objects.get().key
    assert "ruth" not in key
    assert key != hashlib.sha256(b"confirm:ruth@example.org").hexdigest()
