"""A member who has no password yet chooses one by the reset link.

Members a section imports as confirmed (`lifeline members import --confirmed`) get
no password and no confirmation mail; an unconfirmed member whose confirmation
mail was lost or expired has none either. The reset link, sent to their
mailbox, is how they choose one: it proves the address is theirs, as the
confirmation link does.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from lifeline.network.importing import import_members
from lifeline.network.members_csv import MemberRow
from lifeline.network.models import Member
from lifeline.network.signup import create_member
from tests.mailserver import body, deliver_outbox

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"


@pytest.fixture
def mailing(smtp):
    """The real SMTP server; the tests run the workers' batch after the request."""
    return smtp


def reset_and_sign_in(email: str, smtp) -> Client:
    """Ask for a reset link, choose PASSWORD by it, and sign in with it."""
    client = Client()
    client.post(reverse("network:password_reset"), {"email": email})
    deliver_outbox()
    [message] = smtp.to(email)
    url = re.search(r"http://\S+/network/password/reset/\S+/", body(message)).group(0)
    form = client.get(url.removeprefix(settings.SITE_URL), follow=True)
    assert 'name="new_password1"' in form.content.decode()
    client.post(form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    fresh = Client()
    fresh.post(reverse("network:login"), {"username": email, "password": PASSWORD})
    return fresh


def signed_in(client) -> bool:
    return client.get(reverse("network:preferences")).status_code == 200


def test_a_member_imported_as_confirmed_chooses_a_password_by_the_reset_link(mailing):
    row = MemberRow(
        line=2, name="Ruth Ellis", email="ruth@example.org", language="en", country="GB"
    )
    import_members([row], "UK", confirmed=True)
    assert not Member.objects.get().user.has_usable_password()

    assert signed_in(reset_and_sign_in("ruth@example.org", mailing))


def test_an_unconfirmed_member_who_resets_is_confirmed_and_signs_in(mailing):
    create_member(name="Ruth Ellis", email="ruth@example.org")

    assert signed_in(reset_and_sign_in("ruth@example.org", mailing))
    assert Member.objects.get().confirmed is not None


def test_a_login_with_no_password_and_no_membership_gets_no_reset_mail(mailing, django_user_model):
    user = django_user_model.objects.create(username="sso-only", email="sso@example.org")
    user.set_unusable_password()
    user.save()
    Client().post(reverse("network:password_reset"), {"email": "sso@example.org"})
    assert deliver_outbox() == 0
    assert mailing.messages == []
