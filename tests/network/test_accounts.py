"""Accounts: joining without a password, confirming once, passwords, mail windows, header.

Issue 10 §1 (account takeover), §2 (confirmation mail flood), §6 (long addresses)
and issue 9 §4 (header links, language kept through confirmation, forms).
"""

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from lifeline.network import signup
from lifeline.network.models import Delivery, MailKind, Member
from tests.mailserver import body, deliver_outbox
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"
NOON = dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def mailing(smtp):
    """The real SMTP server; `deliver_outbox()` runs the workers' batch after requests."""
    return smtp


def join(client, **fields):
    data = {"name": "Ruth Ellis", "email": "ruth@example.org", "language": "en", "country": "GB"}
    data.update(fields)
    return client.post(reverse("network:join"), data)


def sign_in(client, email="ruth@example.org", password=PASSWORD, **extra):
    return client.post(reverse("network:login"), {"username": email, "password": password}, **extra)


def signed_in(client) -> bool:
    return client.get(reverse("network:preferences")).status_code == 200


def confirm_path(member) -> str:
    return reverse("network:confirm", args=[signup.confirm_token(member)])


def confirm(client, path, password=PASSWORD):
    return client.post(path, {"new_password1": password, "new_password2": password})


# Issue 10 §1: account takeover before confirmation.


def test_joining_sets_no_password_even_if_one_is_posted(client):
    join(client, password=PASSWORD)
    member = Member.objects.get()
    assert not member.user.has_usable_password()
    assert not signed_in(client)
    sign_in(client, password=PASSWORD)
    assert not signed_in(client)


def test_an_unconfirmed_account_with_a_password_cannot_sign_in(client):
    member = make_member(email="ruth@example.org", confirmed=False)
    member.user.set_password(PASSWORD)  # as the old join form did, for whoever posted it
    member.user.save()
    response = sign_in(client)
    assert response.status_code == 200
    assert not signed_in(client)
    member.confirmed = NOON
    member.save()
    sign_in(client)
    assert signed_in(client)


def test_confirming_sets_the_password_of_the_mailbox_owner_and_ends_the_strangers_session():
    stranger, owner = Client(), Client()
    member = make_member(email="ruth@example.org", confirmed=False)
    member.user.set_password("the stranger's password")
    member.user.save()
    stranger.force_login(member.user)  # a session opened before confirming was refused
    path = confirm_path(member)
    page = owner.get(path)
    assert page.status_code == 200
    assert 'name="new_password1"' in page.content.decode()
    assert Member.objects.get(pk=member.pk).confirmed is None  # GET changes nothing
    response = confirm(owner, path)
    assert response.status_code == 302
    assert signed_in(owner)
    assert Member.objects.get(pk=member.pk).confirmed is not None
    assert not signed_in(stranger)
    assert not Client().login(username="ruth@example.org", password="the stranger's password")
    fresh = Client()
    sign_in(fresh)
    assert signed_in(fresh)


def test_the_confirmation_link_works_once(client):
    member = make_member(confirmed=False)
    path = confirm_path(member)
    assert confirm(client, path).status_code == 302
    other = Client()
    assert other.get(path).status_code == 400
    assert confirm(other, path, password="another long passphrase").status_code == 400
    member.user.refresh_from_db()
    assert member.user.check_password(PASSWORD)


def test_the_confirmation_link_expires_after_two_days(client):
    with time_machine.travel(NOON, tick=False):
        member = make_member(confirmed=False)
        path = confirm_path(member)
    with time_machine.travel(NOON + dt.timedelta(hours=47), tick=False):
        assert client.get(path).status_code == 200
    with time_machine.travel(NOON + dt.timedelta(hours=49), tick=False):
        assert client.get(path).status_code == 400
        assert confirm(client, path).status_code == 400
    assert Member.objects.get(pk=member.pk).confirmed is None


def test_a_confirmed_member_changes_their_password_and_other_sessions_end():
    member = make_member(email="ruth@example.org")
    member.user.set_password(PASSWORD)
    member.user.save()
    here, elsewhere = Client(), Client()
    sign_in(here)
    sign_in(elsewhere)
    assert signed_in(here) and signed_in(elsewhere)
    new = "a different long passphrase"
    response = here.post(
        reverse("network:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert signed_in(here)
    assert not signed_in(elsewhere)
    fresh = Client()
    sign_in(fresh, password=new)
    assert signed_in(fresh)


def test_changing_the_password_needs_the_members_sign_in(client):
    response = client.get(reverse("network:password_change"))
    assert response.url.startswith(reverse("network:login"))


def test_a_reset_request_only_queues_the_mail(client, mailing, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    member = make_member(email="ruth@example.org")
    member.user.set_password(PASSWORD)
    member.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:password_reset"), {"email": "Ruth@example.org"})
    assert response.status_code == 302
    assert mailing.messages == []
    # A row of the outbox, and a nudge to the workers.
    row = Delivery.objects.get()
    assert (row.kind, row.user, row.to) == (MailKind.RESET, member.user, "")
    assert row.context == {}  # the link is made when the mail is written, never stored
    assert DBTaskResult.objects.filter(task_path__endswith="send_notifications").count() == 1
    assert deliver_outbox() == 1
    assert [recipients for _f, recipients, _m in mailing.messages] == [["ruth@example.org"]]


def test_a_reset_by_mail_sets_a_new_password_and_ends_other_sessions(mailing):
    member = make_member(email="ruth@example.org", language="fr")
    member.user.set_password(PASSWORD)
    member.user.save()
    before = Client()
    sign_in(before)
    assert signed_in(before)
    client = Client()
    client.post(reverse("network:password_reset"), {"email": "ruth@example.org"})
    client.post(reverse("network:password_reset"), {"email": "ruth@example.org"})
    deliver_outbox()
    [message] = mailing.to("ruth@example.org")  # one mail in the window, however often asked
    text = body(message)
    assert "Bonjour" in text or "Dear" in text
    assert message["Content-Language"] == "fr"
    url = re.search(r"http://\S+/network/password/reset/\S+/", text).group(0)
    assert url in body(message, "html")
    path = url.removeprefix(settings.SITE_URL)
    form = client.get(path, follow=True)
    assert 'name="new_password1"' in form.content.decode()
    new = "a different long passphrase"
    response = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert not signed_in(before)
    assert client.get(path, follow=True).context["validlink"] is False  # works once
    fresh = Client()
    sign_in(fresh, password=new)
    assert signed_in(fresh)


# Issue 10 §2: at most one confirmation mail per address in a window.


def test_twenty_sign_ups_for_one_address_send_one_mail(client, mailing):
    with time_machine.travel(NOON, tick=False):
        for n in range(20):
            join(client, email="Ruth@Example.org" if n % 2 else "ruth@example.org")
        deliver_outbox()
        assert len(mailing.messages) == 1
        assert Member.objects.count() == 1
    window = settings.ACCOUNT_MAIL_WINDOW_MINUTES
    with time_machine.travel(NOON + dt.timedelta(minutes=window + 1), tick=False):
        join(client)
        join(client)
        deliver_outbox()
    assert len(mailing.messages) == 2


# Issue 10 §6: long addresses.


def test_two_long_addresses_that_start_alike_get_different_usernames():
    labels = ".".join(["a" * 60, "b" * 60, "c" * 30])
    first, second = f"ruth@{labels}.example.org", f"ruth@{labels}.example.net"
    one = signup.create_member(name="One", email=first)
    two = signup.create_member(name="Two", email=second)  # was IntegrityError on username
    assert one.user.username != two.user.username
    assert max(len(one.user.username), len(two.user.username)) <= 150
    assert signup.username_for(first.upper()) == one.user.username


def test_two_long_addresses_that_start_alike_both_join_and_sign_in(client):
    labels = ".".join(["a" * 60, "b" * 60, "c" * 30])
    first, second = f"ruth@{labels}.example.org", f"ruth@{labels}.example.net"
    assert len(first) > 150 and first[:150] == second[:150]
    assert join(client, email=first).status_code == 302
    assert join(client, email=second).status_code == 302
    assert Member.objects.count() == 2
    for address in (first, second):
        member = Member.objects.get(email=address)
        assert len(member.user.username) <= 150
        confirm(Client(), confirm_path(member))
        signer = Client()
        sign_in(signer, email=address.upper())
        assert signed_in(signer)


# Issue 9 §4: what a reader sees.


def test_a_french_member_who_confirms_stays_in_french(client):
    member = make_member(confirmed=False, language="fr")
    path = confirm_path(member)
    page = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="fr"' in page.content.decode()
    response = client.post(
        path, {"new_password1": PASSWORD, "new_password2": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    landing = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="fr"' in landing
    assert "Votre compte" in landing and "Votre mot de passe" in landing


def test_the_header_offers_join_and_sign_in_then_the_account_and_sign_out(client):
    home = client.get(reverse("cases:home")).content.decode()
    assert f'href="{reverse("network:join")}"' in home
    assert f'href="{reverse("network:login")}"' in home
    member = make_member()
    client.force_login(member.user)
    page = client.get(reverse("cases:home")).content.decode()
    assert f'href="{reverse("network:login")}"' not in page
    assert f'href="{reverse("network:preferences")}"' in page
    assert re.search(rf'<form action="{reverse("network:logout")}" method="post">', page)
    client.post(reverse("network:logout"))
    assert not signed_in(client)


def test_the_forms_use_the_site_style_and_group_countries_by_region(client):
    join_page = client.get(reverse("network:join")).content.decode()
    assert 'class="field"' in join_page
    assert 'type="password"' not in join_page
    member = make_member(countries=["MX"])
    client.force_login(member.user)
    page = client.get(reverse("network:preferences")).content.decode()
    assert (
        "<select" not in page.split('id="id_chosen_countries"')[1].split("</fieldset>\n</div>")[0]
    )
    assert "multiple" not in page
    regions = re.findall(r"<details( open)?>\s*<summary>([^<]+)</summary>", page)
    assert [name for _, name in regions][:5] == ["Africa", "Americas", "Asia", "Europe", "Oceania"]
    assert dict((name, bool(is_open)) for is_open, name in regions)["Americas"] is True
    assert re.search(
        r'<input type="checkbox" name="chosen_countries" value="MX" id="[^"]+" checked>', page
    )


def test_one_client_cannot_use_the_join_form_to_mail_a_list_of_strangers(client, settings):
    settings.SIGNUPS_PER_CLIENT = 3
    for n in range(3):
        assert join(client, email=f"stranger{n}@example.org").status_code == 302

    refused = join(client, email="stranger3@example.org")

    assert refused.status_code == 429
    assert "Too many sign-ups from your network address" in refused.content.decode()
    assert not Member.objects.filter(email="stranger3@example.org").exists()
    assert Member.objects.count() == 3
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert join(other, email="someone@example.org").status_code == 302
